import { z } from 'zod';
import { DEFAULTS } from '../../schema/defaults.ts';
import type { RetryHandler } from '../../schema/flow.ts';
import { getRouteThrough, getRouteTo } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'input-timeout-warning',
  meta: {
    description: 'A caller who says nothing is re-prompted before the no-input route is taken: warned, and given more time (Section 508).',
    severity: 'off',
    messages: {
      noRetry:
        'Node "{{node}}" takes its no-input route on the first silence ("noInput.retries" is 0): set it to 1 or more, so the caller is prompted again and gets more time.',
      noWarningPrompt:
        'Node "{{node}}" re-prompts a silent caller without saying why: give "noInput.prompt" (for example "Sorry, I did not hear anything") so the caller knows time ran out.',
    },
    options: z.strictObject({
      warningPrompt: z.boolean().default(false).describe('Also require a noInput.prompt played before each re-prompt'),
    }),
  },
  check({ analysis, options, report }) {
    const { graph } = analysis;
    // Every node that waits for the caller declares a no-input exit; its retry handler is the field that exit sits in.
    for (let x = 0; x < graph.exitId.length; x++) {
      if (graph.exitType[x] !== 'noInput') continue;
      const node = graph.exitSource[x]!;
      const nodeId = graph.ids[node]!;
      const handler = (graph.nodes[node] as { noInput?: RetryHandler }).noInput;
      const reached = analysis.reachable.reached[node] === 1;
      if ((handler?.retries ?? DEFAULTS.retries) === 0) {
        report({ nodeId, messageId: 'noRetry', data: { node: nodeId }, ...(reached ? { path: getRouteThrough(analysis, x) } : {}) });
      } else if (options.warningPrompt && handler?.prompt === undefined) {
        report({ nodeId, messageId: 'noWarningPrompt', data: { node: nodeId }, ...(reached ? { path: getRouteTo(analysis, node) } : {}) });
      }
    }
  },
});
