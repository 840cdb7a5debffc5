import type { FlowGraph } from '../graph/flow-graph.ts';
import type { Path, PathEnd, PathStep } from '../graph/path.ts';
import type { Analysis, SolvedGame } from './analyze.ts';
import type { Reach } from './reachability.ts';

// Counterexamples and routes, as walks over the solved games. Every walk is
// bounded by the node count and says how it ended.

/** Each graph's steps, one object per exit taken and per node stopped at, made when first walked: every walk through an exit shares its step (a 100,000-node flow's counterexamples walk the same exits from the entry tens of thousands of times). */
const STEPS = new WeakMap<FlowGraph, GraphSteps>();

interface GraphSteps {
  /** the step leaving by each exit, by exit index */
  left: Array<PathStep | undefined>;
  /** the step stopping at each node, by node index */
  reached: Array<PathStep | undefined>;
}

function getGraphSteps(graph: FlowGraph): GraphSteps {
  let steps = STEPS.get(graph);
  if (steps === undefined) {
    // made at full length: filled out of order, an array grown from empty may turn into a slow dictionary
    steps = { left: new Array(graph.exitTarget.length), reached: new Array(graph.ids.length) };
    STEPS.set(graph, steps);
  }
  return steps;
}

/** How many exits the shortest route `reach` found from the entry to `node` takes (0 for the entry, and for a node it never reached): its depth, not a walk back along the route. */
function countRouteExits(reach: Reach, node: number): number {
  return Math.max(reach.depth[node]!, 0);
}

/** The step leaving by exit `x`, shared by every walk through it. */
function getLeftStep(graph: FlowGraph, left: Array<PathStep | undefined>, x: number): PathStep {
  return (left[x] ??= { nodeId: graph.ids[graph.exitSource[x]!]!, exit: graph.exitLabel[x]!, exitId: graph.exitId[x]! });
}

/**
 * The walk along the shortest route `reach` found from the entry to `from`, then leaving by each of
 * `exits` in turn, then stopping at `last` (none when -1). The steps are written straight into the
 * path, no list of exits in between: a large flow's report holds tens of thousands of walks.
 */
function toPath(graph: FlowGraph, reach: Reach, from: number, exits: readonly number[], last: number, end: PathEnd): Path {
  const { left, reached } = getGraphSteps(graph);
  const routeLength = countRouteExits(reach, from);
  const steps: PathStep[] = new Array(routeLength + exits.length + (last < 0 ? 0 : 1));
  let callerSteps = 0;
  for (let index = routeLength - 1, at = from; index >= 0; index--) {
    const x = reach.parentExit[at]!;
    at = graph.exitSource[x]!;
    if (graph.decider[at] === 'caller') callerSteps++;
    steps[index] = getLeftStep(graph, left, x);
  }
  for (let index = 0; index < exits.length; index++) {
    const x = exits[index]!;
    if (graph.decider[graph.exitSource[x]!] === 'caller') callerSteps++;
    steps[routeLength + index] = getLeftStep(graph, left, x);
  }
  if (last >= 0) steps[steps.length - 1] = reached[last] ??= { nodeId: graph.ids[last]! };
  return { steps, callerSteps, end };
}

/**
 * The walk from the entry to `node` it is shown along: within the checked
 * region when the node lies in it, else through people and follow-ups.
 */
function getEntryReach(analysis: Analysis, node: number): Reach {
  return analysis.checked.reached[node] ? analysis.checked : analysis.reachable;
}

/** Whether the shortest route `reach` found from the entry to `node` leaves `target` on the way. */
function isLeftOnRoute(graph: FlowGraph, reach: Reach, node: number, target: number): boolean {
  for (let at = node, guard = 0; reach.parentExit[at]! >= 0 && guard <= graph.ids.length; guard++) {
    at = graph.exitSource[reach.parentExit[at]!]!;
    if (at === target) return true;
  }
  return false;
}

const NO_EXITS: readonly number[] = [];

/** The shortest route from the entry to `node`, ending there. */
export function getRouteTo(analysis: Analysis, node: number): Path {
  return toPath(analysis.graph, getEntryReach(analysis, node), node, NO_EXITS, node, 'open');
}

