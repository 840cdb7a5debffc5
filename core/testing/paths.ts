import { DEFAULT_MENU_VISIT_LIMIT, getStepLimit } from '../interpreter/guard.ts';
import { getExits, getKindSpec, type Exit } from '../nodes/registry.ts';
import type { Flow } from '../schema/flow.ts';

// Generated walks, in the manner of XState's path generation: a small set of
// calls from the entry that together take every reachable exit, plus the
// silent and the confused caller. Greedy (not the proven smallest set): each
// walk heads for the nearest exit no walk has taken yet, again and again, then
// for the nearest end of the call. Every walk keeps within the interpreter's
// guard (caller steps, visits per menu), so the shared interpreter can replay it.

/** One exit taken: the node the call is in and the exit (registry id, e.g. `options.2.next`) it leaves by. */
export interface WalkStep {
  nodeId: string;
  exitId: string;
}

/**
 * How a walk ends: the call hangs up (a hangup node, or an unconnected exit);
 * `missingNode` — an exit names a node the flow lacks (the interpreter's guard takes over);
 * `bound` — going on would trip the interpreter's guard (too many caller steps or menu visits);
 * `loop` — the call can only go round a cycle from here (no end within the guard), or a fixed caller would take an exit again.
 */
export type WalkEnd = 'hangup' | 'unconnected' | 'missingNode' | 'bound' | 'loop';

export interface Walk {
  /** what the walk covers: the exits it takes first, `node: exit → node: exit` */
  name: string;
  /** the exits taken, in order, from the entry */
  steps: WalkStep[];
  end: WalkEnd;
  /** the node the call is in when the walk stops: a hangup node, or the node a `bound` walk would enter; absent when an exit left the call */
  endNodeId?: string;
}

/** `nodeId exitId`: a space never appears in a node id. */
export const toEdgeKey = (nodeId: string, exitId: string): string => `${nodeId} ${exitId}`;

/** Counters the interpreter's guard reads, along one walk. */
interface Budget {
  steps: number;
  visits: ReadonlyMap<string, number>;
}

/** A point of the search: where the call is, the budget spent, and the exits taken to get here. */
interface Position {
  nodeId: string;
  budget: Budget;
  path: WalkStep[];
}

const getNodeOf = (flow: Flow, id: string) => (Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined);

/** The budget after entering `nodeId`, or undefined when the guard would fire there (as `checkCallerEntry` counts). */
function enter(flow: Flow, budget: Budget, nodeId: string): Budget | undefined {
  const node = getNodeOf(flow, nodeId)!;
  if (node.kind !== 'menu' && node.kind !== 'input') return budget;
  if (budget.steps + 1 > getStepLimit(flow)) return undefined;
  if (node.kind === 'input') return { steps: budget.steps + 1, visits: budget.visits };
  const visits = (budget.visits.get(nodeId) ?? 0) + 1;
  if (visits > DEFAULT_MENU_VISIT_LIMIT) return undefined;
  return { steps: budget.steps + 1, visits: new Map(budget.visits).set(nodeId, visits) };
}

/** Every exit of every node reachable from the entry, keyed by `toEdgeKey`. */
export function getReachableEdges(flow: Flow): Map<string, WalkStep & { exit: Exit }> {
  const edges = new Map<string, WalkStep & { exit: Exit }>();
  if (!getNodeOf(flow, flow.entry)) return edges;
  const seen = new Set([flow.entry]);
  const queue = [flow.entry];
  for (let head = 0; head < queue.length; head++) {
    const nodeId = queue[head]!;
    for (const exit of getExits(getNodeOf(flow, nodeId)!)) {
      edges.set(toEdgeKey(nodeId, exit.id), { nodeId, exitId: exit.id, exit });
      if (exit.target !== undefined && getNodeOf(flow, exit.target) && !seen.has(exit.target)) {
        seen.add(exit.target);
        queue.push(exit.target);
      }
    }
  }
  return edges;
}

