import { z } from 'zod';
import { getFrontier } from '../../solver/frontier.ts';
import { getStrandingWalk } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'human-unreachable',
  meta: {
    description: 'The line has a route to a live person, and from every point either a route to a person or a guaranteed follow-up.',
    severity: 'error',
    acrossFlows: true,
    core: true,
    messages: {
      noPersonFromEntry: 'No route from the start of the call reaches a live person (a transfer or a queue).',
      stranded: 'From here no route reaches a person, and no voicemail or callback is guaranteed.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, report }) {
    const { graph, best, worst, closing } = analysis;
    const entry = graph.entry;
    if (entry < 0) return;
    const entryStranded = best.value[entry] === Infinity;
    if (entryStranded) {
      report({ nodeId: graph.ids[entry], messageId: 'noPersonFromEntry', path: getStrandingWalk(analysis, best, entry), scenario: 'best-case' });
    }
    const stranded = (node: number) => !closing[node] && best.value[node] === Infinity && worst.value[node] === Infinity;
    for (const node of getFrontier(analysis, stranded)) {
      if (node === entry && entryStranded) continue;
      report({ nodeId: graph.ids[node], messageId: 'stranded', path: getStrandingWalk(analysis, worst, node), scenario: 'worst-case' });
    }
  },
});
