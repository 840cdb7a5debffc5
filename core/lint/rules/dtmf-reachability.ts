import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { getOptionExitId, SPEECH_NEXT_EXIT_ID } from '../../nodes/registry.ts';
import { getRouteWithin } from '../../solver/paths.ts';
import { walkFromEntry } from '../../solver/reachability.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'dtmf-reachability',
  meta: {
    description: 'Every part of the flow a caller can reach by speaking can also be reached with keys alone (EN 301 549).',
    severity: 'off',
    messages: {
      speechOnlyRoute:
        'Menu "{{menu}}" reaches "{{target}}" only when the caller says something no option matches (speech.next): give an option with a key that route too, so callers who cannot speak reach it.',
      speechOnlyAnswer:
        'Input "{{input}}" reaches "{{target}}" only when the caller speaks the answer (speech.next): give keys a route there too, so callers who cannot speak reach it.',
      speechOnlyFunction:
        'Menu "{{menu}}" reaches "{{target}}" only when the caller says "{{phrase}}" (options.{{option}}): give that option a key, so callers who cannot speak reach it too.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, report }) {
    const { graph } = analysis;
    // Exits a caller can take only by speaking: options with phrases and no key, speech no option matches, an input's spoken answer.
    const speechOnly = new Uint8Array(graph.exitId.length);
    const phraseOf = new Map<number, { option: number; phrase: string }>();
    const spokenAnswers = new Set<number>();
    forEachNodeOfKind(graph, 'input', (_node, _nodeId, input) => {
      for (let x = graph.exitStart[input]!; x < graph.exitStart[input + 1]!; x++) {
        if (graph.exitId[x] !== SPEECH_NEXT_EXIT_ID) continue;
        speechOnly[x] = 1;
        spokenAnswers.add(x);
      }
    });
    forEachNodeOfKind(graph, 'menu', (node, _nodeId, menu) => {
      for (let x = graph.exitStart[menu]!; x < graph.exitStart[menu + 1]!; x++) if (graph.exitId[x] === SPEECH_NEXT_EXIT_ID) speechOnly[x] = 1;
      node.options.forEach((option, index) => {
        const phrase = option.phrases?.[0];
        if (option.key !== undefined || phrase === undefined) return;
        for (let x = graph.exitStart[menu]!; x < graph.exitStart[menu + 1]!; x++) {
          if (graph.exitId[x] !== getOptionExitId(index)) continue;
          speechOnly[x] = 1;
          phraseOf.set(x, { option: index, phrase });
        }
      });
    });
    const byKeys = walkFromEntry(graph, (x) => !speechOnly[x], () => true);
    // Report each node keys cannot reach once, at the spoken option that opens it; what lies behind it follows.
    const reported = new Set<number>();
    for (const node of byKeys.order) {
      for (let x = graph.exitStart[node]!; x < graph.exitStart[node + 1]!; x++) {
        const target = graph.exitTarget[x]!;
        if (!speechOnly[x] || target < 0 || byKeys.reached[target] || reported.has(target)) continue;
        reported.add(target);
        if (spokenAnswers.has(x)) {
          report({ nodeId: graph.ids[node]!, messageId: 'speechOnlyAnswer', data: { input: graph.ids[node]!, target: graph.ids[target]! }, path: getRouteWithin(analysis, byKeys, node) });
          continue;
        }
        const menu = graph.ids[node]!;
        const spoken = phraseOf.get(x);
        if (spoken === undefined) {
          report({ nodeId: menu, messageId: 'speechOnlyRoute', data: { menu, target: graph.ids[target]! }, path: getRouteWithin(analysis, byKeys, node) });
          continue;
        }
        const { option, phrase } = spoken;
        report({ nodeId: menu, messageId: 'speechOnlyFunction', data: { menu, target: graph.ids[target]!, phrase, option }, path: getRouteWithin(analysis, byKeys, node) });
      }
    }
  },
});