/** How taking `exit` ends the call, or undefined when the call goes on into its target. */
function getEndBy(flow: Flow, exit: Exit): WalkEnd | undefined {
  if (exit.target === undefined) return 'unconnected';
  const target = getNodeOf(flow, exit.target);
  if (!target) return 'missingNode';
  return target.kind === 'hangup' ? 'hangup' : undefined;
}

/** The exits of a node by id, worked out once per node for all the searches of one generation. */
type ExitsOf = (nodeId: string) => Exit[];

function createExitsOf(flow: Flow): ExitsOf {
  const exits = new Map<string, Exit[]>();
  return (nodeId) => {
    let found = exits.get(nodeId);
    if (found === undefined) exits.set(nodeId, (found = getExits(getNodeOf(flow, nodeId)!)));
    return found;
  };
}

/**
 * Breadth-first from `start` to the first exit `isGoal` accepts, within the guard's budget:
 * the exits to take, that one last. A point is searched once per node and caller steps spent, so loops end.
 */
function findNearest(flow: Flow, exitsOf: ExitsOf, start: Position, isGoal: (nodeId: string, exit: Exit) => boolean): { position: Position; exit: Exit } | undefined {
  const seen = new Set<string>([`${start.nodeId} ${start.budget.steps}`]);
  // Each point keeps the point it came from and the exit taken, not a copy of the path: copies made the search quadratic.
  const queue: Array<{ nodeId: string; budget: Budget; from?: number; step?: WalkStep }> = [{ nodeId: start.nodeId, budget: start.budget }];
  const toPosition = (index: number): Position => {
    const steps: WalkStep[] = [];
    for (let at = queue[index]!; at.from !== undefined; at = queue[at.from]!) steps.push(at.step!);
    const point = queue[index]!;
    return { nodeId: point.nodeId, budget: point.budget, path: [...start.path, ...steps.reverse()] };
  };
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    for (const exit of exitsOf(at.nodeId)) {
      const endBy = getEndBy(flow, exit);
      const into = endBy === undefined ? enter(flow, at.budget, exit.target!) : at.budget;
      // An exit whose target the guard would refuse is still taken: the walk ends there (`bound`).
      if (isGoal(at.nodeId, exit)) return { position: toPosition(head), exit };
      if (into === undefined || endBy !== undefined) continue;
      const key = `${exit.target} ${into.steps}`;
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push({ nodeId: exit.target!, budget: into, from: head, step: { nodeId: at.nodeId, exitId: exit.id } });
    }
  }
  return undefined;
}

/** Follows `exit` from `position`: the walk goes on from its target, or ends. */
function take(flow: Flow, position: Position, exit: Exit): { next?: Position; end?: { end: WalkEnd; endNodeId?: string } } {
  const path = [...position.path, { nodeId: position.nodeId, exitId: exit.id }];
  const endBy = getEndBy(flow, exit);
  if (endBy === 'hangup') return { end: { end: 'hangup', endNodeId: exit.target! } };
  if (endBy !== undefined) return { end: { end: endBy } };
  const budget = enter(flow, position.budget, exit.target!);
  if (budget === undefined) return { end: { end: 'bound', endNodeId: exit.target! } };
  return { next: { nodeId: exit.target!, budget, path } };
}

function toName(flow: Flow, steps: WalkStep[], newKeys: Set<string>): string {
  const parts: string[] = [];
  for (const step of steps) {
    if (!newKeys.has(toEdgeKey(step.nodeId, step.exitId))) continue;
    const exit = getExits(getNodeOf(flow, step.nodeId)!).find((e) => e.id === step.exitId)!;
    if (exit.type !== 'next') parts.push(`${step.nodeId}: ${exit.label}`);
  }
  const last = steps.at(-1);
  if (parts.length === 0) return last ? `${last.nodeId}: next` : flow.entry;
  return parts.length > 4 ? `${parts.slice(0, 3).join(' → ')} → … → ${parts.at(-1)}` : parts.join(' → ');
}

