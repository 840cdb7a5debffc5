import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { getPhraseWords } from '../../nodes/speech-match.ts';
import { createRule } from '../rule.ts';

/** Phrases the runtime's matcher cannot tell apart ("Billing." and "billing") are one phrase. */
const normalizePhrase = (phrase: string) => getPhraseWords(phrase).join(' ');

export default createRule({
  id: 'duplicate-key',
  meta: {
    description: 'No two options of a menu share a key or a spoken phrase.',
    severity: 'error',
    messages: {
      duplicateKey: 'Key {{key}} picks both options.{{first}} and options.{{second}}; callers can only ever reach options.{{first}}.',
      duplicatePhrase:
        'Saying "{{phrase}}" picks both options.{{first}} and options.{{second}}; callers can only ever reach options.{{first}}.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, report }) {
    const { graph } = analysis;
    // Only menu options: a queue's callback-offer key is heard in another place, not in the menu.
    forEachNodeOfKind(graph, 'menu', (node, nodeId) => {
      const keyOwner = new Map<string, number>();
      const phraseOwner = new Map<string, number>();
      node.options.forEach((option, second) => {
        if (option.key !== undefined) {
          const first = keyOwner.get(option.key);
          if (first === undefined) keyOwner.set(option.key, second);
          else report({ nodeId, messageId: 'duplicateKey', data: { key: option.key, first, second } });
        }
        if (option.phrases === undefined) return;
        // One report per phrase and option, even if an option lists the same phrase twice.
        const phrases = new Set(option.phrases.map(normalizePhrase));
        for (const phrase of phrases) {
          // A phrase of no words is never heard, so it picks no option at all.
          if (phrase === '') continue;
          const first = phraseOwner.get(phrase);
          if (first === undefined) phraseOwner.set(phrase, second);
          else report({ nodeId, messageId: 'duplicatePhrase', data: { phrase, first, second } });
        }
      });
    });
  },
});
