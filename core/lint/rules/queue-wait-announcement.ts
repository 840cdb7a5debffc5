import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'queue-wait-announcement',
  meta: {
    description: 'Every queue tells callers their position or estimated wait (GetHuman: announce the wait on entering the queue).',
    severity: 'warn',
    messages: {
      noAnnouncement: 'Callers in queue "{{queue}}" are never told their position or estimated wait: announce it when they enter the queue.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, report }) {
    const { graph } = analysis;
    forEachNodeOfKind(graph, 'queue', (node, nodeId) => {
      // Either one lets callers decide whether to hold; neither leaves them guessing.
      if (node.announce?.position || node.announce?.estimatedWait) return;
      report({ nodeId, messageId: 'noAnnouncement', data: { queue: node.queue } });
    });
  },
});
