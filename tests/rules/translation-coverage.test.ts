import rule from '../../core/lint/rules/translation-coverage.ts';
import type { Flow, Prompt } from '../../core/schema/flow.ts';
import { cleanLine, makeFlow, menu, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const both = (en: string, es: string): Prompt => ({ 'en-US': en, 'es-ES': es });

/** A line whose every prompt is in English and Spanish except the welcome, which the test gives. */
const line = (welcome: Prompt, settings: Flow['settings'] = { languages: ['en-US', 'es-ES'] }) =>
  makeFlow(
    'welcome',
    {
      welcome: { kind: 'say', prompt: welcome, next: 'main' },
      main: { ...menu({ '0': 'agent' }, { fallback: 'agent' }), prompt: both('Press 0.', 'Pulse 0.') },
      agent: transfer({ onFailure: 'vm' }),
      vm: { ...voicemail(), prompt: both('Leave a message.', 'Deje un mensaje.') },
    },
    { settings },
  );

testRule(rule, {
  valid: [
    { name: 'no languages declared', flow: cleanLine() },
    { name: 'every prompt in both languages', flow: line(both('Welcome.', 'Bienvenido.')) },
    { name: 'a recording is exempt', flow: line({ audio: 'https://example.com/welcome.mp3', seconds: 3 }) },
    { name: 'plain text with a single declared language', flow: { ...cleanLine(), settings: { languages: ['en-US'] } } },
  ],
  invalid: [
    {
      name: 'a prompt without its Spanish text',
      flow: line({ 'en-US': 'Welcome.' }),
      errors: [{ messageId: 'missingLanguages', nodeId: 'welcome', severity: 'warning', message: 'The prompt has no text in es-ES.' }],
    },
    {
      name: 'plain text serves the first declared language only',
      flow: line('Welcome.'),
      errors: [{ messageId: 'plainTextMissingLanguages', nodeId: 'welcome', message: 'only serves en-US; it has no text in es-ES.' }],
    },
    {
      name: 'plain text serves the default language when one is set',
      flow: line('Bienvenido.', { languages: ['en-US', 'es-ES', 'ca-ES'], defaultLanguage: 'es-ES' }),
      errors: [
        { messageId: 'plainTextMissingLanguages', nodeId: 'welcome', message: 'only serves es-ES; it has no text in en-US, ca-ES.' },
        { messageId: 'missingLanguages', nodeId: 'main', message: 'no text in ca-ES' },
        { messageId: 'missingLanguages', nodeId: 'vm', message: 'no text in ca-ES' },
      ],
    },
    {
      name: 'a text in a language not declared',
      flow: line({ 'en-US': 'Welcome.', 'es-ES': 'Bienvenido.', 'fr-FR': 'Bienvenue.' }),
      errors: [{ messageId: 'undeclaredLanguage', nodeId: 'welcome', message: 'a text in fr-FR, which settings.languages does not declare' }],
    },
    {
      name: 'retry prompts count too',
      flow: (() => {
        const flow = line(both('Welcome.', 'Bienvenido.'));
        const main = flow.nodes.main as ReturnType<typeof menu>;
        main.noInput = { retries: 2, prompt: { 'en-US': 'Sorry?' }, next: 'agent' };
        return flow;
      })(),
      errors: [{ messageId: 'missingLanguages', nodeId: 'main', message: 'The noInput.prompt has no text in es-ES.' }],
    },
  ],
});
