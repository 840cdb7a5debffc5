import { canHoldWithoutLimit, forEachExitWait } from '../nodes/registry.ts';
import type { Analysis, SolvedGame } from './analyze.ts';
import { solveGame } from './game.ts';
import { worstCaseGame } from './scenarios.ts';

// The time to a person that counts everything: prompts and input timeouts as the seconds game does,
// and the ringing and holding the registry declares per exit (`ExitSpec.waitSeconds`). Solved only
// for the rule that asks, once per analysis: analyzeFlow stays as fast as lint needs.

/** The solved game of each analysis asked about, shared by a rule's check and its proof. */
const solvedGames = new WeakMap<Analysis, SolvedGame>();

/**
 * Worst-case seconds to a live person, a call back offer or a follow-up, the environment playing
 * against the caller (busy, no answer after the full ring, queue full, wait timeout). A node that can
 * hold the call for ever (`holdsWithoutLimit`) takes no exit: the environment keeps the caller there,
 * so it and every node the environment can force into it have no bound (Infinity).
 */
export function getPersonSecondsGame(analysis: Analysis): SolvedGame {
  let solved = solvedGames.get(analysis);
  if (solved !== undefined) return solved;
  const { graph } = analysis;
  const weight = new Float64Array(graph.exitTarget.length);
  const superseded = new Uint8Array(graph.exitTarget.length);
  for (let i = 0, x = 0; i < graph.ids.length; i++) {
    forEachExitWait(graph.nodes[i]!, (wait) => {
      if (wait === undefined) superseded[x] = 1;
      weight[x] = graph.exitSeconds[x]! + (wait ?? 0);
      x++;
    });
  }
  // Time runs until the offer is heard, however the caller answers it: the environment holds the caller that
  // long or ends the wait sooner, so here the offer counts as one of the queue's timed outcomes, not a choice.
  const spec = { ...worstCaseGame(graph, weight), callerChoice: undefined };
  for (let x = 0; x < superseded.length; x++) if (superseded[x]) spec.active[x] = 0;
  for (let i = 0; i < graph.ids.length; i++) {
    if (!canHoldWithoutLimit(graph.nodes[i]!)) continue;
    for (let x = graph.exitStart[i]!; x < graph.exitStart[i + 1]!; x++) spec.active[x] = 0;
  }
  solved = { ...solveGame(graph, spec), spec };
  solvedGames.set(analysis, solved);
  return solved;
}
