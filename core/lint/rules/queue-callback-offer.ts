import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'queue-callback-offer',
  meta: {
    description: 'Every queue offers callers a call back instead of holding.',
    severity: 'warn',
    messages: {
      noCallbackOffer: 'Queue "{{queue}}" offers no call back: callers who cannot hold have to hang up and try again.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, report }) {
    const { graph } = analysis;
    forEachNodeOfKind(graph, 'queue', (node, nodeId) => {
      if (!node.callbackOffer) report({ nodeId, messageId: 'noCallbackOffer', data: { queue: node.queue } });
    });
  },
});
