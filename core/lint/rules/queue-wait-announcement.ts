import { z } from 'zod';
import { defineRule } from '../rule.ts';

export default defineRule({
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
    graph.nodes.forEach((node, index) => {
      if (node.kind !== 'queue') return;
      // Either one lets callers decide whether to hold; neither leaves them guessing.
      if (node.announce?.position || node.announce?.estimatedWait) return;
      report({ nodeId: graph.ids[index], messageId: 'noAnnouncement', data: { queue: node.queue } });
    });
  },
});
