import { describe, expect, it } from 'vitest';
import { toNodeIds } from '../../core/graph/path.ts';
import rule from '../../core/lint/rules/seconds-to-human.ts';
import { FlowSchema } from '../../core/schema/flow.ts';
import { analyzeFlow } from '../../core/solver/analyze.ts';
import { cleanLine, makeFlow, menu, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

/** A say node playing a recording of `seconds`. */
const recording = (seconds: number, next: string) => ({ kind: 'say' as const, prompt: { audio: 'https://example.com/disclaimer.mp3', seconds }, next });

const longDisclaimer = () =>
  makeFlow('welcome', {
    welcome: recording(125, 'main'),
    main: menu({ '0': 'agent' }, { fallback: 'agent' }),
    agent: transfer({ onFailure: 'vm' }),
    vm: voicemail(),
  });

testRule(rule, {
  valid: [
    { name: 'the clean line: a few seconds at worst', flow: cleanLine() },
    { name: 'a long disclaimer under a raised budget', flow: longDisclaimer(), options: { maxSeconds: 200 } },
    {
      name: 'no help at all is human-unreachable\'s finding, not a slow line',
      flow: makeFlow('welcome', { welcome: recording(125, 'main'), main: menu({ '0': 'agent' }, { fallback: 'agent' }), agent: transfer({ answered: 'main' }) }),
    },
  ],
  invalid: [
    {
      name: 'a long recorded disclaimer at the start: reported once, at the entry',
      flow: longDisclaimer(),
      errors: [
        {
          messageId: 'tooSlow',
          nodeId: 'welcome',
          severity: 'warning',
          scenario: 'worst-case',
          path: ['welcome', 'main', 'agent', 'vm'],
          end: 'followUp',
          message: 'about 127 s away; the budget is 120 s',
        },
      ],
    },
    {
      name: 'a slow branch behind one menu option is reported where it starts',
      flow: makeFlow('main', {
        main: menu({ '1': 'billing', '0': 'agent' }, { fallback: 'agent' }),
        billing: recording(150, 'billingMenu'),
        billingMenu: menu({ '0': 'agent' }, { fallback: 'agent' }),
        agent: transfer({ onFailure: 'vm' }),
        vm: voicemail(),
      }),
      errors: [{ messageId: 'tooSlow', nodeId: 'billing', path: ['main', 'billing', 'billingMenu', 'agent', 'vm'], end: 'followUp', message: 'about 152 s' }],
    },
    {
      name: 'a tighter budget from the options: each slow region once',
      flow: cleanLine(),
      options: { maxSeconds: 2 },
      errors: [
        { messageId: 'tooSlow', nodeId: 'welcome', path: ['welcome', 'main', 'agent', 'vm'], message: 'about 3 s away; the budget is 2 s' },
        { messageId: 'tooSlow', nodeId: 'info', path: ['welcome', 'main', 'info', 'main', 'agent', 'vm'], message: 'about 4 s' },
      ],
    },
  ],
});

describe('seconds-to-human proof', () => {
  it('states the worst-case seconds, the limit and the route attaining it', () => {
    // info "We are open nine to five." 2.4 s, then main "Please choose an option." 1.6 s, press 0: 4 s; welcome 1.2 + 1.6 = 2.8 s.
    const flow = cleanLine();
    const proof = rule.prove!({ flow, analysis: analyzeFlow(FlowSchema.parse(flow)), options: rule.meta.options.parse({}), maxSteps: 3 });
    expect(proof).toMatchObject({ bound: 4, limit: 120, unit: 'seconds', nodeId: 'info' });
    expect(toNodeIds(proof!.path!)).toEqual(['welcome', 'main', 'info', 'main', 'agent', 'vm']);
  });
});
