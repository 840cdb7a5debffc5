import { describe, expect, it } from 'vitest';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import rule, { getFirstMenus } from '../../core/lint/rules/human-option-first-menu.ts';
import { analyzeFlow } from '../../core/solver/analyze.ts';
import { callback, cleanLine, hangup, hours, http, input, makeFlow, menu, queue, say, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const agentNodes = { agent: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() };

testRule(rule, {
  valid: [
    { name: 'the main menu sends 0 to a transfer', flow: cleanLine() },
    {
      name: 'the person option goes through a prompt and an hours check; closed hours reach voicemail',
      flow: makeFlow('main', { main: menu({ '1': 'sub', '2': 'hold' }, { fallback: 'vm' }), hold: say('hours', 'One moment.'), hours: hours('q', 'vm'), q: queue({ answered: 'bye', full: 'vm' }), sub: menu({ '1': 'bye' }, { fallback: 'vm' }), ...agentNodes }),
    },
    {
      name: 'a later menu without a person option is not the first one',
      flow: makeFlow('main', { main: menu({ '0': 'agent', '1': 'sub' }, { fallback: 'agent' }), sub: menu({ '1': 'bye' }, { fallback: 'agent' }), ...agentNodes }),
    },
    {
      name: 'on the closed-hours branch the first menu offers a call back',
      flow: makeFlow('hours', { hours: hours('open', 'closed'), open: menu({ '0': 'agent' }, { fallback: 'agent' }), closed: menu({ '1': 'cb' }, { fallback: 'cb' }), cb: callback('bye'), ...agentNodes }),
    },
  ],
  invalid: [
    {
      name: 'every option of the main menu leads to another menu or an input',
      flow: makeFlow('welcome', {
        welcome: say('main', 'Welcome.'),
        main: menu({ '1': 'sub', '2': 'account' }, { fallback: 'agent' }),
        sub: menu({ '0': 'agent' }, { fallback: 'agent' }),
        account: input('agent', { noInput: 'agent', invalid: 'agent' }),
        ...agentNodes,
      }),
      errors: [{ messageId: 'noHumanOption', nodeId: 'main', path: ['welcome', 'main'], message: '"main"' }],
    },
    {
      name: 'after an input, the first menu met on each branch is checked, by the route that reaches it first',
      flow: makeFlow('hours', {
        hours: hours('account', 'closed'),
        account: input('open', { noInput: 'open', invalid: 'open' }),
        open: menu({ '0': 'agent' }, { fallback: 'agent' }),
        closed: menu({ '1': 'open' }, { fallback: 'vm' }),
        ...agentNodes,
      }),
      errors: [{ messageId: 'noHumanOption', nodeId: 'closed', path: ['hours', 'closed'] }],
    },
  ],
});

describe('human-option-first-menu by default', () => {
  it('is off: a flow without config is not checked by it', () => {
    const flow = makeFlow('main', { main: menu({ '1': 'sub' }, { fallback: 'agent' }), sub: menu({ '0': 'agent' }, { fallback: 'agent' }), ...agentNodes });
    const { result } = lintParsedFlow(flow);
    expect(result.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });
});

describe('getFirstMenus', () => {
  it('gives as evidence the option whose every outcome reaches a person or a follow-up, over one behind a look-up that may fail', () => {
    const flow = makeFlow('main', {
      main: { ...menu({}, { fallback: 'agent' }), options: [{ key: '1', next: 'lookup' }, { key: '0', next: 'q' }] },
      lookup: http({ ok: 'agent', failed: 'bye', timeout: 'bye' }),
      q: queue({ answered: 'bye', full: 'vm' }),
      ...agentNodes,
    });
    const [first, ...others] = getFirstMenus(analyzeFlow(flow));
    expect(others).toEqual([]);
    expect(first).toMatchObject({ humanOption: 1 });
    expect(first!.humanRoute!.steps.map((step) => step.nodeId)).toEqual(['main', 'q']);
  });
});
