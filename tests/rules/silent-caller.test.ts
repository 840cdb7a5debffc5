import rule from '../../core/lint/rules/silent-caller.ts';
import { cleanLine, hangup, http, makeFlow, menu, say, transfer, voicemail, input } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const agentNodes = { agent: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() };

testRule(rule, {
  valid: [
    { name: 'silence and nonsense go to an agent', flow: cleanLine() },
    {
      name: 'silence on a submenu goes back one level, then to the agent',
      flow: makeFlow('main', {
        main: menu({ '1': 'sub', '0': 'agent' }, { fallback: 'agent' }),
        sub: menu({ '1': 'agent', '0': 'agent' }, { fallback: 'main' }),
        ...agentNodes,
      }),
    },
    {
      name: 'an environment loop is endless-loop\'s to report, not this rule\'s',
      flow: makeFlow('lookup', { lookup: http({ ok: 'main', failed: 'wait', timeout: 'wait' }), wait: say('lookup'), main: menu({ '0': 'agent' }, { fallback: 'agent' }), ...agentNodes }),
    },
  ],
  invalid: [
    {
      name: 'silence re-asks the same menu forever',
      flow: makeFlow('welcome', { welcome: say('main'), main: menu({ '0': 'agent' }, { noInput: 'main', noMatch: 'agent' }), ...agentNodes }),
      errors: [{ messageId: 'silentLoop', nodeId: 'main', path: ['welcome', 'main', 'main'], end: 'loop', scenario: 'silent-caller' }],
    },
    {
      name: 'wrong keys hang up',
      flow: makeFlow('main', { main: menu({ '0': 'agent' }, { noInput: 'agent', noMatch: 'bye' }), ...agentNodes }),
      errors: [{ messageId: 'confusedHangup', nodeId: 'main', path: ['main', 'bye'], end: 'hangup', scenario: 'confused-caller' }],
    },
    {
      name: 'a submenu reached by a key traps the silent caller (checked from every node)',
      flow: makeFlow('main', {
        main: menu({ '1': 'account', '0': 'agent' }, { fallback: 'agent' }),
        account: input('agent', { noInput: 'account', invalid: 'agent' }),
        ...agentNodes,
      }),
      errors: [{ messageId: 'silentLoop', nodeId: 'account', path: ['main', 'account', 'account'], end: 'loop' }],
    },
    {
      name: 'silence bounces through four menus before a person',
      flow: makeFlow('m1', {
        m1: menu({ '0': 'agent' }, { noInput: 'm2', noMatch: 'agent' }),
        m2: menu({ '0': 'agent' }, { noInput: 'm3', noMatch: 'agent' }),
        m3: menu({ '0': 'agent' }, { noInput: 'm4', noMatch: 'agent' }),
        m4: menu({ '0': 'agent' }, { noInput: 'agent', noMatch: 'agent' }),
        ...agentNodes,
      }),
      // The environment makes it worse: the agent does not answer either.
      errors: [{ messageId: 'silentTooFar', nodeId: 'm1', path: ['m1', 'm2', 'm3', 'm4', 'agent', 'vm'], end: 'followUp', message: '4 steps' }],
    },
  ],
});
