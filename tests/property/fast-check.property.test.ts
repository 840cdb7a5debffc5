import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFastCheck } from '../../core/schema/fast-check.ts';
import { FlowSchema } from '../../core/schema/flow.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import { propertyFlow } from './arbitraries.ts';
import { readShippedFlowTexts } from '../helpers/shipped-flows.ts';

// The fast validity check may only say yes where zod accepts the input and
// returns it unchanged; zod stays the authority (core/schema/parse.ts).

const isValidFlow = compileFastCheck(FlowSchema);

/** A copy of `value` with the thing at one random path replaced by `replacement` (or removed). */
function mutate(value: unknown, choices: number[], replacement: unknown, remove: boolean): unknown {
  const copy = structuredClone(value);
  let at: any = copy;
  for (let depth = 0; depth < choices.length; depth++) {
    if (typeof at !== 'object' || at === null) break;
    const keys = Object.keys(at);
    if (keys.length === 0) break;
    const key = keys[choices[depth]! % keys.length]!;
    const child = at[key];
    const last = depth === choices.length - 1 || typeof child !== 'object' || child === null;
    if (last) {
      if (remove && !Array.isArray(at)) delete at[key];
      else at[key] = replacement;
      break;
    }
    at = child;
  }
  return copy;
}

const odd = fc.oneof(
  fc.anything(),
  fc.constantFrom('', ' https://x.example', 'https://x.example\n', 'Mars/Olympus', '__proto__', '+1', 'sip:', '99:99', 'Press 1\u000b', 'Sales \ud800', '\ufffe', 'https://x.example/a\u000cb.mp3', '^(\\d+)+0$', 1.5, -1, 0, 11, NaN, Infinity, null, [], {}),
);

describe('the fast validity check', () => {
  it('accepts the shipped flows, so linting them takes the fast path', () => {
    for (const { file, text } of readShippedFlowTexts()) expect(isValidFlow(JSON.parse(text)), file).toBe(true);
  });

  it.each([
    ['text a call cannot carry', { kind: 'say', prompt: 'Press 1\u000b' }],
    ['an unsafe input pattern', { kind: 'input', prompt: 'PIN?', variable: 'pin', pattern: '^(\\d+)+0$' }],
    ['an unsafe pattern in a condition', { kind: 'condition', test: { type: 'caller', field: 'from', op: 'matches', value: ['^\\+34', '(a|a)*'] } }],
  ])('says no to %s, as zod does', (_, node) => {
    const flow = { name: 'x', entry: 'a', nodes: { a: node } };
    expect(isValidFlow(flow)).toBe(false);
    expect(FlowSchema.safeParse(flow).success).toBe(false);
    expect(isValidFlow({ ...flow, nodes: { a: { kind: 'hangup' } } })).toBe(true);
  });

  it('says yes only where zod accepts the flow and returns it unchanged, for random and mutated flows', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(propertyFlow, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), odd, fc.boolean(), fc.boolean(), (flow, choices, replacement, remove, keep) => {
        const input = keep ? flow : mutate(flow, choices, replacement, remove);
        const zod = FlowSchema.safeParse(input);
        if (isValidFlow(input)) {
          accepted++;
          expect(zod.success).toBe(true);
          expect(zod.data).toEqual(input);
        } else {
          rejected++;
        }
      }),
      { seed: 20261123, numRuns: 2000 },
    );
    // Both answers occur, so the property says something.
    expect(accepted).toBeGreaterThan(200);
    expect(rejected).toBeGreaterThan(200);
  });

  it('agrees with zod on every well-formed random flow (no needless slow path)', () => {
    fc.assert(
      fc.property(propertyFlow, (flow) => {
        expect(isValidFlow(flow)).toBe(FlowSchema.safeParse(flow).success);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});

describe('schema findings for the same mutated flows', () => {
  it('never throw, and each names a place in the file and says more than zod\'s bare "Invalid input"', () => {
    let refused = 0;
    fc.assert(
      fc.property(propertyFlow, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), odd, fc.boolean(), (flow, choices, replacement, remove) => {
        const result = parseFlow(mutate(flow, choices, replacement, remove));
        if (result.ok) return;
        refused++;
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(issue.message).not.toMatch(/^Invalid input/);
          expect(issue.message.length).toBeGreaterThan(5);
          if (issue.nodeId !== undefined) expect(issue.path.startsWith(`nodes.${issue.nodeId}`)).toBe(true);
        }
      }),
      { seed: 20261202, numRuns: 2000 },
    );
    expect(refused).toBeGreaterThan(200);
  });
});
