import { z } from 'zod';
import { FlowSchema } from './flow.ts';

/** The flow format as JSON Schema (draft 2020-12), for editors and other tools. */
export function getFlowJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(FlowSchema, { target: 'draft-2020-12', unrepresentable: 'any', reused: 'ref' }),
    $id: 'https://humanline.dev/schema/flow.schema.json',
    title: 'humanline flow',
  };
}

export function toJsonSchemaText(): string {
  return `${JSON.stringify(getFlowJsonSchema(), null, 2)}\n`;
}
