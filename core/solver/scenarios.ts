import type { FixedCaller, FlowGraph } from '../graph/flow-graph.ts';
import type { GameSpec } from './game.ts';

// The games of SPEC section 3, as inputs to solveGame. Each is read off the
// registry's deciders, roles and exit types: nothing here knows node kinds.

// Memoised per weight array: the step weights are shared by four games.
const wholeWeightArrays = new WeakMap<Float64Array, boolean>();
function hasWholeWeights(weight: Float64Array): boolean {
  let whole = wholeWeightArrays.get(weight);
  if (whole === undefined) {
    whole = true;
    for (let x = 0; x < weight.length && whole; x++) whole = Number.isInteger(weight[x]);
    wholeWeightArrays.set(weight, whole);
  }
  return whole;
}

/** Steps: one per visit of a caller-decides node. */
export function getStepWeights(graph: FlowGraph): Float64Array {
  const weight = new Float64Array(graph.exitTarget.length);
  for (let x = 0; x < weight.length; x++) weight[x] = graph.decider[graph.exitSource[x]!] === 'caller' ? 1 : 0;
  return weight;
}

/** Seconds: the time the call spends in a node before it leaves by an exit. */
export function getSecondWeights(graph: FlowGraph): Float64Array {
  return graph.exitSeconds;
}

/**
 * Best case: the environment is on the caller's side. Goal: a live person.
 * Follow-ups end the game without reaching one.
 */
export function bestCaseGame(graph: FlowGraph, weight: Float64Array): GameSpec {
  const n = graph.ids.length;
  const goal = new Uint8Array(n);
  for (let i = 0; i < n; i++) goal[i] = graph.role[i] === 'human' ? 1 : 0;
  const active = new Uint8Array(graph.exitTarget.length);
  for (let x = 0; x < active.length; x++) active[x] = graph.role[graph.exitSource[x]!] === 'followUp' ? 0 : 1;
  return { goal, maximise: new Uint8Array(n), active, weight, wholeWeights: hasWholeWeights(weight) };
}

/**
 * Worst case: the environment plays against the caller (at a person's node it
 * picks among the failure outcomes). Goal: a live person or a follow-up. With
 * `fixedCaller`, caller nodes only take that exit type (the silent or the
 * confused caller), and the worst of them where there are several.
 *
 * An exit the caller takes at a node the environment decides (`byCaller`: a queue's
 * callback offer) is the caller's move: it chooses between pressing (min) and
 * waiting, where the environment picks among the node's outcomes (max). The
 * environment never takes it, and a fixed caller never presses it.
 */
export function worstCaseGame(graph: FlowGraph, weight: Float64Array, fixedCaller?: FixedCaller): GameSpec {
  const n = graph.ids.length;
  const goal = new Uint8Array(n);
  const maximise = new Uint8Array(n);
  const active = new Uint8Array(graph.exitTarget.length);
  for (let i = 0; i < n; i++) {
    // A fixed caller has no choice: where its habit fits several exits (a wrong key, speech no option matches), any may happen.
    maximise[i] = graph.decider[i] === 'caller' && fixedCaller === undefined ? 0 : 1;
    if (graph.role[i] === 'followUp') {
      goal[i] = 1;
      continue;
    }
    let failures = 0;
    for (let x = graph.exitStart[i]!; x < graph.exitStart[i + 1]!; x++) {
      const type = graph.exitType[x]!;
      if (graph.exitByCaller[x]) {
        active[x] = fixedCaller === undefined ? 1 : 0;
        continue;
      }
      const allowed = type !== 'success' && (fixedCaller === undefined || graph.decider[i] !== 'caller' || type === fixedCaller);
      active[x] = allowed ? 1 : 0;
      if (allowed) failures++;
    }
    // A person's node whose outcomes can only be success is the goal itself.
    if (graph.role[i] === 'human' && failures === 0) goal[i] = 1;
  }
  return { goal, maximise, active, weight, wholeWeights: hasWholeWeights(weight), preferred: getFailureExits(graph), callerChoice: graph.exitByCaller };
}

// Counterexamples show the environment failing (busy, queue full) where that is as bad as any other outcome.
const failureExits = new WeakMap<FlowGraph, Uint8Array>();
function getFailureExits(graph: FlowGraph): Uint8Array {
  let preferred = failureExits.get(graph);
  if (preferred === undefined) {
    preferred = new Uint8Array(graph.exitTarget.length);
    for (let x = 0; x < preferred.length; x++) preferred[x] = graph.exitType[x] === 'failure' ? 1 : 0;
    failureExits.set(graph, preferred);
  }
  return preferred;
}

/**
 * `spec` with other exit costs, its goals and moves shared: the worst cases in steps and in seconds
 * differ only in these, and each game's arrays cost a pass over every node and exit of a large flow.
 */
export function withWeights(spec: GameSpec, weight: Float64Array): GameSpec {
  return { ...spec, weight, wholeWeights: hasWholeWeights(weight) };
}

/**
 * Can the caller force the call out of every cycle (to a goal, a hangup or an
 * unconnected exit)? Nodes where it cannot are traps: endless loops. Played on the
 * moves of `worst`, the worst case without a fixed caller, with closing nodes as goals too.
 */
export function escapeGame(graph: FlowGraph, closing: Uint8Array, worst: GameSpec = worstCaseGame(graph, new Float64Array(graph.exitTarget.length))): GameSpec {
  // a copy: the worst case's own goals stay as they are
  const goal = worst.goal.slice();
  for (let i = 0; i < graph.ids.length; i++) if (closing[i]) goal[i] = 1;
  return { ...withWeights(worst, new Float64Array(graph.exitTarget.length)), goal, missingIsGoal: true };
}
