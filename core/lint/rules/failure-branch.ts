import { z } from 'zod';
import { UNCONNECTED } from '../../graph/flow-graph.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'failure-branch',
  meta: {
    description: 'Every failure outcome (busy, no answer, failed, queue full, wait timeout, look-up failed or timed out) is connected.',
    severity: 'warn',
    messages: {
      unconnectedFailure: 'The {{outcome}} outcome is not connected, so the call hangs up there: connect the {{outcome}} outcome to a queue, voicemail or callback.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, report }) {
    const { graph, reachable } = analysis;
    // All reachable nodes, not only the checked ones: a failed transfer after the first agent call still strands the caller.
    for (let index = 0; index < reachable.order.length; index++) {
      const node = reachable.order[index]!;
      for (let x = graph.exitStart[node]!; x < graph.exitStart[node + 1]!; x++) {
        if (graph.exitType[x] !== 'failure' || graph.exitTarget[x] !== UNCONNECTED) continue;
        // Registry labels say "failed" and "timeout" for look-ups; designers speak of the look-up failing.
        const prefix = graph.nodes[node]!.kind === 'http' ? 'look-up ' : '';
        report({ nodeId: graph.ids[node], messageId: 'unconnectedFailure', data: { outcome: `${prefix}${graph.exitLabel[x]}` } });
      }
    }
  },
});
