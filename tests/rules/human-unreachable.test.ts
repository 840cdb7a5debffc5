import rule from '../../core/lint/rules/human-unreachable.ts';
import { callback, cleanLine, hangup, hours, input, makeFlow, menu, say, split, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(rule, {
  valid: [
    { name: 'a line with an agent behind 0', flow: cleanLine() },
    {
      name: 'a closed line that only offers voicemail is covered by the follow-up',
      flow: makeFlow('hours', {
        hours: hours('agent', 'vm'),
        agent: transfer({ answered: 'bye', onFailure: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
    },
  ],
  invalid: [
    {
      name: 'a person only behind a 0% split is no person: no call goes that way',
      flow: makeFlow('trial', {
        trial: split(0, 'agent', 'message'),
        message: say('bye', 'We are trying a new line.'),
        agent: transfer({ answered: 'bye', onFailure: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
      errors: [{ messageId: 'noPersonFromEntry', nodeId: 'trial', end: 'hangup' }],
    },
    {
      name: 'a line that only plays a message',
      flow: makeFlow('welcome', { welcome: say('bye', 'We do not take calls.'), bye: hangup() }),
      errors: [{ messageId: 'noPersonFromEntry', nodeId: 'welcome', path: ['welcome'], end: 'hangup', scenario: 'best-case' }],
    },
    {
      name: 'a line with only voicemail has no live person',
      flow: makeFlow('main', { main: menu({ '0': 'vm', '9': 'bye' }, { fallback: 'vm' }), vm: voicemail('bye'), bye: hangup() }),
      errors: [{ messageId: 'noPersonFromEntry', nodeId: 'main' }],
    },
    {
      name: 'a branch where nobody answers and nothing is offered',
      flow: makeFlow('main', {
        main: menu({ '1': 'account', '0': 'agent' }, { fallback: 'agent' }),
        account: input('loop', { noInput: 'loop', invalid: 'loop' }),
        loop: menu({ '1': 'loop', '9': 'bye' }, { fallback: 'loop' }),
        agent: transfer({ answered: 'bye', onFailure: 'cb' }),
        cb: callback('bye'),
        bye: hangup(),
      }),
      errors: [{ messageId: 'stranded', nodeId: 'account', path: ['main', 'account', 'loop', 'loop'], end: 'loop', scenario: 'worst-case' }],
    },
  ],
});
