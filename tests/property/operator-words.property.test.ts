import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continueCall, startCall } from '../../core/interpreter/index.ts';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import { RULES } from '../../core/lint/registry.ts';
import { FlowSchema, type Flow, type RuleSettings } from '../../core/schema/flow.ts';

// operator-key's verdict on each spoken operator word is the interpreter's
// route for a caller who says just that word: on random speech menus whose
// phrases hold the words alone, in longer phrases, in plurals, in any case.

const WORDS = ['agent', 'operator', 'representative'] as const;
const PHRASES = [
  'agent',
  'Operator!',
  'representative',
  'talk to an agent',
  'an agent',
  'agents',
  'operator please',
  'speak to a representative',
  'billing',
  'REPRESENTATIVE.',
];
const ONLY_OPERATOR_KEY: RuleSettings = Object.fromEntries(RULES.map((rule) => [rule.id, rule.id === 'operator-key' ? ('error' as const) : ('off' as const)]));
const RUN = { flowVersion: 'p', now: new Date('2026-03-10T15:00:00Z'), random: () => 0.5 };

const menuOption = fc.record({ phrases: fc.uniqueArray(fc.constantFrom(...PHRASES), { minLength: 1, maxLength: 3 }), toPerson: fc.boolean() });

const speechMenu = fc.array(menuOption, { minLength: 1, maxLength: 4 }).map(
  (options): Flow =>
    FlowSchema.parse({
      name: 'speech menu',
      entry: 'm',
      nodes: {
        m: {
          kind: 'menu',
          prompt: 'p',
          speech: { language: 'en-US' },
          options: options.map((option, index) => ({ key: String(index), phrases: option.phrases, next: option.toPerson ? 't' : 'sub' })),
          noInput: { next: 't' },
          noMatch: { next: 't' },
        },
        sub: { kind: 'menu', prompt: 'q', options: [{ key: '0', next: 't' }], noInput: { next: 't' }, noMatch: { next: 't' } },
        t: { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
        vm: { kind: 'voicemail', prompt: 'leave' },
      },
    }),
);

describe('operator-key and the interpreter on spoken operator words', () => {
  it('report a word exactly when a caller saying just that word is not put through to a person', () => {
    fc.assert(
      fc.property(speechMenu, (flow) => {
        const { result } = lintParsedFlow(flow, { config: { rules: ONLY_OPERATOR_KEY } });
        const reported = new Set(result.findings.flatMap((finding) => WORDS.filter((word) => finding.message.includes(`"${word}"`))));
        const start = startCall(flow, { callSid: 'CAprop', from: '+15551234567', to: '+12125550000' }, RUN);
        for (const word of WORDS) {
          const wait = continueCall(flow, start.state, { type: 'input', speech: word }, RUN).wait;
          const putThrough = wait.kind === 'dial' && wait.nodeId === 't';
          expect(reported.has(word), `"${word}" goes to ${wait.kind} ${'nodeId' in wait ? wait.nodeId : ''}`).toBe(!putThrough);
        }
      }),
      { numRuns: 300 },
    );
  });
});
