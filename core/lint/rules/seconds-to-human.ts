import { z } from 'zod';
import { getFrontier, getWorstNode } from '../../solver/frontier.ts';
import { getRouteToGoal } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'seconds-to-human',
  meta: {
    description: 'From every point, a person or a follow-up is at most 120 seconds away, even when nobody answers and look-ups fail.',
    severity: 'warn',
    acrossFlows: true,
    messages: {
      tooSlow: 'From here, when nobody answers and look-ups fail, help is about {{seconds}} s away; the budget is {{max}} s.',
    },
    options: z.strictObject({
      maxSeconds: z.number().positive().default(120),
    }),
  },
  check({ analysis, options, report }) {
    const { graph, seconds } = analysis;
    // Infinite values mean no help at all: human-unreachable's finding, not a slow line.
    const tooSlow = (node: number) => seconds.value[node] !== Infinity && seconds.value[node]! > options.maxSeconds;
    for (const node of getFrontier(analysis, tooSlow)) {
      report({
        nodeId: graph.ids[node],
        messageId: 'tooSlow',
        data: { seconds: Math.round(seconds.value[node]!), max: options.maxSeconds },
        path: getRouteToGoal(analysis, seconds, node),
        scenario: 'worst-case',
      });
    }
  },
  prove({ analysis, options }) {
    const { graph, closing, seconds } = analysis;
    const worst = getWorstNode(analysis, seconds.value, (node) => !closing[node]);
    if (worst < 0) return undefined;
    return { bound: Math.round(seconds.value[worst]!), limit: options.maxSeconds, unit: 'seconds', nodeId: graph.ids[worst]!, path: getRouteToGoal(analysis, seconds, worst) };
  },
});
