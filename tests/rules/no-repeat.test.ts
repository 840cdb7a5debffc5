import { describe, expect, it } from 'vitest';
import { toNodeIds } from '../../core/graph/path.ts';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import rule, { getRepeatedInputs } from '../../core/lint/rules/no-repeat.ts';
import { analyzeFlow } from '../../core/solver/analyze.ts';
import type { FlowNode } from '../../core/schema/flow.ts';
import { hangup, http, input, makeFlow, menu, say, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const agentNodes = { agent: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() };
const phone = (next: string) => ({ ...input(next, { noInput: 'agent', invalid: 'agent' }), variable: 'phone', prompt: 'Enter your phone number.' });

testRule(rule, {
  valid: [
    { name: 'a line without inputs', flow: makeFlow('main', { main: menu({ '0': 'agent' }, { fallback: 'agent' }), ...agentNodes }) },
    {
      name: 'no input and invalid entries come back to the same input before any valid entry: retries, not asking twice',
      flow: makeFlow('account', { account: input('agent', { noInput: 'account', invalid: 'account' }), ...agentNodes }),
    },
    {
      name: 'two inputs of different variables, one after the other',
      flow: makeFlow('account', { account: input('phone', { noInput: 'agent', invalid: 'agent' }), phone: phone('agent'), ...agentNodes }),
    },
    {
      name: 'a look-up saving under the same name is not asking',
      flow: makeFlow('account', { account: input('lookup', { noInput: 'agent', invalid: 'agent' }), lookup: { ...http({ ok: 'agent', failed: 'agent', timeout: 'agent' }), saveAs: 'account' }, ...agentNodes }),
    },
    {
      name: 'the same variable asked on two branches no call takes both of',
      flow: makeFlow('main', {
        main: menu({ '1': 'account', '2': 'again', '0': 'agent' }, { fallback: 'agent' }),
        account: input('agent', { noInput: 'agent', invalid: 'agent' }),
        again: input('agent', { noInput: 'agent', invalid: 'agent' }),
        ...agentNodes,
      }),
    },
    {
      name: 'with sameInput, back at the main menu, a condition that the account exists goes round the input',
      options: { sameInput: true },
      flow: makeFlow('main', {
        main: menu({ '1': 'known', '0': 'agent' }, { fallback: 'agent' }),
        known: { kind: 'condition', test: { type: 'variable', variable: 'account', op: 'exists' }, then: 'lookup', else: 'account' },
        account: input('lookup', { noInput: 'agent', invalid: 'agent' }),
        lookup: http({ ok: 'balance', failed: 'agent', timeout: 'agent' }),
        balance: say('main', 'Your balance is ten dollars.'),
        ...agentNodes,
      }),
    },
    {
      name: 'by default, back to the main menu and the same input again is the caller choosing the task again (another account)',
      flow: makeFlow('main', {
        main: menu({ '1': 'account', '0': 'agent' }, { fallback: 'agent' }),
        account: input('lookup', { noInput: 'agent', invalid: 'agent' }),
        lookup: http({ ok: 'balance', failed: 'agent', timeout: 'agent' }),
        balance: say('main', 'Your balance is ten dollars.'),
        ...agentNodes,
      }),
    },
  ],
  invalid: [
    {
      name: 'with sameInput, back to the main menu after the balance, then to the same input again',
      options: { sameInput: true },
      flow: makeFlow('main', {
        main: menu({ '1': 'account', '0': 'agent' }, { fallback: 'agent' }),
        account: input('lookup', { noInput: 'agent', invalid: 'agent' }),
        lookup: http({ ok: 'balance', failed: 'agent', timeout: 'agent' }),
        balance: say('main', 'Your balance is ten dollars.'),
        ...agentNodes,
      }),
      errors: [{ messageId: 'askedAgain', nodeId: 'account', path: ['main', 'account', 'lookup', 'balance', 'main', 'account'], end: 'loop', message: 'already entered it at "account"' }],
    },
    {
      name: 'a failed look-up asks for the account again at another input',
      flow: makeFlow('account', {
        account: input('lookup', { noInput: 'agent', invalid: 'agent' }),
        lookup: http({ ok: 'agent', failed: 'retype', timeout: 'agent' }),
        retype: input('agent', { noInput: 'agent', invalid: 'agent' }),
        ...agentNodes,
      }),
      errors: [{ messageId: 'askedAgain', nodeId: 'retype', path: ['account', 'lookup', 'retype'], end: 'open', message: 'asks for account again' }],
    },
    {
      name: 'a condition on another variable, or testing a value rather than that it exists, does not go round the input',
      options: { sameInput: true },
      flow: makeFlow('main', {
        main: menu({ '1': 'known', '0': 'agent' }, { fallback: 'agent' }),
        known: { kind: 'condition', test: { type: 'variable', variable: 'account', op: 'eq', value: '1' }, then: 'lookup', else: 'other' },
        other: { kind: 'condition', test: { type: 'variable', variable: 'phone', op: 'exists' }, then: 'lookup', else: 'account' },
        account: input('lookup', { noInput: 'agent', invalid: 'agent' }),
        lookup: http({ ok: 'balance', failed: 'agent', timeout: 'agent' }),
        balance: say('main', 'Your balance is ten dollars.'),
        ...agentNodes,
      }),
      errors: [{ messageId: 'askedAgain', nodeId: 'account', path: ['main', 'known', 'other', 'account', 'lookup', 'balance', 'main', 'known', 'other', 'account'], end: 'loop' }],
    },
    {
      name: 'each variable on its own: only the phone number is asked twice',
      options: { sameInput: true },
      flow: makeFlow('account', {
        account: input('phone', { noInput: 'agent', invalid: 'agent' }),
        phone: phone('menu'),
        menu: menu({ '1': 'phone', '0': 'agent' }, { fallback: 'agent' }),
        ...agentNodes,
      }),
      errors: [{ messageId: 'askedAgain', nodeId: 'phone', path: ['account', 'phone', 'menu', 'phone'], end: 'loop', message: 'asks for phone again' }],
    },
    {
      name: 'by default too, another input asking for the value given at the first, on the way back round',
      flow: makeFlow('main', {
        main: menu({ '1': 'account', '2': 'again', '0': 'agent' }, { fallback: 'agent' }),
        account: input('balance', { noInput: 'agent', invalid: 'agent' }),
        balance: say('main', 'Your balance is ten dollars.'),
        again: input('agent', { noInput: 'agent', invalid: 'agent' }),
        ...agentNodes,
      }),
      errors: [{ messageId: 'askedAgain', nodeId: 'again', path: ['main', 'account', 'balance', 'main', 'again'], end: 'open', message: 'already entered it at "account"' }],
    },
  ],
});

describe('no-repeat by default', () => {
  it('is off: a flow without config is not checked by it', () => {
    const flow = makeFlow('account', { account: input('account', { noInput: 'agent', invalid: 'agent' }), ...agentNodes });
    const { result } = lintParsedFlow(flow);
    expect(result.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });
});

describe('getRepeatedInputs on a large flow', () => {
  it('walks once per variable: a chain of 1,000 inputs of one variable gives each later one with its predecessor', () => {
    const nodes: Record<string, FlowNode> = { ...agentNodes };
    for (let i = 0; i < 1000; i++) nodes[`ask${i}`] = input(i < 999 ? `ask${i + 1}` : 'agent', { noInput: 'agent', invalid: 'agent' });
    const repeated = getRepeatedInputs(analyzeFlow(makeFlow('ask0', nodes)));
    expect(repeated).toHaveLength(999);
    expect(toNodeIds(repeated[0]!.path)).toEqual(['ask0', 'ask1']);
    expect(toNodeIds(repeated.at(-1)!.path).slice(-2)).toEqual(['ask998', 'ask999']);
  });
});
