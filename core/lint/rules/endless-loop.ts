import { z } from 'zod';
import { getCycleHead, getTrapWalk } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'endless-loop',
  meta: {
    description: 'No cycle the caller cannot leave: none without a caller decision, none the environment can keep the call in forever.',
    severity: 'error',
    acrossFlows: true,
    core: true,
    messages: {
      noCallerDecision: 'The call can go round {{cycle}} forever: the cycle has no caller decision.',
      environmentTrap: 'The call can be kept in {{cycle}} forever: every way out depends on outcomes the caller does not control.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, nameNode, report }) {
    const { graph } = analysis;
    for (const cycle of analysis.traps) {
      const head = getCycleHead(analysis, cycle);
      const path = getTrapWalk(analysis, cycle);
      const loopStart = path.steps.findIndex((step) => step.nodeId === graph.ids[head]);
      const cycleWords = path.steps
        .slice(loopStart)
        .map((step) => nameNode(graph.indexOf.get(step.nodeId)!))
        .join(' → ');
      const hasCallerDecision = cycle.some((node) => graph.decider[node] === 'caller');
      report({
        nodeId: graph.ids[head],
        messageId: hasCallerDecision ? 'environmentTrap' : 'noCallerDecision',
        data: { cycle: cycleWords },
        path,
        scenario: 'worst-case',
      });
    }
  },
});