/** From the entry to `node`, then the moves that realise the game's value there, down to the goal. */
export function getRouteToGoal(analysis: Analysis, game: SolvedGame, node: number): Path {
  const { graph } = analysis;
  const reach = getEntryReach(analysis, node);
  const moves: number[] = [];
  let at = node;
  for (let guard = 0; game.via[at]! >= 0 && guard <= graph.ids.length; guard++) {
    const x = game.via[at]!;
    moves.push(x);
    if (graph.exitTarget[x]! < 0) return toPath(graph, reach, node, moves, -1, 'hangup');
    at = graph.exitTarget[x]!;
  }
  return toPath(graph, reach, node, moves, at, graph.role[at] === 'followUp' ? 'followUp' : 'person');
}

/**
 * From the entry to `node`, then the shortest walk on which the goal is never reached: each move one
 * the game allows its player (a fixed caller only its own exit, the environment any outcome), through
 * nodes whose value is infinite, until the call hangs up or comes back to a node of the walk itself.
 * The route to `node` may take moves the game does not (how the call got there): a loop through them
 * would not repeat, so only the walk's own nodes close one. A hang-up beats a loop of the same length;
 * ending the call by the caller's own choice shows nothing, so it is kept for when nothing else ends it.
 */
export function getStrandingWalk(analysis: Analysis, game: SolvedGame, node: number): Path {
  return toStrandingPath(analysis, node, findStrandingWalk(analysis, game, node));
}

/** A stranding walk with the nodes of its own part by index, for a rule that judges each: no look-up of a step's node by its id. */
export interface IndexedStrandingWalk {
  /** the walk as getStrandingWalk gives it: from the entry to the judged node, then on until the call is lost */
  path: Path;
  /** where the judged node's step sits in `path.steps`: the steps before it are the route from the entry */
  from: number;
  /** the node of each step from `from` on, by index in the graph */
  nodes: number[];
}

/** getStrandingWalk, with where its own part starts and that part's nodes by index. */
export function getIndexedStrandingWalk(analysis: Analysis, game: SolvedGame, node: number): IndexedStrandingWalk {
  const { graph } = analysis;
  const walk = findStrandingWalk(analysis, game, node);
  const path = toStrandingPath(analysis, node, walk);
  // the steps of the walk's own part: one per exit taken, from the exit's node, then one stopping at its last node (none when its last exit leads nowhere)
  const nodes = new Array<number>(walk.exits.length + (walk.end === 'deadExit' ? 0 : 1));
  for (let index = 0; index < walk.exits.length; index++) nodes[index] = graph.exitSource[walk.exits[index]!]!;
  if (walk.end !== 'deadExit') nodes[walk.exits.length] = walk.last;
  return { path, from: countRouteSteps(analysis, node), nodes };
}

/** How many steps the walks from the entry to `node` (getRouteToGoal, getStrandingWalk) take before `node`'s own: its route holds it nowhere else. */
export function countRouteSteps(analysis: Analysis, node: number): number {
  return countRouteExits(getEntryReach(analysis, node), node);
}

/** A stranding walk from `node` as a path from the entry. */
function toStrandingPath(analysis: Analysis, node: number, walk: StrandingWalk): Path {
  const { graph } = analysis;
  const reach = getEntryReach(analysis, node);
  if (walk.end === 'deadExit') return toPath(graph, reach, node, walk.exits, -1, 'hangup');
  if (walk.end === 'stop') return toPath(graph, reach, node, walk.exits, walk.last, graph.role[walk.last] === 'followUp' ? 'followUp' : 'hangup');
  return toPath(graph, reach, node, walk.exits, walk.last, walk.end);
}

interface StrandingWalk {
  /** the exits taken from the walk's first node on */
  exits: number[];
  /** `deadExit`: the last exit leads nowhere; `hangup`: to a closing node; `loop`: back to a node of the walk; `stop`: no way on */
  end: 'deadExit' | 'hangup' | 'loop' | 'stop';
  /** the node the walk ends at (for `deadExit`, the last exit's source) */
  last: number;
}

