import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { getOptionExitId, SPEECH_NEXT_EXIT_ID } from '../../nodes/registry.ts';
import { findOptionBySpeech, findOptionBySpokenWords, toSpokenWords } from '../../nodes/speech-match.ts';
import type { Analysis } from '../../solver/analyze.ts';
import { getRouteThrough, getRouteTo } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

const OPERATOR_WORDS = ['agent', 'operator', 'representative'] as const;

/**
 * Where a person can be reached, the route must reach one with no further
 * caller step; on a branch where none is available (closed hours), a follow-up.
 */
function reachesHelpDirectly(analysis: Analysis, menu: number, exit: number): boolean {
  const target = analysis.graph.exitTarget[exit]!;
  if (target < 0) return false;
  if (analysis.best.value[menu] === Infinity) return analysis.worst.value[target] === 0;
  return analysis.best.value[target] === 0;
}

function exitById(analysis: Analysis, node: number, id: string): number {
  const { graph } = analysis;
  for (let x = graph.exitStart[node]!; x < graph.exitStart[node + 1]!; x++) if (graph.exitId[x] === id) return x;
  throw new Error(`node ${graph.ids[node]} has no exit ${id}`);
}

function findOption<T>(options: readonly T[], matches: (option: T) => boolean): number {
  for (let i = 0; i < options.length; i++) if (matches(options[i]!)) return i;
  return -1;
}

/** A phrase the word is part of (a caller saying the phrase would be heard saying the word), for a message that says what to add. */
function findLongerPhrase(options: readonly { phrases?: readonly string[] }[], word: string): string | undefined {
  return options.flatMap((option) => option.phrases ?? []).find((phrase) => findOptionBySpeech([{ phrases: [word] }], phrase) !== undefined);
}

export default createRule({
  id: 'operator-key',
  meta: {
    description: 'Every menu sends 0 (and, with speech on, "agent", "operator", "representative") straight to a person.',
    severity: 'error',
    acrossFlows: true,
    core: true,
    messages: {
      missingZero: 'This menu has no option for 0: pressing 0 must reach a person.',
      zeroNotHuman: 'Pressing 0 here does not reach a person without further steps (it goes to "{{target}}").',
      missingWord: 'Speech is on, but saying "{{word}}" is not an option: it must reach a person.',
      wordOnlyInPhrase:
        'Speech is on, but saying just "{{word}}" picks no option: the phrase "{{phrase}}" matches only when said in full. Add "{{word}}" as a phrase of its own.',
      wordNotHuman: 'Saying "{{word}}" here does not reach a person without further steps (it goes to "{{target}}").',
    },
    options: z.strictObject({
      words: z.array(z.string()).default([...OPERATOR_WORDS]),
    }),
  },
  check({ analysis, options, report }) {
    const { graph, checked } = analysis;
    const targetName = (x: number) => graph.exitTargetId[x] ?? '(not connected)';
    // each word split as the runtime splits what a caller says, once for every menu
    const spokenWords = options.words.map(toSpokenWords);
    forEachNodeOfKind(graph, 'menu', (node, nodeId, menu) => {
      if (!checked.reached[menu]) return;
      const zero = findOption(node.options, (option) => option.key === '0');
      if (zero < 0) {
        report({ nodeId, messageId: 'missingZero', path: getRouteTo(analysis, menu) });
      } else {
        const x = exitById(analysis, menu, getOptionExitId(zero));
        if (!reachesHelpDirectly(analysis, menu, x)) {
          report({ nodeId, messageId: 'zeroNotHuman', data: { target: targetName(x) }, path: getRouteThrough(analysis, x) });
        }
      }
      if (!node.speech) return;
      for (let w = 0; w < options.words.length; w++) {
        const word = options.words[w]!;
        // What the runtime does with a caller who says just the word.
        const heard = findOptionBySpokenWords(node.options, spokenWords[w]!);
        // A word no option takes goes where the menu sends any other speech, when it says.
        const exitId = heard ? getOptionExitId(heard.index) : node.speech.next !== undefined ? SPEECH_NEXT_EXIT_ID : undefined;
        if (exitId === undefined) {
          const phrase = findLongerPhrase(node.options, word);
          if (phrase === undefined) report({ nodeId, messageId: 'missingWord', data: { word }, path: getRouteTo(analysis, menu) });
          else report({ nodeId, messageId: 'wordOnlyInPhrase', data: { word, phrase }, path: getRouteTo(analysis, menu) });
          continue;
        }
        const x = exitById(analysis, menu, exitId);
        if (!reachesHelpDirectly(analysis, menu, x)) {
          report({ nodeId, messageId: 'wordNotHuman', data: { word, target: targetName(x) }, path: getRouteThrough(analysis, x) });
        }
      }
    });
  },
});
