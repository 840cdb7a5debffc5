import rule from '../../core/lint/rules/retry-limit.ts';
import { cleanLine, input, makeFlow, menu, transfer, voicemail, cleanLineWith } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(rule, {
  valid: [
    { name: 'two retries everywhere', flow: cleanLine() },
    {
      name: 'absent retries mean the default of 2, and 1 and 3 are within bounds',
      flow: makeFlow('main', {
        main: { kind: 'menu', prompt: 'Press 1 for your account, 0 for an agent.', options: [{ key: '1', next: 'account' }, { key: '0', next: 'agent' }], noInput: { next: 'agent' } },
        account: { ...input('agent', { noInput: 'agent', invalid: 'agent' }), noInput: { retries: 1, next: 'agent' }, invalid: { retries: 3, next: 'agent' } },
        agent: transfer({ onFailure: 'vm' }),
        vm: voicemail(),
      }),
    },
    {
      name: 'an input whose invalid route goes on where valid digits go, with no re-prompt, accepts any entry: nothing to re-prompt',
      flow: cleanLineWith({
        main: menu({ '1': 'account', '0': 'agent' }, { fallback: 'agent' }),
        account: { ...input('agent', { noInput: 'agent' }), invalid: { retries: 0, next: 'agent' } },
      }),
    },
  ],
  invalid: [
    {
      name: 'no retry on an input whose invalid route goes elsewhere',
      flow: cleanLineWith({
        main: menu({ '1': 'account', '0': 'agent' }, { fallback: 'agent' }),
        account: { ...input('agent', { noInput: 'agent' }), invalid: { retries: 0, next: 'main' } },
      }),
      errors: [{ messageId: 'tooFewRetries', nodeId: 'account', message: 'invalid.retries is 0' }],
    },
    {
      name: 'no retry on a menu',
      flow: cleanLineWith({ main: { ...menu({ '1': 'info', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }), noMatch: { retries: 0, next: 'agent' } } }),
      errors: [{ messageId: 'tooFewRetries', nodeId: 'main', severity: 'warning', message: 'noMatch.retries is 0' }],
    },
    {
      name: 'too many retries on an input',
      flow: cleanLineWith({
        main: menu({ '1': 'account', '0': 'agent' }, { fallback: 'agent' }),
        account: { ...input('agent', { noInput: 'agent', invalid: 'agent' }), invalid: { retries: 5, next: 'agent' } },
      }),
      errors: [{ messageId: 'tooManyRetries', nodeId: 'account', message: 'invalid.retries is 5' }],
    },
    {
      name: 'bounds from the options apply to the default too',
      flow: cleanLine(),
      options: { min: 3, max: 5 },
      errors: [
        { messageId: 'tooFewRetries', nodeId: 'main', message: 'noInput.retries is 2' },
        { messageId: 'tooFewRetries', nodeId: 'main', message: 'noMatch.retries is 2' },
      ],
    },
  ],
});