/** Breadth-first over the game's moves through nodes of infinite value: the shortest way the call is lost from `node`. */
function findStrandingWalk(analysis: Analysis, game: SolvedGame, node: number): StrandingWalk {
  const { graph, closing } = analysis;
  if (closing[node]) return { exits: [], end: 'hangup', last: node };
  const parentExit = new Map<number, number>([[node, -1]]);
  let chosenEnd: StrandingWalk | undefined;
  let level = [node];
  while (level.length > 0) {
    let found: StrandingWalk | undefined;
    const nextLevel: number[] = [];
    for (const u of level) {
      let hasMove = false;
      for (let x = graph.exitStart[u]!; x < graph.exitStart[u + 1]!; x++) {
        if (!game.spec.active[x]) continue;
        hasMove = true;
        const t = graph.exitTarget[x]!;
        if (t < 0 || closing[t]) {
          const end: StrandingWalk = t < 0 ? { exits: getWalkExits(graph, parentExit, u, x), end: 'deadExit', last: u } : { exits: getWalkExits(graph, parentExit, u, x), end: 'hangup', last: t };
          if (graph.exitType[x] !== 'option') found = found?.end === 'deadExit' || found?.end === 'hangup' ? found : end;
          else chosenEnd ??= end;
          continue;
        }
        if (game.value[t] !== Infinity) continue;
        if (parentExit.has(t)) {
          if (found === undefined && isOnWalk(graph, parentExit, t, u)) found = { exits: getWalkExits(graph, parentExit, u, x), end: 'loop', last: t };
          continue;
        }
        parentExit.set(t, x);
        nextLevel.push(t);
      }
      // No way on: a follow-up in the best case (no person there), else the call ends.
      if (!hasMove && found === undefined) found = { exits: getWalkExits(graph, parentExit, u, -1), end: 'stop', last: u };
    }
    if (found !== undefined) return found;
    level = nextLevel;
  }
  return chosenEnd ?? { exits: [], end: 'stop', last: node };
}

/** The exits a breadth-first walk (`parentExit` by node, -1 at its start) took to `at`, then `then` unless -1. */
function getWalkExits(graph: FlowGraph, parentExit: ReadonlyMap<number, number>, at: number, then: number): number[] {
  const taken: number[] = then < 0 ? [] : [then];
  for (let x = parentExit.get(at)!; x >= 0; x = parentExit.get(graph.exitSource[x]!)!) taken.push(x);
  return taken.reverse();
}

/** Whether `target` lies on the walk (`parentExit` by node, -1 at its start) from its start to `at`. */
function isOnWalk(graph: FlowGraph, parentExit: ReadonlyMap<number, number>, target: number, at: number): boolean {
  for (let u = at; ; u = graph.exitSource[parentExit.get(u)!]!) {
    if (u === target) return true;
    if (parentExit.get(u)! < 0) return false;
  }
}

/** From the entry into a trap and once around its cycle. */
export function getTrapWalk(analysis: Analysis, cycle: number[]): Path {
  const { graph } = analysis;
  const members = new Set(cycle);
  const start = getCycleHead(analysis, cycle);
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
  return toPath(graph, getEntryReach(analysis, start), start, loopExits, start, 'loop');
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
  const reach = getEntryReach(analysis, source);
  const target = graph.exitTarget[exit]!;
  if (target < 0) return toPath(graph, reach, source, [exit], -1, 'hangup');
  return toPath(graph, reach, source, [exit], target, analysis.closing[target] ? 'hangup' : 'open');
}

/**
 * From the entry to the source of `exits[0]`, then through each exit in turn (each leaves the node the
 * one before it reached) to the last one's target: a route a rule's own walk found beyond the shortest one.
 */
export function getRouteAlong(analysis: Analysis, exits: readonly number[]): Path {
  const { graph } = analysis;
  const from = graph.exitSource[exits[0]!]!;
  const reach = getEntryReach(analysis, from);
  const target = graph.exitTarget[exits.at(-1)!]!;
  if (target < 0) return toPath(graph, reach, from, exits, -1, 'hangup');
  const isLoop = isLeftOnRoute(graph, reach, from, target) || exits.some((x) => graph.exitSource[x] === target);
  return toPath(graph, reach, from, exits, target, isLoop ? 'loop' : 'open');
}

/** The route from the entry to `node` that a walk of its own (not the shortest overall) found: e.g. one that stops at the first menu. */
export function getRouteWithin(analysis: Analysis, reach: Reach, node: number): Path {
  const { graph } = analysis;
  return toPath(graph, reach, node, NO_EXITS, node, 'open');
}
