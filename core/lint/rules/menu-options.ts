import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'menu-options',
  meta: {
    description: 'A menu offers few enough options for a caller to keep in mind (warning above 5, error above 9).',
    severity: 'warn',
    messages: {
      tooManyOptions: 'This menu has {{count}} options, more than {{max}}: callers lose track of long lists, so split it into smaller menus.',
    },
    options: z.strictObject({
      warnAbove: z.int().min(1).default(5),
      errorAbove: z.int().min(1).default(9),
    }),
  },
  check({ analysis, options, report }) {
    const { graph } = analysis;
    forEachNodeOfKind(graph, 'menu', (node, nodeId) => {
      const count = node.options.length;
      // Past errorAbove the menu is unusable whatever severity the project gave the rule.
      if (count > options.errorAbove) report({ nodeId, messageId: 'tooManyOptions', data: { count, max: options.errorAbove }, severity: 'error' });
      else if (count > options.warnAbove) report({ nodeId, messageId: 'tooManyOptions', data: { count, max: options.warnAbove } });
    });
  },
});
