import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getExits, getTargetFields, NODE_KINDS } from '../../core/nodes/registry.ts';
import { FlowNodeSchema, TargetSchema, type FlowNode } from '../../core/schema/flow.ts';

// The registry is the one place that says which fields of a node hold
// transitions; the schema says which fields are node ids. The two must agree.

/** Dotted paths (`*` for a list index) of the fields the schema types as a transition. */
function getSchemaTargetFields(schema: z.ZodType, prefix: string[] = []): string[] {
  if (schema === TargetSchema) return [prefix.join('.')];
  if (schema instanceof z.ZodOptional) return getSchemaTargetFields(schema.unwrap() as z.ZodType, prefix);
  if (schema instanceof z.ZodArray) return getSchemaTargetFields(schema.element as z.ZodType, [...prefix, '*']);
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape).flatMap(([key, field]) => getSchemaTargetFields(field as z.ZodType, [...prefix, key]));
  return [];
}

describe('node registry', () => {
  for (const schema of FlowNodeSchema.options) {
    const kind = schema.shape.kind.value;
    it(`${kind}: declares an exit for every field the schema types as a transition, and for no other`, () => {
      // A link's exit names a node of another flow (its `target`), not one of this flow's transitions.
      const declared = NODE_KINDS[kind].exits.filter((exit) => !('target' in exit)).map((exit) => exit.field);
      expect([...declared].sort()).toEqual(getSchemaTargetFields(schema).sort());
    });
  }

  it('gives a link to another flow an exit to `flow:node`, which no rename of this flow touches', () => {
    const link: FlowNode = { kind: 'goto', flow: 'brand', on: { failed: 'vm' } };
    expect(getExits(link).map(({ id, target }) => ({ id, target }))).toEqual([
      { id: 'flow', target: 'brand:' },
      { id: 'on.failed', target: 'vm' },
    ]);
    expect(getTargetFields({ kind: 'goto', flow: 'brand', node: 'hours' })).toEqual([]);
  });

  it('gives each exit the dotted path of the field that holds its target as its id', () => {
    const menu: FlowNode = { kind: 'menu', prompt: 'Hi', options: [{ key: '1', next: 'a' }, { phrases: ['help'], next: 'b' }], noMatch: { next: 'c' } };
    expect(getExits(menu).map(({ id, label, target }) => ({ id, label, target }))).toEqual([
      { id: 'options.0.next', label: 'press 1', target: 'a' },
      { id: 'options.1.next', label: 'say "help"', target: 'b' },
      { id: 'noInput.next', label: 'no input', target: undefined },
      { id: 'noMatch.next', label: 'no match', target: 'c' },
    ]);
  });

  it('lists a transition the node has no exit for, so a rename reaches it', () => {
    const queue: FlowNode = { kind: 'queue', queue: 'support', on: { answered: 'bye', timeout: 'voicemail' } };
    expect(getExits(queue).map((exit) => exit.id)).not.toContain('on.timeout');
    expect(getTargetFields(queue)).toEqual([
      { path: 'on.answered', target: 'bye' },
      { path: 'on.timeout', target: 'voicemail' },
    ]);
  });

  it('reads the transitions of a node the schema refuses, in the order it writes them, and nothing else', () => {
    const odd = {
      kind: 'http',
      request: { url: 'not a url', body: { next: 'page2' } },
      on: { timeout: 'sorry', ok: 'menu', other: 'x' },
      options: [{ next: 'y' }],
    } as unknown as FlowNode;
    expect(getTargetFields(odd)).toEqual([
      { path: 'on.timeout', target: 'sorry' },
      { path: 'on.ok', target: 'menu' },
    ]);
    expect(getTargetFields({ kind: 'menu', options: { '*': { next: 'x' } } } as unknown as FlowNode)).toEqual([]);
    expect(getTargetFields({ kind: 'nonsense', next: 'x' } as unknown as FlowNode)).toEqual([]);
  });
});
