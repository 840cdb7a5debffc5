import { z } from 'zod';
import { forEachPrompt } from '../../nodes/registry.ts';
import { countWords, getPromptSeconds } from '../../nodes/prompt.ts';
import { DEFAULTS } from '../../schema/defaults.ts';
import type { Prompt } from '../../schema/flow.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'prompt-length',
  meta: {
    description: 'No prompt plays for longer than 20 seconds (words at 2.5 per second, or a recording\'s stated length).',
    severity: 'warn',
    messages: {
      tooLong: 'The {{field}} plays for about {{seconds}} s; keep it under {{max}} s so callers do not lose track.',
      tooLongInLanguage:
        'The {{field}} in {{language}} plays for about {{seconds}} s; keep it under {{max}} s so callers do not lose track.',
    },
    options: z.strictObject({
      maxSeconds: z.number().positive().default(20),
    }),
  },
  check({ analysis, options, report }) {
    const { graph } = analysis;
    const maxWords = options.maxSeconds * DEFAULTS.wordsPerSecond;
    // n characters hold at most (n + 1) / 2 words: shorter texts cannot be too long, so are not counted.
    const countLongWords = (text: string) => (text.length + 1 < 2 * maxWords ? 0 : countWords(text));
    let nodeId = '';
    const tooLong = (field: string, seconds: number, language?: string) => {
      const data = { field, seconds: seconds.toFixed(1), max: options.maxSeconds };
      if (language === undefined) report({ nodeId, messageId: 'tooLong', data });
      else report({ nodeId, messageId: 'tooLongInLanguage', data: { ...data, language } });
    };
    const judge = (field: string, prompt: Prompt) => {
      // A recording has no texts: its stated length is all there is to judge.
      if (typeof prompt === 'object' && 'audio' in prompt) {
        const seconds = getPromptSeconds(prompt);
        if (seconds > options.maxSeconds) tooLong(field, seconds);
      } else if (typeof prompt === 'string') {
        const words = countLongWords(prompt);
        if (words > maxWords) tooLong(field, words / DEFAULTS.wordsPerSecond);
      } else {
        for (const language in prompt) {
          const words = countLongWords((prompt as Record<string, string>)[language]!);
          if (words > maxWords) tooLong(field, words / DEFAULTS.wordsPerSecond, language);
        }
      }
    };
    for (let index = 0; index < graph.nodes.length; index++) {
      nodeId = graph.ids[index]!;
      forEachPrompt(graph.nodes[index]!, judge);
    }
  },
});
