import type { FlowGraph } from '../graph/flow-graph.ts';
import { BucketQueue } from './bucket-queue.ts';
import { MinHeap } from './min-heap.ts';

/**
 * A min-cost reachability game on the flow graph (SPEC section 3): the caller
 * minimises at its nodes, the environment maximises at its nodes, the value of
 * a node is the cost of reaching the goal set. Solved backwards from the goals
 * in the manner of Dijkstra's algorithm, O(E log V): a min node is settled by
 * its cheapest settled successor, a max node once every successor it can take
 * is settled. At a max node the caller may also hold exits of its own (`callerChoice`): there it
 * chooses between them and leaving the choice to the environment, so the value is the smaller of its
 * best such exit and the environment's largest outcome.
 */
export interface GameSpec {
  /** 1 where the node is a goal (value 0) */
  goal: Uint8Array;
  /** 1 where the environment picks the exit (max), 0 where the caller does (min) */
  maximise: Uint8Array;
  /** 1 for each exit the player at its node may take; others are ignored */
  active: Uint8Array;
  /** cost of taking each exit */
  weight: Float64Array;
  /**
   * 1 for exits of a max node that the caller, not the environment, takes if it wants to (a queue's
   * callback offer): a min move beside the environment's max ones. Absent: none
   */
  callerChoice?: Uint8Array;
  /** whether every weight is a whole number (steps), so a bucket queue can replace the heap */
  wholeWeights?: boolean;
  /** whether an active exit to no node (unconnected or unknown) ends the game as reached (true) or lost (false) */
  missingIsGoal?: boolean;
  /**
   * 1 for exits a max node's counterexample should show when several realise
   * its value (a failure outcome rather than a callback offer): it changes
   * which route is reported, never a value
   */
  preferred?: Uint8Array;
}

export interface GameSolution {
  /** cost to the goal from each node; Infinity where the goal cannot be forced */
  value: Float64Array;
  /** the exit that realises the value (toward the goal), -1 at goals and unsolved nodes */
  via: Int32Array;
}

/**
 * The working arrays of a solve, none of them part of its solution: the games of one analysis share
 * them, as fresh arrays for each game cost a large flow more in page faults than the solving does.
 */
export interface GameScratch {
  settled: Uint8Array;
  /** max nodes: active exits still unsettled, whether one of them is lost, and the largest cost seen so far */
  pending: Int32Array;
  lost: Uint8Array;
  running: Float64Array;
  /** max nodes with exits of the caller's own: the cheapest of them so far, and which */
  choiceValue: Float64Array;
  choiceVia: Int32Array;
}

/** Working arrays for solving games on a graph of `n` nodes, one game after another. */
export function createGameScratch(n: number): GameScratch {
  return {
    settled: new Uint8Array(n),
    pending: new Int32Array(n),
    lost: new Uint8Array(n),
    running: new Float64Array(n),
    choiceValue: new Float64Array(n).fill(Infinity),
    choiceVia: new Int32Array(n).fill(-1),
  };
}

/** `scratch` as `createGameScratch` made it, for the next game. */
function resetScratch(scratch: GameScratch): GameScratch {
  scratch.settled.fill(0);
  scratch.pending.fill(0);
  scratch.lost.fill(0);
  scratch.running.fill(0);
  scratch.choiceValue.fill(Infinity);
  scratch.choiceVia.fill(-1);
  return scratch;
}

/** Solves `spec` on `graph`; `scratch` (from `createGameScratch` for this graph) spares a game solved after another its working arrays. */
export function solveGame(graph: FlowGraph, spec: GameSpec, scratch?: GameScratch): GameSolution {
  const n = graph.ids.length;
  const { exitStart, exitTarget, exitSource, predStart, predExit } = graph;
  const { goal, maximise, active, weight, callerChoice } = spec;
  const value = new Float64Array(n).fill(Infinity);
  const via = new Int32Array(n).fill(-1);
  const { settled, pending, lost, running, choiceValue, choiceVia } = scratch === undefined ? createGameScratch(n) : resetScratch(scratch);
  // Whole-number costs (steps) take the bucket queue; seconds take the heap.
  const heap = spec.wholeWeights ? new BucketQueue() : new MinHeap();

  for (let i = 0; i < n; i++) {
    if (goal[i]) {
      value[i] = 0;
      heap.push(0, i);
      continue;
    }
    let activeExits = 0;
    for (let x = exitStart[i]!; x < exitStart[i + 1]!; x++) {
      if (!active[x]) continue;
      if (maximise[i] && callerChoice?.[x]) {
        // The caller's own exit at a max node: a dead one is avoided, or reached at its own cost.
        if (exitTarget[x]! < 0 && spec.missingIsGoal && weight[x]! < choiceValue[i]!) {
          choiceValue[i] = weight[x]!;
          choiceVia[i] = x;
        }
        continue;
      }
      activeExits++;
      if (exitTarget[x]! >= 0) {
        pending[i]!++;
      } else if (!spec.missingIsGoal) {
        // A max node that can take a dead exit is lost; a min node just avoids it.
        if (maximise[i]) lost[i] = 1;
      } else if (maximise[i] ? weight[x]! >= running[i]! : weight[x]! < value[i]!) {
        // A dead exit that counts as reached: settled at once with its own cost.
        if (maximise[i]) running[i] = weight[x]!;
        else value[i] = weight[x]!;
        via[i] = x;
      }
    }
    if (maximise[i]) {
      if (lost[i]) pending[i] = -1;
      else if (activeExits > 0 && pending[i] === 0) {
        value[i] = running[i]!;
        heap.push(value[i]!, i);
      }
      if (callerChoice !== undefined && choiceValue[i]! < value[i]!) {
        value[i] = choiceValue[i]!;
        heap.push(value[i]!, i);
      }
    } else if (via[i]! >= 0) {
      heap.push(value[i]!, i);
    }
  }

  while (heap.size > 0) {
    const d = heap.peekPriority();
    const u = heap.pop();
    if (settled[u] || d > value[u]!) continue;
    settled[u] = 1;
    // Settled by the caller's own exit unless the environment's outcomes, all settled, cost no more.
    if (maximise[u] && callerChoice !== undefined && choiceVia[u]! >= 0 && choiceValue[u] === d && !(pending[u] === 0 && running[u] === d)) via[u] = choiceVia[u]!;
    for (let p = predStart[u]!; p < predStart[u + 1]!; p++) {
      const x = predExit[p]!;
      if (!active[x]) continue;
      const s = exitSource[x]!;
      if (settled[s] || goal[s]) continue;
      const cost = d + weight[x]!;
      if (maximise[s] && callerChoice?.[x]) {
        if (cost < choiceValue[s]!) {
          choiceValue[s] = cost;
          choiceVia[s] = x;
          if (cost < value[s]!) {
            value[s] = cost;
            heap.push(cost, s);
          }
        }
      } else if (maximise[s]) {
        if (pending[s]! <= 0) continue;
        if (cost > running[s]! || (cost === running[s]! && (via[s]! < 0 || (spec.preferred?.[x] ?? 0) >= (spec.preferred?.[via[s]!] ?? 0)))) {
          running[s] = cost;
          via[s] = x;
        }
        if (--pending[s]! === 0 && running[s]! <= value[s]!) {
          value[s] = running[s]!;
          heap.push(running[s]!, s);
        }
      } else if (cost < value[s]!) {
        value[s] = cost;
        via[s] = x;
        heap.push(cost, s);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (!settled[i]) {
      value[i] = Infinity;
      via[i] = -1;
    }
  }
  return { value, via };
}
