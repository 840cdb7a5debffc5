import rule from '../../core/lint/rules/endless-loop.ts';
import { cleanLine, hangup, hours, http, makeFlow, menu, say, split, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const agentNodes = { agent: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() };

testRule(rule, {
  valid: [
    {
      name: 'the rest of a 100% split is never taken, so its way round is no loop',
      flow: makeFlow('main', { main: menu({ '0': 'all' }, { fallback: 'all' }), all: split(100, 'agent', 'main'), ...agentNodes }),
    },
    { name: 'menus that loop back are fine while the caller can press 0', flow: cleanLine() },
    {
      name: 'a look-up retried once, then a person',
      flow: makeFlow('first', {
        first: http({ ok: 'main', failed: 'second', timeout: 'second' }),
        second: http({ ok: 'main', failed: 'agent', timeout: 'agent' }),
        main: menu({ '0': 'agent' }, { fallback: 'agent' }),
        ...agentNodes,
      }),
    },
    {
      name: 'back to the menu after the agent call is outside the game',
      flow: makeFlow('main', { main: menu({ '0': 'agent' }, { fallback: 'agent' }), agent: transfer({ answered: 'main', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() }),
    },
    {
      // Issue 14, fault 2, the fixture as filed: the caller may press for a call back and go round, but it can always wait instead, and a full queue books a call back.
      name: 'a callback offer back to the menu is no loop the caller cannot leave',
      flow: JSON.parse(
        '{"entry":"m","nodes":{"m":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"q"}],"noInput":{"next":"q"},"noMatch":{"next":"q"}},"q":{"kind":"queue","queue":"support","announce":{"position":true},"callbackOffer":{"key":"1","next":"m"},"on":{"full":"cb"}},"cb":{"kind":"callback","prompt":"We will call you back."}}}',
      ),
    },
  ],
  invalid: [
    {
      name: 'an http retry loop',
      flow: makeFlow('welcome', {
        welcome: say('lookup'),
        lookup: http({ ok: 'main', failed: 'wait', timeout: 'wait' }),
        wait: say('lookup', 'One moment please.'),
        main: menu({ '0': 'agent' }, { fallback: 'agent' }),
        ...agentNodes,
      }),
      errors: [{ messageId: 'noCallerDecision', nodeId: 'lookup', path: ['welcome', 'lookup', 'wait', 'lookup'], end: 'loop', message: 'lookup → wait → lookup' }],
    },
    {
      name: 'a menu whose every way out goes through a failing look-up back to it',
      flow: makeFlow('main', {
        main: menu({ '1': 'lookup', '0': 'lookup' }, { fallback: 'lookup' }),
        lookup: http({ ok: 'agent', failed: 'main', timeout: 'main' }),
        ...agentNodes,
      }),
      errors: [{ messageId: 'environmentTrap', nodeId: 'main', path: ['main', 'lookup', 'main'], end: 'loop' }],
    },
    {
      name: 'busy agents send the caller round a closed-hours check forever',
      flow: makeFlow('check', {
        check: hours('agent', 'check'),
        agent: transfer({ answered: 'bye', onFailure: 'check' }),
        bye: hangup(),
      }),
      errors: [{ messageId: 'noCallerDecision', nodeId: 'check' }],
    },
  ],
});

