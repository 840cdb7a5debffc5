import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { getRouteTo } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'menu-barge-in',
  meta: {
    description: 'Every menu lets the caller interrupt its prompt with a key or a word (barge-in, on unless `bargeIn` is false).',
    severity: 'off',
    messages: {
      bargeInOff:
        'Menu "{{menu}}" sets "bargeIn": false, so callers who know their option must sit through the whole prompt: remove it to let them press or speak at once.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, report }) {
    forEachNodeOfKind(analysis.graph, 'menu', (node, nodeId, index) => {
      if (node.bargeIn !== false) return;
      // An unreachable menu has no route to show; unreachable-node reports it.
      const path = analysis.reachable.reached[index] ? getRouteTo(analysis, index) : undefined;
      report({ nodeId, messageId: 'bargeInOff', data: { menu: nodeId }, ...(path ? { path } : {}) });
    });
  },
});
