import { z } from 'zod';
import { getRouteThrough } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'dead-end',
  meta: {
    description:
      'The call ends only where the caller chose it or after a person or a follow-up was reached: never on no input, invalid input, a failure or a closed line.',
    severity: 'error',
    acrossFlows: true,
    core: true,
    messages: {
      unconnected: 'The "{{exit}}" route is not connected, so the call hangs up there before the caller reached a person.',
      intoClosing: 'The "{{exit}}" route leads to "{{target}}", which ends the call before the caller reached a person.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, nameNode, report }) {
    const { graph, closing, checked } = analysis;
    // indexed, not for-of: a large flow has a checked node per node, and this loop runs once
    for (let index = 0; index < checked.order.length; index++) {
      const node = checked.order[index]!;
      // Follow-ups end the game; closing nodes are the ends themselves.
      if (closing[node] || graph.role[node] === 'followUp') continue;
      for (let x = graph.exitStart[node]!; x < graph.exitStart[node + 1]!; x++) {
        // the exit's columns read directly, no object per exit: a large flow has hundreds of thousands
        const type = graph.exitType[x];
        if (type === 'success' || type === 'option') continue;
        const target = graph.exitTarget[x]!;
        // Unknown ids are missing-target's to report; the solver still counts them as hang-ups.
        if (target === -2) continue;
        if (target >= 0 && !closing[target]) continue;
        report({
          nodeId: graph.ids[node],
          messageId: target < 0 ? 'unconnected' : 'intoClosing',
          data: { exit: graph.exitLabel[x]!, target: target >= 0 ? nameNode(target) : '' },
          path: getRouteThrough(analysis, x),
        });
      }
    }
  },
});
