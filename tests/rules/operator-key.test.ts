import rule from '../../core/lint/rules/operator-key.ts';
import { callback, cleanLine, hangup, hours, makeFlow, menu, queue, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const agentNodes = { agent: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() };

const speechMenu = (phrases: string[][]) => ({
  ...menu({ '0': 'agent', '1': 'agent' }, { fallback: 'agent' }),
  speech: {},
  options: [
    { key: '0' as const, phrases: phrases[0], next: 'agent' },
    { key: '1' as const, phrases: phrases[1], next: 'hours' },
  ],
});

testRule(rule, {
  valid: [
    { name: '0 goes to the agent', flow: cleanLine() },
    {
      name: '0 through an hours check: a person when open, voicemail when closed',
      flow: makeFlow('main', { main: menu({ '0': 'hours' }, { fallback: 'hours' }), hours: hours('agent', 'vm'), ...agentNodes }),
    },
    {
      name: 'on a closed-line menu, 0 reaches a follow-up',
      flow: makeFlow('closed', { closed: menu({ '1': 'vm', '0': 'cb' }, { fallback: 'vm' }), vm: voicemail('bye'), cb: callback('bye'), bye: hangup() }),
    },
    {
      name: 'speech menus route agent, operator and representative to a person',
      flow: makeFlow('main', { main: speechMenu([['agent', 'operator'], ['speak to a representative']]), hours: hours('q', 'vm'), q: queue({ answered: 'bye', full: 'vm' }), ...agentNodes }),
    },
  ],
  invalid: [
    {
      name: 'no 0 at all',
      flow: makeFlow('main', { main: menu({ '1': 'agent' }, { fallback: 'agent' }), ...agentNodes }),
      errors: [{ messageId: 'missingZero', nodeId: 'main', path: ['main'] }],
    },
    {
      name: '0 goes to another menu first',
      flow: makeFlow('main', { main: menu({ '0': 'sub' }, { fallback: 'agent' }), sub: menu({ '0': 'agent' }, { fallback: 'agent' }), ...agentNodes }),
      errors: [{ messageId: 'zeroNotHuman', nodeId: 'main', path: ['main', 'sub'], message: '"sub"' }],
    },
    {
      name: 'speech on, but "operator" is missing and "representative" leads to a menu',
      flow: makeFlow('main', {
        main: { ...speechMenu([['agent'], ['representative']]), options: [{ key: '0', phrases: ['agent'], next: 'agent' }, { key: '1', phrases: ['representative'], next: 'sub' }] },
        sub: menu({ '0': 'agent' }, { fallback: 'agent' }),
        ...agentNodes,
      }),
      errors: [
        { messageId: 'missingWord', nodeId: 'main', message: '"operator"' },
        { messageId: 'wordNotHuman', nodeId: 'main', path: ['main', 'sub'], message: '"representative"' },
      ],
    },
  ],
});
