import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import { canHoldWithoutLimit } from '../../nodes/registry.ts';
import type { Analysis } from '../../solver/analyze.ts';
import { getFrontier, getWorstNode } from '../../solver/frontier.ts';
import { getRouteToGoal } from '../../solver/paths.ts';
import { getPersonSecondsGame } from '../../solver/person-seconds.ts';
import { createRule, type RuleProof } from '../rule.ts';

const OptionsSchema = z.strictObject({
  maxSeconds: z.number().positive().default(180),
  /** `request`: from each node that puts the caller through to a person; `anywhere`: from every checked node, the entry too */
  from: z.enum(['request', 'anywhere']).default('request'),
});

type Options = z.infer<typeof OptionsSchema>;

/** Whether the guarantee is checked from `node`: every node, or only where the caller is put through to a person. */
const isCheckedFrom = (analysis: Analysis, options: Options, node: number): boolean => options.from === 'anywhere' || analysis.graph.role[node] === 'human';

export default createRule({
  id: 'seconds-to-person',
  meta: {
    description:
      'A caller who asks for a person is connected, offered a call back or sent to a follow-up within 180 seconds, counting prompts, input timeouts, ringing and holding.',
    severity: 'off',
    acrossFlows: true,
    messages: {
      tooSlow:
        'From here, when nobody answers and queues are full or time out, a person, a call back offer or a follow-up is about {{seconds}} s away, ringing and holding included; the budget is {{max}} s.',
      noLimit: 'Callers can wait in queue "{{queue}}" with no limit: set maxWait with on.timeout, or offer a call back.',
    },
    options: OptionsSchema,
  },
  check(context) {
    const { analysis, options, report } = context;
    const { graph, checked } = analysis;
    forEachNodeOfKind(graph, 'queue', (node, nodeId, index) => {
      if (checked.reached[index] && canHoldWithoutLimit(node)) report({ nodeId, messageId: 'noLimit', data: { queue: node.queue } });
    });
    const game = getPersonSecondsGame(analysis);
    // Infinite values are a queue with no limit (reported above) or no help at all (human-unreachable's finding).
    const tooSlow = (n: number) => isCheckedFrom(analysis, options, n) && game.value[n] !== Infinity && game.value[n]! > options.maxSeconds;
    for (const node of getFrontier(analysis, tooSlow)) {
      report({
        nodeId: graph.ids[node],
        messageId: 'tooSlow',
        data: { seconds: Math.round(game.value[node]!), max: options.maxSeconds },
        path: getRouteToGoal(analysis, game, node),
        scenario: 'worst-case',
      });
    }
  },
  prove({ analysis, options }): RuleProof | undefined {
    const game = getPersonSecondsGame(analysis);
    const worst = getWorstNode(analysis, game.value, (node) => isCheckedFrom(analysis, options, node));
    if (worst < 0) return undefined;
    const bound = Math.round(game.value[worst]!);
    return { bound, limit: options.maxSeconds, unit: 'seconds', nodeId: analysis.graph.ids[worst]!, path: getRouteToGoal(analysis, game, worst) };
  },
});
