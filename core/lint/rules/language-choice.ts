import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { findLanguage } from '../../interpreter/state.ts';
import type { PhraseKey } from '../../phrases/catalogue.ts';
import { findMissingPhrases } from '../../phrases/speech.ts';
import type { Analysis } from '../../solver/analyze.ts';
import { createRule } from '../rule.ts';
import { getFirstMenus } from './human-option-first-menu.ts';

/** Spoken on any call that goes wrong: the apology, with or without a person to hand over to, the failed hand-over, the guard's. */
const ALWAYS_USED: readonly PhraseKey[] = ['apology', 'apologyNoPerson', 'dialFailed', 'guardApology'];

/** humanline's own phrases a call through this flow can hear: the error ones always, the others when a node that speaks them is reachable. */
export function getUsedPhrases(analysis: Analysis): PhraseKey[] {
  const { graph, reachable } = analysis;
  const used = new Set<PhraseKey>(ALWAYS_USED);
  forEachNodeOfKind(graph, 'queue', (node, _nodeId, index) => {
    if (!reachable.reached[index]) return;
    if (node.announce?.position) used.add('queueNext').add('queuePosition');
    if (node.announce?.estimatedWait) used.add('estimatedWaitOneMinute').add('estimatedWaitMinutes');
  });
  forEachNodeOfKind(graph, 'callback', (node, _nodeId, index) => {
    if (!reachable.reached[index]) return;
    // Without the caller's number (withheld) the callback asks for one even when it would confirm it.
    used.add('enterCallbackNumber');
    if (node.confirmNumber) used.add('confirmCallerNumber');
  });
  return [...used];
}

/**
 * The language an option sets with no caller choice in between: the one every `set` of `language`
 * met first after `start` (walking through nodes nobody or the environment decides) agrees on, or
 * undefined when there is none, or several (the environment, not the caller, would choose).
 */
export function getChosenLanguage(analysis: Analysis, start: number): string | undefined {
  const { graph } = analysis;
  const languages = new Set<string>();
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    const node = graph.nodes[u]!;
    if (node.kind === 'set' && typeof node.assign.language === 'string') {
      const language = findLanguage(graph.flow, node.assign.language);
      if (language !== undefined) {
        languages.add(language);
        continue;
      }
    }
    // A caller choice, a person or the end comes before any language is set: this route sets none.
    if (graph.decider[u] === 'caller' || graph.role[u] !== 'step') continue;
    for (let x = graph.exitStart[u]!; x < graph.exitStart[u + 1]!; x++) {
      const t = graph.exitTarget[x]!;
      if (t >= 0 && !seen.has(t)) {
        seen.add(t);
        queue.push(t);
      }
    }
  }
  return languages.size === 1 ? [...languages][0] : undefined;
}

export default createRule({
  id: 'language-choice',
  meta: {
    description: 'With several languages declared, the first menu a caller meets lets them choose each, and humanline\'s own phrases exist in each.',
    severity: 'off',
    messages: {
      noLanguageChoice:
        'Menu "{{menu}}" is the first a caller meets, and none of its options sets the language: let the caller choose among {{languages}} there, with options that go to a set of "language".',
      missingLanguages: 'Menu "{{menu}}" lets the caller choose a language, but no option chooses {{languages}}.',
      missingPhrases:
        'A call in {{language}} would hear humanline\'s phrases {{phrases}} in English: neither humanline nor settings.phrases has them in {{language}}.',
    },
    options: z.strictObject({}),
  },
  check({ flow, analysis, report }) {
    const declared = flow.settings?.languages ?? [];
    // One language leaves nothing to choose.
    if (declared.length < 2) return;
    const { graph } = analysis;
    for (const { menu, route } of getFirstMenus(analysis)) {
      const chosen = new Set<string>();
      for (let x = graph.exitStart[menu]!; x < graph.exitStart[menu + 1]!; x++) {
        const target = graph.exitTarget[x]!;
        if (graph.exitType[x] !== 'option' || target < 0) continue;
        const language = getChosenLanguage(analysis, target);
        if (language !== undefined) chosen.add(language);
      }
      const nodeId = graph.ids[menu]!;
      const missing = declared.filter((language) => !chosen.has(language));
      if (chosen.size === 0) report({ nodeId, messageId: 'noLanguageChoice', data: { menu: nodeId, languages: declared.join(', ') }, path: route });
      else if (missing.length > 0) report({ nodeId, messageId: 'missingLanguages', data: { menu: nodeId, languages: missing.join(', ') }, path: route });
    }
    const used = getUsedPhrases(analysis);
    for (const language of declared) {
      const missing = findMissingPhrases(flow.settings, language).filter((key) => used.includes(key));
      if (missing.length > 0) report({ messageId: 'missingPhrases', data: { language, phrases: missing.join(', ') } });
    }
  },
});
