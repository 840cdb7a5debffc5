import rule from '../../core/lint/rules/unreachable-node.ts';
import { cleanLine, input, makeFlow, menu, say, split, transfer, voicemail, cleanLineWith } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(rule, {
  valid: [
    { name: 'every node of the clean line is reachable', flow: cleanLine() },
    {
      name: 'a node reached only by an input\'s speech route is reachable',
      flow: cleanLineWith({
        main: menu({ '1': 'account', '2': 'info', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }),
        account: { ...input('agent', { noInput: 'agent', invalid: 'agent' }), speech: { next: 'spoken' } },
        spoken: say('agent', 'Let me put you through.'),
      }),
    },
    {
      name: 'nodes only reachable after the agent call still count as reachable',
      flow: cleanLineWith({ agent: transfer({ answered: 'survey', onFailure: 'vm' }), survey: say('bye', 'Please rate us.') }),
    },
    {
      name: 'an entry naming no node is left to missing-target',
      flow: makeFlow('start', { main: menu({ '0': 'agent' }, { fallback: 'agent' }), agent: transfer({ onFailure: 'vm' }), vm: voicemail() }),
    },
    {
      name: 'an unconnected branch no call takes is nothing to follow',
      flow: cleanLineWith({ welcome: split(100, 'main', undefined) }),
    },
  ],
  invalid: [
    {
      name: 'a node nothing leads to',
      flow: cleanLineWith({ oldPromo: say('main', 'Ask about our summer offer!') }),
      errors: [{ messageId: 'unreachable', nodeId: 'oldPromo', severity: 'warning' }],
    },
    {
      name: 'a whole branch cut off: each of its nodes, in file order',
      flow: makeFlow('main', {
        main: menu({ '0': 'agent' }, { fallback: 'agent' }),
        agent: transfer({ onFailure: 'vm' }),
        vm: voicemail(),
        billing: menu({ '1': 'billingInfo', '0': 'agent' }, { fallback: 'agent' }),
        billingInfo: say('billing', 'Bills go out on the first.'),
      }),
      errors: [
        { messageId: 'unreachable', nodeId: 'billing' },
        { messageId: 'unreachable', nodeId: 'billingInfo' },
      ],
    },
    {
      name: 'a node reached only through an exit to a missing node',
      flow: cleanLineWith({ main: menu({ '1': 'inf', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }) }),
      errors: [{ messageId: 'unreachable', nodeId: 'info' }],
    },
    {
      name: 'a connected branch no call takes: the link is never followed, and what only it leads to is cut off',
      flow: cleanLineWith({ welcome: split(0, 'promo', 'main'), promo: say('main', 'Ask about our summer offer!') }),
      errors: [
        { messageId: 'neverTaken', nodeId: 'welcome', severity: 'warning', message: '"in 0%"' },
        { messageId: 'unreachable', nodeId: 'promo' },
      ],
    },
    {
      name: 'the rest of a 100% split, connected',
      flow: cleanLineWith({ welcome: split(100, 'main', 'info') }),
      errors: [{ messageId: 'neverTaken', nodeId: 'welcome', message: '"rest"' }],
    },
  ],
});
