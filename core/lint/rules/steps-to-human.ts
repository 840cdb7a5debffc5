import { z } from 'zod';
import { getFrontier, getWorstNode } from '../../solver/frontier.ts';
import type { SolvedGame } from '../../solver/analyze.ts';
import { getRouteToGoal } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

export default createRule({
  id: 'steps-to-human',
  meta: {
    description: 'A person is at most N caller steps away: from the start, and from every point in the best and in the worst case.',
    severity: 'error',
    acrossFlows: true,
    core: true,
    messages: {
      entryTooFar: 'A caller needs {{steps}} steps to reach a person from the start of the call; the budget is {{max}}.',
      bestTooFar: 'From here a person is {{steps}} steps away even when everything goes right; the budget is {{max}}.',
      worstTooFar: 'From here, when nobody answers and look-ups fail, help is {{steps}} steps away; the budget is {{max}}.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, maxSteps, report }) {
    const { graph, best, worst } = analysis;
    const tooFar = (value: number) => value !== Infinity && value > maxSteps;
    const entry = graph.entry;
    const entryTooFar = entry >= 0 && tooFar(best.value[entry]!);
    if (entryTooFar) {
      report({
        nodeId: graph.ids[entry],
        messageId: 'entryTooFar',
        data: { steps: best.value[entry]!, max: maxSteps },
        path: getRouteToGoal(analysis, best, entry),
        scenario: 'best-case',
      });
    }
    for (const node of getFrontier(analysis, (n) => tooFar(best.value[n]!))) {
      if (node === entry && entryTooFar) continue;
      report({
        nodeId: graph.ids[node],
        messageId: 'bestTooFar',
        data: { steps: best.value[node]!, max: maxSteps },
        path: getRouteToGoal(analysis, best, node),
        scenario: 'best-case',
      });
    }
    // Where even the best case is too far, that finding already names the problem.
    for (const node of getFrontier(analysis, (n) => tooFar(worst.value[n]!) && !tooFar(best.value[n]!))) {
      report({
        nodeId: graph.ids[node],
        messageId: 'worstTooFar',
        data: { steps: worst.value[node]!, max: maxSteps },
        path: getRouteToGoal(analysis, worst, node),
        scenario: 'worst-case',
      });
    }
  },
  // Both cases are held to the budget: the proof is the larger of their worst nodes, the worst case on a tie.
  prove({ analysis, maxSteps }) {
    const { graph, closing } = analysis;
    let proven: { game: SolvedGame; node: number } | undefined;
    for (const game of [analysis.worst, analysis.best]) {
      const node = getWorstNode(analysis, game.value, (at) => !closing[at]);
      if (node >= 0 && (proven === undefined || game.value[node]! > proven.game.value[proven.node]!)) proven = { game, node };
    }
    if (proven === undefined) return undefined;
    const { game, node } = proven;
    return { bound: game.value[node]!, limit: maxSteps, unit: 'steps', nodeId: graph.ids[node]!, path: getRouteToGoal(analysis, game, node) };
  },
});
