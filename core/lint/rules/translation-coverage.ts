import { z } from 'zod';
import { forEachPrompt } from '../../nodes/registry.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'translation-coverage',
  meta: {
    description: 'With languages declared, every text prompt has a text in each declared language and in no other.',
    severity: 'warn',
    messages: {
      missingLanguages: 'The {{field}} has no text in {{languages}}.',
      plainTextMissingLanguages: 'The {{field}} is plain text, so it only serves {{defaultLanguage}}; it has no text in {{languages}}.',
      undeclaredLanguage: 'The {{field}} has a text in {{language}}, which settings.languages does not declare.',
    },
    options: z.strictObject({}),
  },
  check({ flow, analysis, report }) {
    const declared = flow.settings?.languages;
    // Without declared languages there is nothing to cover.
    if (declared === undefined) return;
    const defaultLanguage = flow.settings?.defaultLanguage ?? declared[0]!;
    const { graph } = analysis;
    const othersThanDefault = declared.filter((language) => language !== defaultLanguage);
    graph.nodes.forEach((node, index) => {
      forEachPrompt(node, (field, prompt) => {
        const nodeId = graph.ids[index]!;
        // A recording is one file whatever the caller's language.
        if (typeof prompt === 'object' && 'audio' in prompt) return;
        if (typeof prompt === 'string') {
          if (othersThanDefault.length > 0) {
            report({ nodeId, messageId: 'plainTextMissingLanguages', data: { field, defaultLanguage, languages: othersThanDefault.join(', ') } });
          }
          return;
        }
        let missing: string[] | undefined;
        for (const language of declared) if (!(language in prompt)) (missing ??= []).push(language);
        if (missing) report({ nodeId, messageId: 'missingLanguages', data: { field, languages: missing.join(', ') } });
        for (const language in prompt) {
          if (!declared.includes(language)) report({ nodeId, messageId: 'undeclaredLanguage', data: { field, language } });
        }
      });
    });
  },
});
