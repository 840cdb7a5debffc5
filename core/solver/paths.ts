import type { FlowGraph } from '../graph/flow-graph.ts';
import type { Path, PathEnd, PathStep } from '../graph/path.ts';
import type { Analysis, SolvedGame } from './analyze.ts';
import type { Reach } from './reachability.ts';

// Counterexamples and routes, as walks over the solved games. Every walk is
// bounded by the node count and says how it ended.

function countCallerSteps(graph: FlowGraph, steps: PathStep[]): number {
  let count = 0;
  for (const step of steps) if (step.exit !== undefined && graph.decider[graph.indexOf.get(step.nodeId)!] === 'caller') count++;
  return count;
}

function toPath(graph: FlowGraph, nodes: number[], exits: number[], end: PathEnd): Path {
  const steps: PathStep[] = nodes.map((node, index) => {
    const x = exits[index];
    return x === undefined ? { nodeId: graph.ids[node]! } : { nodeId: graph.ids[node]!, exit: graph.exitLabel[x]!, exitId: graph.exitId[x]! };
  });
  return { steps, callerSteps: countCallerSteps(graph, steps), end };
}

/** The exits of the shortest route from the entry to `node` (empty for the entry). */
function exitsFromEntry(reach: Reach, node: number, graph: FlowGraph): number[] {
  const exits: number[] = [];
  for (let at = node, guard = 0; reach.parentExit[at]! >= 0 && guard <= graph.ids.length; guard++) {
    const x = reach.parentExit[at]!;
    exits.push(x);
    at = graph.exitSource[x]!;
  }
  return exits.reverse();
}

/**
 * Walk the prefix from the entry to `node`, as node list and exit list: within
 * the checked region when the node lies in it, else through people and follow-ups.
 */
function prefix(analysis: Analysis, node: number): { nodes: number[]; exits: number[] } {
  const { graph } = analysis;
  const reach = analysis.checked.reached[node] ? analysis.checked : analysis.reachable;
  const exits = exitsFromEntry(reach, node, graph);
  const nodes = exits.map((x) => graph.exitSource[x]!);
  return { nodes, exits };
}

/** The shortest route from the entry to `node`, ending there. */
export function getRouteTo(analysis: Analysis, node: number): Path {
  const { nodes, exits } = prefix(analysis, node);
  return toPath(analysis.graph, [...nodes, node], exits, 'open');
}

/** From the entry to `node`, then the moves that realise the game's value there, down to the goal. */
export function getRouteToGoal(analysis: Analysis, game: SolvedGame, node: number): Path {
  const { graph } = analysis;
  const { nodes, exits } = prefix(analysis, node);
  let at = node;
  for (let guard = 0; game.via[at]! >= 0 && guard <= graph.ids.length; guard++) {
    const x = game.via[at]!;
    nodes.push(at);
    exits.push(x);
    if (graph.exitTarget[x]! < 0) return toPath(graph, nodes, exits, 'hangup');
    at = graph.exitTarget[x]!;
  }
  nodes.push(at);
  return toPath(graph, nodes, exits, graph.role[at] === 'followUp' ? 'followUp' : 'person');
}

/**
 * From the entry to `node`, then a walk on which the goal is never reached:
 * at each node the player who loses picks an exit that keeps the value
 * infinite, preferring one that ends the call, until the call hangs up or
 * comes back to a node already on the walk.
 */
export function getStrandingWalk(analysis: Analysis, game: SolvedGame, node: number): Path {
  const { graph, closing } = analysis;
  const { nodes, exits } = prefix(analysis, node);
  const seen = new Set<number>(nodes);
  let at = node;
  for (let guard = 0; guard <= graph.ids.length; guard++) {
    if (closing[at]) {
      nodes.push(at);
      return toPath(graph, nodes, exits, 'hangup');
    }
    if (seen.has(at)) {
      nodes.push(at);
      return toPath(graph, nodes, exits, 'loop');
    }
    seen.add(at);
    const x = pickStrandingExit(analysis, game, at, seen);
    nodes.push(at);
    // No way on: a follow-up in the best case (no person there), else the call ends.
    if (x < 0) return toPath(graph, nodes, exits, graph.role[at] === 'followUp' ? 'followUp' : 'hangup');
    exits.push(x);
    if (graph.exitTarget[x]! < 0) return toPath(graph, nodes, exits, 'hangup');
    at = graph.exitTarget[x]!;
  }
  return toPath(graph, nodes, exits, 'loop');
}

