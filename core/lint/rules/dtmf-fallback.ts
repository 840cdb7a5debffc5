import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'dtmf-fallback',
  meta: {
    description: 'Every menu option that can be spoken can also be picked with a key.',
    severity: 'warn',
    messages: {
      speechOnly:
        'options.{{option}} ("{{phrase}}") can only be spoken: give it a key too, for callers on a noisy line or who cannot use speech.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, report }) {
    const { graph } = analysis;
    forEachNodeOfKind(graph, 'menu', (node, nodeId) => {
      node.options.forEach((option, optionIndex) => {
        const phrase = option.phrases?.[0];
        if (phrase !== undefined && option.key === undefined) report({ nodeId, messageId: 'speechOnly', data: { option: optionIndex, phrase } });
      });
    });
  },
});
