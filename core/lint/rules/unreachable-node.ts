import { z } from 'zod';
import { getUntakenLinks } from '../../nodes/registry.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'unreachable-node',
  meta: {
    description: 'Every node can be got to from the start of the call, and every link is one a call can follow.',
    severity: 'warn',
    acrossFlows: true,
    messages: {
      unreachable: 'No call can get here from the start of the call: connect this node or remove it.',
      neverTaken: 'No call leaves here by "{{exit}}", so its link to "{{target}}" is never followed: remove the link or change the node.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, report }) {
    const { graph, reachable } = analysis;
    // With no entry node nothing is reachable; missing-target reports the entry instead of every node.
    if (graph.entry < 0) return;
    for (let node = 0; node < graph.ids.length; node++) {
      const nodeId = graph.ids[node]!;
      if (!reachable.reached[node]) report({ nodeId, messageId: 'unreachable' });
      // The graph leaves such exits out, so the node they lead to may be cut off: say why at the link.
      const links = getUntakenLinks(graph.nodes[node]!);
      // indexed, not for-of: nearly every node has none, and an iterator per node is 100,000 objects in a large flow
      for (let index = 0; index < links.length; index++) report({ nodeId, messageId: 'neverTaken', data: { exit: links[index]!.label, target: links[index]!.target } });
    }
  },
});
