import type { FlowGraph } from '../graph/flow-graph.ts';
import { BucketQueue } from './bucket-queue.ts';
import { MinHeap } from './min-heap.ts';

/**
 * A min-cost reachability game on the flow graph (SPEC section 3): the caller
 * minimises at its nodes, the environment maximises at its nodes, the value of
 * a node is the cost of reaching the goal set. Solved backwards from the goals
 * in the manner of Dijkstra's algorithm, O(E log V): a min node is settled by
 * its cheapest settled successor, a max node once every successor it can take
 * is settled.
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

export function solveGame(graph: FlowGraph, spec: GameSpec): GameSolution {
  const n = graph.ids.length;
  const { exitStart, exitTarget, exitSource, predStart, predExit } = graph;
  const { goal, maximise, active, weight } = spec;
  const value = new Float64Array(n).fill(Infinity);
  const via = new Int32Array(n).fill(-1);
  const settled = new Uint8Array(n);
  // Max nodes: active exits still unsettled, whether one of them is lost, and the largest cost seen so far.
  const pending = new Int32Array(n);
  const lost = new Uint8Array(n);
  const running = new Float64Array(n);
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
    } else if (via[i]! >= 0) {
      heap.push(value[i]!, i);
    }
  }

  while (heap.size > 0) {
    const d = heap.peekPriority();
    const u = heap.pop();
    if (settled[u] || d > value[u]!) continue;
    settled[u] = 1;
    for (let p = predStart[u]!; p < predStart[u + 1]!; p++) {
      const x = predExit[p]!;
      if (!active[x]) continue;
      const s = exitSource[x]!;
      if (settled[s] || goal[s]) continue;
      const cost = d + weight[x]!;
      if (maximise[s]) {
        if (pending[s]! <= 0) continue;
        if (cost > running[s]! || (cost === running[s]! && (via[s]! < 0 || (spec.preferred?.[x] ?? 0) >= (spec.preferred?.[via[s]!] ?? 0)))) {
          running[s] = cost;
          via[s] = x;
        }
        if (--pending[s]! === 0) {
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
