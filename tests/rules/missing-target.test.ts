import rule from '../../core/lint/rules/missing-target.ts';
import { cleanLine, input, makeFlow, menu, transfer, voicemail, cleanLineWith } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(rule, {
  valid: [
    { name: 'every target of the clean line exists', flow: cleanLine() },
    {
      name: 'unconnected exits are not missing targets, and positions of real nodes are fine',
      flow: {
        ...makeFlow('main', { main: menu({ '0': 'agent' }), agent: transfer({ onFailure: 'vm' }), vm: voicemail() }),
        ui: { positions: { main: { x: 0, y: 0 }, agent: { x: 200, y: 0 } } },
      },
    },
  ],
  invalid: [
    {
      name: 'a typo in a target suggests the closest node',
      flow: cleanLineWith({ main: menu({ '1': 'inf', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }) }),
      errors: [{ messageId: 'missingTargetSuggestion', nodeId: 'main', severity: 'error', message: '"press 1" route goes to "inf", which is not a node in this flow; did you mean "info"?' }],
    },
    {
      name: 'an input\'s speech route to a node that is not there',
      flow: cleanLineWith({ main: menu({ '1': 'account', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }), account: { ...input('agent', { noInput: 'agent', invalid: 'agent' }), speech: { next: 'overflowQueue' } } }),
      errors: [{ messageId: 'missingTarget', nodeId: 'account', message: '"speech" route goes to "overflowQueue"' }],
    },
    {
      name: 'a target far from every id gets no suggestion',
      flow: cleanLineWith({ agent: transfer({ answered: 'bye', busy: 'overflowQueue', noAnswer: 'vm', failed: 'vm' }) }),
      errors: [{ messageId: 'missingTarget', nodeId: 'agent', message: '"busy" route goes to "overflowQueue"' }],
    },
    {
      name: 'an entry naming no node is reported at the entry id, with a suggestion',
      flow: { ...cleanLine(), entry: 'welcom' },
      errors: [{ messageId: 'missingEntrySuggestion', nodeId: 'welcom', message: 'did you mean "welcome"?' }],
    },
    {
      name: 'an entry far from every id',
      flow: { ...cleanLine(), entry: 'start' },
      errors: [{ messageId: 'missingEntry', nodeId: 'start' }],
    },
    {
      name: 'a position for a node that is gone is only a warning',
      flow: { ...cleanLine(), ui: { positions: { welcome: { x: 0, y: 0 }, oldMenu: { x: 100, y: 100 } } } },
      errors: [{ messageId: 'strayPosition', nodeId: 'oldMenu', severity: 'warning' }],
    },
  ],
});
