import { z } from 'zod';
import { getPrompts } from '../../nodes/registry.ts';
import { countWords, getPromptSeconds, getPromptTexts } from '../../nodes/prompt.ts';
import { DEFAULTS } from '../../schema/defaults.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'prompt-length',
  meta: {
    description: 'No prompt plays for longer than 20 seconds (words at 2.5 per second, or a recording\'s stated length).',
    severity: 'warn',
    messages: {
      tooLong: 'The {{field}} prompt plays for about {{seconds}} s; keep it under {{max}} s so callers do not lose track.',
      tooLongInLanguage:
        'The {{field}} prompt in {{language}} plays for about {{seconds}} s; keep it under {{max}} s so callers do not lose track.',
    },
    options: z.strictObject({
      maxSeconds: z.number().positive().default(20),
    }),
  },
  check({ analysis, options, report }) {
    const { graph } = analysis;
    graph.nodes.forEach((node, index) => {
      const nodeId = graph.ids[index]!;
      for (const { field, prompt } of getPrompts(node)) {
        const texts = getPromptTexts(prompt);
        // A recording has no texts: its stated length is all there is to judge.
        const estimates =
          texts.length === 0
            ? [{ language: undefined, seconds: getPromptSeconds(prompt) }]
            : texts.map(({ language, text }) => ({ language, seconds: countWords(text) / DEFAULTS.wordsPerSecond }));
        for (const { language, seconds } of estimates) {
          if (seconds <= options.maxSeconds) continue;
          const data = { field, seconds: seconds.toFixed(1), max: options.maxSeconds };
          if (language === undefined) report({ nodeId, messageId: 'tooLong', data });
          else report({ nodeId, messageId: 'tooLongInLanguage', data: { ...data, language } });
        }
      }
    });
  },
});
