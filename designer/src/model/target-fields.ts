import { z } from 'zod';
import { FlowNodeSchema, TargetSchema, type FlowNode } from '../../../core/schema/flow.ts';

// Where a node holds transitions, read from the zod schema rather than the
// registry's exits: a rename or a delete must also reach a transition the
// registry hides (a queue's `on.timeout` without `maxWait`), or it would
// leave a stale id behind.

/** A path to a transition field; `*` stands for any array index. */
type FieldPattern = readonly string[];

function collectTargetPatterns(schema: z.ZodType, prefix: string[], out: FieldPattern[]): void {
  if (schema === TargetSchema) {
    out.push(prefix);
  } else if (schema instanceof z.ZodOptional) {
    collectTargetPatterns(schema.unwrap() as z.ZodType, prefix, out);
  } else if (schema instanceof z.ZodObject) {
    for (const [key, field] of Object.entries(schema.shape)) collectTargetPatterns(field as z.ZodType, [...prefix, key], out);
  } else if (schema instanceof z.ZodArray) {
    collectTargetPatterns(schema.element as z.ZodType, [...prefix, '*'], out);
  }
  // Unions (a transfer's `to`, a condition's `test`), records and scalars hold no transitions.
}

const PATTERNS_BY_KIND = new Map<string, FieldPattern[]>(
  FlowNodeSchema.options.map((schema) => {
    const patterns: FieldPattern[] = [];
    collectTargetPatterns(schema, [], patterns);
    return [schema.shape.kind.value, patterns];
  }),
);

export interface TargetField {
  /** dotted path of the field inside the node, e.g. `options.0.next`: the handle id of its exit */
  path: string;
  /** the node id it holds */
  target: string;
}

function expand(value: unknown, pattern: FieldPattern, at: number, path: string[], out: TargetField[]): void {
  if (value === null || typeof value !== 'object') return;
  const key = pattern[at]!;
  const isLast = at === pattern.length - 1;
  const visit = (k: string) => {
    const child = (value as Record<string, unknown>)[k];
    if (isLast) {
      if (typeof child === 'string') out.push({ path: [...path, k].join('.'), target: child });
    } else {
      expand(child, pattern, at + 1, [...path, k], out);
    }
  };
  if (key === '*') {
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) visit(String(i));
  } else {
    visit(key);
  }
}

/** Every transition a node holds, connected ones only. */
export function getTargetFields(node: FlowNode): TargetField[] {
  const fields: TargetField[] = [];
  for (const pattern of PATTERNS_BY_KIND.get(node.kind) ?? []) expand(node, pattern, 0, [], fields);
  return fields;
}
