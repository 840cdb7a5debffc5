import rule from '../../core/lint/rules/dead-end.ts';
import { cleanLine, hangup, hours, http, makeFlow, menu, say, transfer, voicemail, input, cleanLineWith, split } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(rule, {
  valid: [
    { name: 'a menu option the caller picked may end the call', flow: cleanLine() },
    {
      name: 'a goodbye after the agent call and after voicemail is fine',
      flow: makeFlow('main', {
        main: menu({ '0': 'agent' }, { fallback: 'agent' }),
        agent: transfer({ answered: 'thanks', onFailure: 'vm' }),
        thanks: say('bye', 'Thanks for calling.'),
        vm: voicemail('thanks'),
        bye: hangup(),
      }),
    },
    {
      name: 'a branch no call takes is no dead end: the rest of a 100% split, the split of a 0% one',
      flow: makeFlow('all', { all: split(100, 'none', undefined), none: split(0, undefined, 'agent'), agent: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() }),
    },
    {
      name: 'an input that listens for speech without a speech route of its own goes on by next',
      flow: cleanLineWith({ main: menu({ '1': 'account', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }), account: { ...input('agent', { noInput: 'agent', invalid: 'agent' }), speech: {} } }),
    },
  ],
  invalid: [
    {
      name: 'an input\'s speech route into a hangup, as any other exit',
      flow: cleanLineWith({ main: menu({ '1': 'account', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }), account: { ...input('agent', { noInput: 'agent', invalid: 'agent' }), speech: { next: 'bye' } } }),
      errors: [{ messageId: 'intoClosing', nodeId: 'account', path: ['welcome', 'main', 'account', 'bye'], end: 'hangup', message: '"speech"' }],
    },
    {
      name: 'no match into a hangup',
      flow: cleanLineWith({ main: menu({ '1': 'info', '0': 'agent' }, { noInput: 'agent', noMatch: 'bye' }) }),
      errors: [{ messageId: 'intoClosing', nodeId: 'main', path: ['welcome', 'main', 'bye'], end: 'hangup', message: '"no match"' }],
    },
    {
      name: 'no input left unconnected hangs up',
      flow: cleanLineWith({ main: menu({ '1': 'info', '0': 'agent' }, { noMatch: 'agent' }) }),
      errors: [{ messageId: 'unconnected', nodeId: 'main', path: ['welcome', 'main'], end: 'hangup' }],
    },
    {
      name: 'a goodbye say counts as closing: the edge into it is the dead end',
      flow: cleanLineWith({
        main: menu({ '1': 'info', '0': 'agent' }, { noInput: 'goodbye', noMatch: 'agent' }),
        goodbye: say('bye', 'Sorry, we did not get that. Goodbye.'),
      }),
      errors: [{ messageId: 'intoClosing', nodeId: 'main', path: ['welcome', 'main', 'goodbye'] }],
    },
    {
      name: 'a closed line that hangs up',
      flow: makeFlow('hours', {
        hours: hours('agent', 'closedMsg'),
        closedMsg: say('bye', 'We are closed.'),
        agent: transfer({ answered: 'bye', onFailure: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
      errors: [{ messageId: 'intoClosing', nodeId: 'hours', path: ['hours', 'closedMsg'], message: '"closed"' }],
    },
    {
      name: 'an unanswered transfer that hangs up, and a failed look-up left unconnected',
      flow: makeFlow('lookup', {
        lookup: http({ ok: 'agent', timeout: 'agent' }),
        agent: transfer({ answered: 'bye', busy: 'vm', failed: 'vm', noAnswer: 'bye' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
      errors: [
        { messageId: 'unconnected', nodeId: 'lookup', path: ['lookup'] },
        { messageId: 'intoClosing', nodeId: 'agent', path: ['lookup', 'agent', 'bye'], message: '"no answer"' },
      ],
    },
    {
      name: 'a self-service answer that then hangs up',
      flow: cleanLineWith({
        main: menu({ '1': 'account', '0': 'agent' }, { fallback: 'agent' }),
        account: input('balance', { noInput: 'agent', invalid: 'agent' }),
        balance: say('bye', 'Your balance is 10 euros.'),
      }),
      errors: [{ messageId: 'intoClosing', nodeId: 'account', path: ['welcome', 'main', 'account', 'balance'], message: '"valid input"' }],
    },
  ],
});
