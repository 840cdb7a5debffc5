import { z } from 'zod';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'unreachable-node',
  meta: {
    description: 'Every node can be got to from the start of the call.',
    severity: 'warn',
    acrossFlows: true,
    messages: {
      unreachable: 'No call can get here from the start of the call: connect this node or remove it.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, report }) {
    const { graph, reachable } = analysis;
    // With no entry node nothing is reachable; missing-target reports the entry instead of every node.
    if (graph.entry < 0) return;
    graph.ids.forEach((nodeId, node) => {
      if (!reachable.reached[node]) report({ nodeId, messageId: 'unreachable' });
    });
  },
});