function pickStrandingExit(analysis: Analysis, game: SolvedGame, node: number, seen: Set<number>): number {
  const { graph, closing } = analysis;
  let fallback = -1;
  let loopBack = -1;
  let chosenEnd = -1;
  for (let x = graph.exitStart[node]!; x < graph.exitStart[node + 1]!; x++) {
    if (!game.spec.active[x]) continue;
    const t = graph.exitTarget[x]!;
    if (t < 0 || closing[t]) {
      // Ending the call by the caller's own choice shows nothing: keep it for last.
      if (graph.exitType[x] !== 'option') return x;
      if (chosenEnd < 0) chosenEnd = x;
      continue;
    }
    if (game.value[t] !== Infinity) continue;
    if (seen.has(t) || t === node) loopBack = loopBack < 0 ? x : loopBack;
    else if (fallback < 0) fallback = x;
  }
  // Close a loop as soon as one is there, so the counterexample stays short.
  if (loopBack >= 0) return loopBack;
  return fallback >= 0 ? fallback : chosenEnd;
}

/** From the entry into a trap and once around its cycle. */
export function getTrapWalk(analysis: Analysis, cycle: number[]): Path {
  const { graph } = analysis;
  const members = new Set(cycle);
  const start = getCycleHead(analysis, cycle);
  const { nodes, exits } = prefix(analysis, start);
  // Breadth-first inside the component from start back to start.
  const parent = new Map<number, number>();
  const queue = [start];
  let closingExit = -1;
  for (let head = 0; head < queue.length && closingExit < 0; head++) {
    const u = queue[head]!;
    for (let x = graph.exitStart[u]!; x < graph.exitStart[u + 1]!; x++) {
      const t = graph.exitTarget[x]!;
      // A success outcome leaves the trap (a person answered): the loop goes round by the others.
      if (t < 0 || !members.has(t) || graph.exitType[x] === 'success') continue;
      if (t === start) {
        closingExit = x;
        break;
      }
      if (!parent.has(t)) {
        parent.set(t, x);
        queue.push(t);
      }
    }
  }
  const loopExits: number[] = [];
  if (closingExit >= 0) {
    loopExits.push(closingExit);
    for (let at = graph.exitSource[closingExit]!; at !== start; ) {
      const x = parent.get(at)!;
      loopExits.push(x);
      at = graph.exitSource[x]!;
    }
    loopExits.reverse();
  }
  for (const x of loopExits) {
    nodes.push(graph.exitSource[x]!);
    exits.push(x);
  }
  nodes.push(start);
  return toPath(graph, nodes, exits, 'loop');
}

/** The node of a cycle closest to the entry: where its finding is reported. */
export function getCycleHead(analysis: Analysis, cycle: number[]): number {
  const { depth } = analysis.checked;
  const rank = (node: number) => (depth[node]! >= 0 ? depth[node]! : Infinity);
  return cycle.reduce((a, b) => (rank(b) < rank(a) ? b : a));
}

/** From the entry to the source of `exit`, through it, to its target (or the hang-up when unconnected). */
export function getRouteThrough(analysis: Analysis, exit: number): Path {
  const { graph } = analysis;
  const source = graph.exitSource[exit]!;
  const { nodes, exits } = prefix(analysis, source);
  nodes.push(source);
  exits.push(exit);
  const target = graph.exitTarget[exit]!;
  if (target < 0) return toPath(graph, nodes, exits, 'hangup');
  nodes.push(target);
  return toPath(graph, nodes, exits, analysis.closing[target] ? 'hangup' : 'open');
}

/**
 * From the entry to the source of `exits[0]`, then through each exit in turn (each leaves the node the
 * one before it reached) to the last one's target: a route a rule's own walk found beyond the shortest one.
 */
export function getRouteAlong(analysis: Analysis, exits: readonly number[]): Path {
  const { graph } = analysis;
  const { nodes, exits: taken } = prefix(analysis, graph.exitSource[exits[0]!]!);
  for (const x of exits) {
    nodes.push(graph.exitSource[x]!);
    taken.push(x);
  }
  const target = graph.exitTarget[exits.at(-1)!]!;
  if (target < 0) return toPath(graph, nodes, taken, 'hangup');
  const end = nodes.includes(target) ? 'loop' : 'open';
  nodes.push(target);
  return toPath(graph, nodes, taken, end);
}

/** The route from the entry to `node` that a walk of its own (not the shortest overall) found: e.g. one that stops at the first menu. */
export function getRouteWithin(analysis: Analysis, reach: Reach, node: number): Path {
  const { graph } = analysis;
  const exits = exitsFromEntry(reach, node, graph);
  const nodes = exits.map((x) => graph.exitSource[x]!);
  return toPath(graph, [...nodes, node], exits, 'open');
}
