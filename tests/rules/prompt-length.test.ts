import rule from '../../core/lint/rules/prompt-length.ts';
import { cleanLine, makeFlow, menu, say, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

/** `count` words: at 2.5 words a second, 50 words play for 20 s. */
const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');

const line = (welcome: unknown) =>
  makeFlow('welcome', {
    welcome: welcome as ReturnType<typeof say>,
    main: menu({ '0': 'agent' }, { fallback: 'agent' }),
    agent: transfer({ onFailure: 'vm' }),
    vm: voicemail(),
  });

testRule(rule, {
  valid: [
    { name: 'short prompts', flow: cleanLine() },
    { name: 'exactly 20 seconds', flow: line(say('main', words(50))) },
    { name: 'a recording of 15 seconds', flow: line({ kind: 'say', prompt: { audio: 'https://example.com/welcome.mp3', seconds: 15 }, next: 'main' }) },
    { name: 'a long prompt under a raised limit', flow: line(say('main', words(60))), options: { maxSeconds: 30 } },
  ],
  invalid: [
    {
      name: 'a text prompt of 60 words',
      flow: line(say('main', words(60))),
      errors: [{ messageId: 'tooLong', nodeId: 'welcome', severity: 'warning', message: 'The prompt plays for about 24.0 s' }],
    },
    {
      name: 'one language too long, named with its field',
      flow: line({ kind: 'say', prompt: { 'en-US': 'Welcome.', 'nl-NL': words(56) }, next: 'main' }),
      errors: [{ messageId: 'tooLongInLanguage', nodeId: 'welcome', message: 'The prompt in nl-NL plays for about 22.4 s' }],
    },
    {
      name: 'a long recording',
      flow: line({ kind: 'say', prompt: { audio: 'https://example.com/welcome.mp3', seconds: 45 }, next: 'main' }),
      errors: [{ messageId: 'tooLong', nodeId: 'welcome', message: 'about 45.0 s' }],
    },
    {
      name: 'a long re-prompt in a retry handler',
      flow: makeFlow('main', {
        main: { ...menu({ '0': 'agent' }, { fallback: 'agent' }), noMatch: { retries: 2, prompt: words(51), next: 'agent' } },
        agent: transfer({ onFailure: 'vm' }),
        vm: voicemail(),
      }),
      errors: [{ messageId: 'tooLong', nodeId: 'main', message: 'The noMatch.prompt plays for about 20.4 s' }],
    },
  ],
});
