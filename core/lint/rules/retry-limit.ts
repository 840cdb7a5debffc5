import { z } from 'zod';
import { DEFAULTS } from '../../schema/defaults.ts';
import type { FlowNode, RetryHandler } from '../../schema/flow.ts';
import { defineRule } from '../rule.ts';

/** The retry handlers a node has, by field name; none for kinds without caller input. */
function getRetryHandlers(node: FlowNode): Array<[string, RetryHandler | undefined]> {
  if (node.kind === 'menu') return [['noInput', node.noInput], ['noMatch', node.noMatch]];
  if (node.kind === 'input') return [['noInput', node.noInput], ['invalid', node.invalid]];
  return [];
}

export default defineRule({
  id: 'retry-limit',
  meta: {
    description: 'Menus and inputs re-prompt a silent or mistaken caller between 1 and 3 times.',
    severity: 'warn',
    messages: {
      tooFewRetries: '{{handler}}.retries is {{count}}: give callers at least {{min}} more chance before moving on.',
      tooManyRetries: '{{handler}}.retries is {{count}}: more than {{max}} re-prompts keeps a stuck caller waiting.',
    },
    options: z.strictObject({
      min: z.int().min(0).default(1),
      max: z.int().min(0).default(3),
    }),
  },
  check({ analysis, options, report }) {
    const { graph } = analysis;
    graph.nodes.forEach((node, index) => {
      for (const [handler, settings] of getRetryHandlers(node)) {
        // An absent count is the runtime's default, judged like any other.
        const count = settings?.retries ?? DEFAULTS.retries;
        const nodeId = graph.ids[index]!;
        if (count < options.min) report({ nodeId, messageId: 'tooFewRetries', data: { handler, count, min: options.min } });
        else if (count > options.max) report({ nodeId, messageId: 'tooManyRetries', data: { handler, count, max: options.max } });
      }
    });
  },
});
