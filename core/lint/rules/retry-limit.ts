import { z } from 'zod';
import { DEFAULTS } from '../../schema/defaults.ts';
import type { RetryHandler } from '../../schema/flow.ts';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { createRule } from '../rule.ts';

/** The retry handlers a node has, by field name; none for kinds without caller input. */
export default createRule({
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
    const judge = (nodeId: string, handler: string, settings: RetryHandler | undefined) => {
      // An absent count is the runtime's default, judged like any other.
      const count = settings?.retries ?? DEFAULTS.retries;
      if (count < options.min) report({ nodeId, messageId: 'tooFewRetries', data: { handler, count, min: options.min } });
      else if (count > options.max) report({ nodeId, messageId: 'tooManyRetries', data: { handler, count, max: options.max } });
    };
    forEachNodeOfKind(graph, 'menu', (node, nodeId) => {
      judge(nodeId, 'noInput', node.noInput);
      judge(nodeId, 'noMatch', node.noMatch);
    });
    forEachNodeOfKind(graph, 'input', (node, nodeId) => {
      judge(nodeId, 'noInput', node.noInput);
      // An invalid route that goes on at once where valid digits go accepts any entry: there is no mistake to re-prompt.
      const acceptsAnyEntry = node.invalid?.retries === 0 && node.invalid.next !== undefined && node.invalid.next === node.next;
      if (!acceptsAnyEntry) judge(nodeId, 'invalid', node.invalid);
    });
  },
});
