import { describe, expect, it } from 'vitest';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import rule from '../../core/lint/rules/input-timeout-warning.ts';
import { cleanLine, cleanLineWith, input, menu } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const mainMenu = menu({ '1': 'info', '0': 'agent', '9': 'bye' }, { fallback: 'agent' });
const accountInput = input('main', { noInput: 'agent', invalid: 'agent' });

testRule(rule, {
  valid: [
    { name: 'menus re-prompt twice before the no-input route', flow: cleanLine() },
    { name: 'retries left out re-prompt by default', flow: cleanLineWith({ main: { ...mainMenu, noInput: { next: 'agent' } } }) },
    {
      name: 'an input that re-prompts once, with a warning, when the option asks for one',
      flow: cleanLineWith({ welcome: { ...accountInput, noInput: { prompt: 'Sorry, I did not hear you.', next: 'agent' } }, main: { ...mainMenu, noInput: { retries: 1, prompt: 'Sorry, I did not hear you.', next: 'agent' } } }),
      options: { warningPrompt: true },
    },
  ],
  invalid: [
    {
      name: 'a menu whose first silence goes straight to its no-input route',
      flow: cleanLineWith({ main: { ...mainMenu, noInput: { retries: 0, next: 'agent' } } }),
      errors: [{ messageId: 'noRetry', nodeId: 'main', path: ['welcome', 'main', 'agent'], message: '"noInput.retries" is 0' }],
    },
    {
      name: 'an input with no re-prompt on silence',
      flow: cleanLineWith({ welcome: { ...accountInput, noInput: { retries: 0, next: 'agent' } } }),
      errors: [{ messageId: 'noRetry', nodeId: 'welcome', path: ['welcome', 'agent'] }],
    },
    {
      name: 'with warningPrompt, a re-prompt that does not say the caller was not heard',
      flow: cleanLineWith({ welcome: accountInput }),
      options: { warningPrompt: true },
      errors: [
        { messageId: 'noWarningPrompt', nodeId: 'welcome', path: ['welcome'] },
        { messageId: 'noWarningPrompt', nodeId: 'main', path: ['welcome', 'main'] },
      ],
    },
  ],
});

describe('input-timeout-warning by default', () => {
  it('is off: a flow without config is not checked by it', () => {
    const { result } = lintParsedFlow(cleanLineWith({ main: { ...mainMenu, noInput: { retries: 0, next: 'agent' } } }));
    expect(result.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });
});
