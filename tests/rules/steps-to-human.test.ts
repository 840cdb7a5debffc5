import { describe, expect, it } from 'vitest';
import { toNodeIds } from '../../core/graph/path.ts';
import rule from '../../core/lint/rules/steps-to-human.ts';
import { FlowSchema, type FlowNode } from '../../core/schema/flow.ts';
import { analyzeFlow } from '../../core/solver/analyze.ts';
import { callback, cleanLine, hangup, makeFlow, menu, queue, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

/** Menus m1..mN in a row where only the last one leads to a person; silence leads on too. */
function chain(length: number): Record<string, FlowNode> {
  const nodes: Record<string, FlowNode> = {};
  for (let level = 1; level <= length; level++) {
    const next = level < length ? `m${level + 1}` : 'agent';
    nodes[`m${level}`] = menu({ '1': next }, { fallback: next });
  }
  return { ...nodes, agent: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() };
}

testRule(rule, {
  valid: [
    { name: 'one step to an agent', flow: cleanLine() },
    { name: 'three menus in a row fit a budget of 3', flow: makeFlow('m1', chain(3)) },
    { name: 'four menus fit when the flow raises its budget', flow: makeFlow('m1', chain(4), { settings: { maxSteps: 4 } }) },
  ],
  invalid: [
    {
      name: 'four menus before a person',
      flow: makeFlow('m1', chain(4)),
      errors: [{ messageId: 'entryTooFar', nodeId: 'm1', path: ['m1', 'm2', 'm3', 'm4', 'agent'], end: 'person', scenario: 'best-case', message: '4 steps' }],
    },
    {
      name: 'the --max-steps budget applies',
      flow: makeFlow('m1', chain(3)),
      maxSteps: 2,
      errors: [{ messageId: 'entryTooFar', nodeId: 'm1', message: 'the budget is 2' }],
    },
    {
      name: 'the worst case shows the queue failing, not the caller taking its callback offer',
      flow: makeFlow('main', {
        main: menu({ '0': 'agent' }, { fallback: 'agent' }),
        agent: transfer({ answered: 'bye', onFailure: 'r1' }),
        r1: menu({ '1': 'r2', '0': 'r2' }, { fallback: 'r2' }),
        r2: menu({ '1': 'r3', '0': 'r3' }, { fallback: 'r3' }),
        r3: menu({ '1': 'q', '0': 'q' }, { fallback: 'q' }),
        q: { ...queue({ answered: 'bye', full: 'vm' }), callbackOffer: { key: '1', next: 'cb' } },
        cb: callback('bye'),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
      errors: [{ messageId: 'worstTooFar', nodeId: 'main', scenario: 'worst-case', path: ['main', 'agent', 'r1', 'r2', 'r3', 'q', 'vm'], end: 'followUp' }],
    },
    {
      name: 'help is close only when things go right',
      flow: makeFlow('main', {
        main: menu({ '0': 'agent' }, { fallback: 'agent' }),
        agent: transfer({ answered: 'bye', onFailure: 'r1' }),
        r1: menu({ '1': 'r2', '0': 'r2' }, { fallback: 'r2' }),
        r2: menu({ '1': 'r3', '0': 'r3' }, { fallback: 'r3' }),
        r3: menu({ '1': 'vm', '0': 'vm' }, { fallback: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
      errors: [
        { messageId: 'worstTooFar', nodeId: 'main', path: ['main', 'agent', 'r1', 'r2', 'r3', 'vm'], end: 'followUp', scenario: 'worst-case', message: '4 steps' },
      ],
    },
  ],
});

describe('steps-to-human proof', () => {
  it('states the worst-case steps, the flow\'s budget and the route attaining it', () => {
    // welcome → main (1 step: press 0) → agent fails → vm: 1 step from welcome, main and info alike; welcome comes first.
    const flow = cleanLine();
    const proof = rule.prove!({ flow, analysis: analyzeFlow(FlowSchema.parse(flow)), options: {}, maxSteps: 3 });
    expect(proof).toMatchObject({ bound: 1, limit: 3, unit: 'steps', nodeId: 'welcome' });
    expect(toNodeIds(proof!.path!)).toEqual(['welcome', 'main', 'agent', 'vm']);
  });
});
