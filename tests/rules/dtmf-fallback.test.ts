import rule from '../../core/lint/rules/dtmf-fallback.ts';
import type { NodeOfKind } from '../../core/schema/flow.ts';
import { cleanLine, makeFlow, menu, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const speechLine = (options: NodeOfKind<'menu'>['options']) =>
  makeFlow('main', {
    main: { ...menu({}, { fallback: 'agent' }), options, speech: { language: 'en-US' } },
    agent: transfer({ onFailure: 'vm' }),
    vm: voicemail(),
  });

testRule(rule, {
  valid: [
    { name: 'keys only', flow: cleanLine() },
    {
      name: 'every spoken option has a key',
      flow: speechLine([
        { key: '1', phrases: ['billing'], next: 'agent' },
        { key: '0', phrases: ['agent', 'operator'], next: 'agent' },
      ]),
    },
  ],
  invalid: [
    {
      name: 'one option that can only be spoken',
      flow: speechLine([
        { phrases: ['billing', 'pay a bill'], next: 'agent' },
        { key: '0', phrases: ['agent'], next: 'agent' },
      ]),
      errors: [{ messageId: 'speechOnly', nodeId: 'main', severity: 'warning', message: 'options.0 ("billing") can only be spoken' }],
    },
    {
      name: 'each speech-only option, even without speech settings on the menu',
      flow: makeFlow('main', {
        main: {
          ...menu({}, { fallback: 'agent' }),
          options: [
            { key: '0', next: 'agent' },
            { phrases: ['opening hours'], next: 'agent' },
            { phrases: ['agent'], label: 'Agent', next: 'agent' },
          ],
        },
        agent: transfer({ onFailure: 'vm' }),
        vm: voicemail(),
      }),
      errors: [
        { messageId: 'speechOnly', nodeId: 'main', message: 'options.1' },
        { messageId: 'speechOnly', nodeId: 'main', message: 'options.2' },
      ],
    },
  ],
});
