import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toJsonSchemaText } from '../core/schema/json-schema.ts';
import { parseFlow } from '../core/schema/parse.ts';
import { cleanLine } from './helpers/flows.ts';

describe('flow schema', () => {
  it('accepts a well-formed flow unchanged (no defaults written in, so files round-trip)', () => {
    const flow = cleanLine();
    const result = parseFlow(structuredClone(flow));
    expect(result).toEqual({ ok: true, flow });
  });

  it('reports a misspelt field with its JSON path and node instead of dropping it', () => {
    const flow = cleanLine() as any;
    flow.nodes.main.noInput.nxt = 'agent';
    const result = parseFlow(flow);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ path: 'nodes.main.noInput', nodeId: 'main', message: 'unknown field "nxt" (check the spelling)' }]);
  });

  it('names the allowed kinds for an unknown node kind', () => {
    const result = parseFlow({ name: 'x', entry: 'a', nodes: { a: { kind: 'ivr' } } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ path: 'nodes.a.kind', nodeId: 'a', message: expect.stringContaining("'menu'") });
  });

  it('refuses an unknown time zone, a bad phone number and a bad node id', () => {
    const flow = cleanLine() as any;
    flow.nodes.hours = { kind: 'condition', test: { type: 'hours', timezone: 'Mars/Olympus', weekly: {} }, then: 'agent', else: 'vm' };
    flow.nodes.agent.to = { number: '555-0100' };
    flow.nodes['9lives'] = { kind: 'hangup' };
    const result = parseFlow(flow);
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'nodes.agent.to.number', nodeId: 'agent', message: 'an E.164 number such as "+34910000000"' },
      { path: 'nodes.hours.test.timezone', nodeId: 'hours', message: 'an IANA time zone such as "Europe/Madrid"' },
      { path: 'nodes.9lives', nodeId: '9lives', message: expect.stringContaining('invalid id "9lives": a node id starts with a letter') },
    ]);
  });

  it('refuses a node named __proto__ instead of silently losing it', () => {
    const text = '{"name":"x","entry":"main","nodes":{"main":{"kind":"say","prompt":"Hi","next":"__proto__"},"__proto__":{"kind":"hangup"}}}';
    const result = parseFlow(JSON.parse(text));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.message).join('\n')).toContain('__proto__');
  });

  it('publishes an up-to-date JSON Schema (run `npm run schema` after changing the schema)', () => {
    const published = readFileSync(new URL('../core/schema/flow.schema.json', import.meta.url), 'utf8');
    expect(published).toBe(toJsonSchemaText());
    const schema = JSON.parse(published);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'entry', 'nodes']));
  });
});
