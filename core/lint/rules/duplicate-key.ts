import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { getPhraseWords } from '../../nodes/speech-match.ts';
import { createRule } from '../rule.ts';

/** Phrases the runtime's matcher cannot tell apart ("Billing." and "billing") are one phrase. */
const normalizePhrase = (phrase: string) => getPhraseWords(phrase).join(' ');

/** The first option before `second` that `key` picks; -1 when none. */
function findKeyOwner(options: ReadonlyArray<{ key?: string }>, key: string, second: number): number {
  for (let first = 0; first < second; first++) if (options[first]!.key === key) return first;
  return -1;
}

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
      const { options } = node;
      // Phrases heard so far and the option each picks first, side by side: a menu has a dozen options, so a scan beats a map per menu.
      const phrases: string[] = [];
      const phraseOwners: number[] = [];
      for (let second = 0; second < options.length; second++) {
        const option = options[second]!;
        if (option.key !== undefined) {
          const first = findKeyOwner(options, option.key, second);
          if (first >= 0) report({ nodeId, messageId: 'duplicateKey', data: { key: option.key, first, second } });
        }
        if (option.phrases === undefined) continue;
        const own = option.phrases.map(normalizePhrase);
        for (let index = 0; index < own.length; index++) {
          const phrase = own[index]!;
          // A phrase of no words is never heard, so it picks no option at all; one report per phrase and option, even if an option lists it twice.
          if (phrase === '' || own.indexOf(phrase) < index) continue;
          const known = phrases.indexOf(phrase);
          if (known >= 0) {
            report({ nodeId, messageId: 'duplicatePhrase', data: { phrase, first: phraseOwners[known]!, second } });
            continue;
          }
          phrases.push(phrase);
          phraseOwners.push(second);
        }
      }
    });
  },
});
