import rule from '../../core/lint/rules/failure-branch.ts';
import { cleanLine, hangup, http, makeFlow, menu, queue, say, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(rule, {
  valid: [
    { name: 'every failure goes to voicemail', flow: cleanLine() },
    {
      name: 'an unreachable node is unreachable-node\'s to report',
      flow: { ...cleanLine(), nodes: { ...cleanLine().nodes, oldAgent: transfer({ answered: 'bye' }) } },
    },
    {
      name: 'a queue without maxWait has no wait timeout to connect',
      flow: makeFlow('main', { main: menu({ '0': 'hold' }, { fallback: 'hold' }), hold: queue({ full: 'vm' }), vm: voicemail() }),
    },
  ],
  invalid: [
    {
      name: 'a busy transfer that hangs up',
      flow: { ...cleanLine(), nodes: { ...cleanLine().nodes, agent: transfer({ answered: 'bye', noAnswer: 'vm', failed: 'vm' }) } },
      errors: [{ messageId: 'unconnectedFailure', nodeId: 'agent', severity: 'warning', message: 'connect the busy outcome to a queue, voicemail or callback' }],
    },
    {
      name: 'a look-up that fails or times out, named as a look-up',
      flow: makeFlow('lookup', {
        lookup: http({ ok: 'agent' }),
        agent: transfer({ onFailure: 'vm' }),
        vm: voicemail(),
      }),
      errors: [
        { messageId: 'unconnectedFailure', nodeId: 'lookup', message: 'The look-up failed outcome' },
        { messageId: 'unconnectedFailure', nodeId: 'lookup', message: 'The look-up timeout outcome' },
      ],
    },
    {
      name: 'a transfer after the agent call, and a full queue',
      flow: makeFlow('main', {
        main: menu({ '0': 'hold' }, { fallback: 'hold' }),
        hold: queue({ answered: 'survey' }),
        survey: say('supervisor', 'Press a key to rate us.'),
        supervisor: transfer({ answered: 'bye', busy: 'bye', failed: 'bye' }),
        bye: hangup(),
      }),
      errors: [
        { messageId: 'unconnectedFailure', nodeId: 'hold', message: 'The queue full outcome' },
        { messageId: 'unconnectedFailure', nodeId: 'supervisor', message: 'The no answer outcome' },
      ],
    },
  ],
});