/** One walk from the entry, each time heading for the nearest exit `wants` accepts, then for the nearest end. */
function createWalk(flow: Flow, exitsOf: ExitsOf, wants: (nodeId: string, exit: Exit) => boolean, onTaken: (step: WalkStep) => void): Omit<Walk, 'name'> {
  let position: Position = { nodeId: flow.entry, budget: enter(flow, { steps: 0, visits: new Map() }, flow.entry)!, path: [] };
  const isEnd = (_: string, exit: Exit) => getEndBy(flow, exit) !== undefined;
  for (let goals = 0; ; goals++) {
    const found = findNearest(flow, exitsOf, position, wants) ?? findNearest(flow, exitsOf, position, isEnd);
    if (!found) return { steps: position.path, end: 'loop', endNodeId: position.nodeId };
    for (const step of found.position.path.slice(position.path.length)) onTaken(step);
    onTaken({ nodeId: found.position.nodeId, exitId: found.exit.id });
    const { next, end } = take(flow, found.position, found.exit);
    if (end) return { steps: [...found.position.path, { nodeId: found.position.nodeId, exitId: found.exit.id }], ...end };
    position = next!;
  }
}

/** The exit a fixed caller takes at `nodeId`: `callerExit` where the caller decides, the first exit elsewhere (look-up ok, agent answered, open). */
function createFixedCaller(flow: Flow, callerExit: 'noInput' | 'noMatch'): Omit<Walk, 'name'> {
  let position: Position = { nodeId: flow.entry, budget: enter(flow, { steps: 0, visits: new Map() }, flow.entry)!, path: [] };
  const taken = new Set<string>();
  for (;;) {
    const node = getNodeOf(flow, position.nodeId)!;
    const exits = getExits(node);
    if (exits.length === 0) return { steps: position.path, end: 'hangup', endNodeId: position.nodeId };
    const byCaller = getKindSpec(node).decider === 'caller' && node.kind !== 'survey';
    const exit = byCaller ? exits.find((e) => e.type === callerExit)! : exits[0]!;
    // The same caller in the same place does the same again: one round of the cycle says it all.
    const key = toEdgeKey(position.nodeId, exit.id);
    if (taken.has(key)) return { steps: position.path, end: 'loop', endNodeId: position.nodeId };
    taken.add(key);
    const { next, end } = take(flow, position, exit);
    if (end) return { steps: [...position.path, { nodeId: position.nodeId, exitId: exit.id }], ...end };
    position = next!;
  }
}

/**
 * Walks from the entry that together take every reachable exit the guard lets a call reach,
 * then the silent caller (never answers) and the confused caller (always a wrong answer).
 * Greedy: small, not proven smallest. A flow whose entry names no node has no walks.
 */
export function generateWalks(flow: Flow): Walk[] {
  if (!getNodeOf(flow, flow.entry)) return [];
  const uncovered = new Set(getReachableEdges(flow).keys());
  const walks: Walk[] = [];
  const exitsOf = createExitsOf(flow);
  while (uncovered.size > 0) {
    const before = uncovered.size;
    const newKeys = new Set<string>();
    const walk = createWalk(
      flow,
      exitsOf,
      (nodeId, exit) => uncovered.has(toEdgeKey(nodeId, exit.id)),
      (step) => {
        const key = toEdgeKey(step.nodeId, step.exitId);
        if (uncovered.delete(key)) newKeys.add(key);
      },
    );
    // What is left lies beyond the guard's budget from the entry: no call can take it.
    if (uncovered.size === before) break;
    walks.push({ name: toName(flow, walk.steps, newKeys), ...walk });
  }
  walks.push({ name: 'silent caller', ...createFixedCaller(flow, 'noInput') });
  walks.push({ name: 'confused caller', ...createFixedCaller(flow, 'noMatch') });
  return walks;
}
