import rule from '../../core/lint/rules/duplicate-key.ts';
import type { NodeOfKind } from '../../core/schema/flow.ts';
import { cleanLine, makeFlow, menu, queue, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const speechMenu = (options: NodeOfKind<'menu'>['options']): NodeOfKind<'menu'> => ({
  ...menu({}, { fallback: 'agent' }),
  options,
  speech: { language: 'en-US' },
});

const line = (main: NodeOfKind<'menu'>) =>
  makeFlow('main', { main, agent: transfer({ onFailure: 'vm' }), vm: voicemail() });

testRule(rule, {
  valid: [
    { name: 'distinct keys', flow: cleanLine() },
    {
      name: 'distinct phrases, and one phrase listed twice within one option',
      flow: line(
        speechMenu([
          { key: '1', phrases: ['billing', 'Billing'], next: 'agent' },
          { key: '0', phrases: ['agent'], next: 'agent' },
        ]),
      ),
    },
    {
      name: 'a queue callback-offer key that is also a menu key',
      flow: makeFlow('main', {
        main: menu({ '1': 'hold', '0': 'hold' }, { fallback: 'hold' }),
        hold: { ...queue({ full: 'vm' }), callbackOffer: { key: '1', next: 'vm' } },
        vm: voicemail(),
      }),
    },
  ],
  invalid: [
    {
      name: 'one key on two options',
      flow: line(
        speechMenu([
          { key: '1', next: 'agent' },
          { key: '0', next: 'agent' },
          { key: '1', label: 'Billing', next: 'vm' },
        ]),
      ),
      errors: [{ messageId: 'duplicateKey', nodeId: 'main', severity: 'error', message: 'Key 1 picks both options.0 and options.2' }],
    },
    {
      name: 'one phrase on two options, whatever the case and blanks',
      flow: line(
        speechMenu([
          { key: '1', phrases: ['pay a bill'], next: 'agent' },
          { key: '2', phrases: ['  Pay a Bill '], next: 'vm' },
          { key: '0', phrases: ['agent'], next: 'agent' },
        ]),
      ),
      errors: [{ messageId: 'duplicatePhrase', nodeId: 'main', message: '"pay a bill" picks both options.0 and options.1' }],
    },
    {
      name: 'one phrase on two options, whatever the punctuation and spacing between words: the runtime hears them as one',
      flow: line(
        speechMenu([
          { key: '1', phrases: ['pay a bill'], next: 'agent' },
          { key: '2', phrases: ['Pay a bill.', 'pay  a, bill'], next: 'vm' },
          { key: '0', phrases: ['agent'], next: 'agent' },
        ]),
      ),
      errors: [{ messageId: 'duplicatePhrase', nodeId: 'main', message: '"pay a bill" picks both options.0 and options.1' }],
    },
    {
      name: 'a key used three times is reported for each later option',
      flow: line(
        speechMenu([
          { key: '0', next: 'agent' },
          { key: '0', next: 'agent' },
          { key: '0', next: 'vm' },
        ]),
      ),
      errors: [
        { messageId: 'duplicateKey', nodeId: 'main', message: 'options.0 and options.1' },
        { messageId: 'duplicateKey', nodeId: 'main', message: 'options.0 and options.2' },
      ],
    },
  ],
});
