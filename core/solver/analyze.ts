import { buildFlowGraph, type FlowGraph } from '../graph/flow-graph.ts';
import type { Flow } from '../schema/flow.ts';
import { getClosingNodes } from './closing.ts';
import { createGameScratch, solveGame, type GameScratch, type GameSolution, type GameSpec } from './game.ts';
import { getChecked, getReachable, type Reach } from './reachability.ts';
import { bestCaseGame, escapeGame, getSecondWeights, getStepWeights, withWeights, worstCaseGame } from './scenarios.ts';
import { getTrapCycles } from './traps.ts';

/** A solved game with the spec it was solved from, so walks can replay its moves. */
export interface SolvedGame extends GameSolution {
  spec: GameSpec;
}

/** Everything the rules need, computed once per flow (SPEC section 3). */
export interface Analysis {
  graph: FlowGraph;
  /** nodes the call can get to at all */
  reachable: Reach;
  /** nodes the guarantee is checked on, with shortest routes from the entry */
  checked: Reach;
  /** 1 for closing nodes */
  closing: Uint8Array;
  /** steps to a live person, environment on the caller's side */
  best: SolvedGame;
  /** steps to a person or a follow-up, environment against the caller */
  worst: SolvedGame;
  /** the same for a caller who never answers */
  silent: SolvedGame;
  /** the same for a caller who always answers wrongly */
  confused: SolvedGame;
  /** worst-case seconds to a person or a follow-up */
  seconds: SolvedGame;
  /** cycles the caller cannot leave, as lists of node indexes */
  traps: number[][];
}

function solve(graph: FlowGraph, spec: GameSpec, scratch?: GameScratch): SolvedGame {
  return { ...solveGame(graph, spec, scratch), spec };
}

const sameArray = <T>(a: ArrayLike<T>, b: ArrayLike<T>): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * True when every game but the seconds one has the same solution on both graphs: the same nodes
 * in the same order with the same roles and deciders, the same entry, and the same exits to the same
 * targets. What they may differ in (prompts, hence seconds; labels; settings) changes no step count.
 */
function haveSameStructure(a: FlowGraph, b: FlowGraph): boolean {
  return (
    a.entry === b.entry &&
    sameArray(a.starts, b.starts) &&
    sameArray(a.ids, b.ids) &&
    sameArray(a.role, b.role) &&
    sameArray(a.decider, b.decider) &&
    sameArray(a.exitStart, b.exitStart) &&
    sameArray(a.exitTarget, b.exitTarget) &&
    sameArray(a.exitType, b.exitType) &&
    sameArray(a.exitByCaller, b.exitByCaller)
  );
}

/**
 * The analysis of `flow`. With `previous`, the analysis of the flow before an edit, the games the
 * edit cannot change are taken from it rather than solved again (a prompt typed in the designer
 * changes only seconds): the result is the same as without it.
 */
export function analyzeFlow(flow: Flow, previous?: Analysis): Analysis {
  return analyzeGraph(buildFlowGraph(flow), previous);
}

/** The analysis of a built graph: one flow's, or a line's (core/lint/line.ts). */
export function analyzeGraph(graph: FlowGraph, previous?: Analysis): Analysis {
  if (previous !== undefined && haveSameStructure(previous.graph, graph)) {
    const sameSeconds = sameArray(previous.graph.exitSeconds, graph.exitSeconds);
    return { ...previous, graph, seconds: sameSeconds ? previous.seconds : solve(graph, worstCaseGame(graph, getSecondWeights(graph))) };
  }
  const steps = getStepWeights(graph);
  const closing = getClosingNodes(graph);
  // The worst case's goals and moves, built once for the games in steps, in seconds and of escape.
  const worst = worstCaseGame(graph, steps);
  const escape = escapeGame(graph, closing, worst);
  // one set of working arrays for the six games, solved one after another
  const scratch = createGameScratch(graph.ids.length);
  const escaped = solveGame(graph, escape, scratch);
  const checked = getChecked(graph);
  const trapped = new Uint8Array(graph.ids.length);
  for (let index = 0; index < checked.order.length; index++) {
    const node = checked.order[index]!;
    if (escaped.value[node] === Infinity) trapped[node] = 1;
  }

  return {
    graph,
    reachable: getReachable(graph),
    checked,
    closing,
    best: solve(graph, bestCaseGame(graph, steps), scratch),
    worst: solve(graph, worst, scratch),
    silent: solve(graph, worstCaseGame(graph, steps, 'noInput'), scratch),
    confused: solve(graph, worstCaseGame(graph, steps, 'noMatch'), scratch),
    seconds: solve(graph, withWeights(worst, getSecondWeights(graph)), scratch),
    traps: getTrapCycles(graph, trapped, escape.active),
  };
}
