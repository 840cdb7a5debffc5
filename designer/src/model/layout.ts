import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import { getExits } from '../../../core/nodes/registry.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import type { Position } from './canvas-types.ts';

export interface LayoutOptions {
  /** TB: calls flow down the screen; LR: left to right */
  direction?: 'TB' | 'LR';
  nodeWidth?: number;
  nodeHeight?: number;
}

const DEFAULT_NODE_WIDTH = 220;
const DEFAULT_NODE_HEIGHT = 80;
const NODE_GAP = 30;
const RANK_GAP = 70;

/** A directed edge for dagre, with how many exits it stands for and how many ranks it spans at least. */
interface RankEdge {
  from: string;
  to: string;
  weight: number;
  minlen: number;
}

/** Each node's rank: the fewest transitions from the entry (a breadth-first walk); nodes the entry never reaches start at 1, from the first of them in file order. */
function getDepths(successors: ReadonlyMap<string, readonly string[]>, order: readonly string[], entry: string | undefined): Map<string, number> {
  const depths = new Map<string, number>();
  const walkFrom = (root: string, rootDepth: number) => {
    depths.set(root, rootDepth);
    const queue = [root];
    for (let head = 0; head < queue.length; head++) {
      const nodeId = queue[head]!;
      for (const target of successors.get(nodeId)!) {
        if (depths.has(target)) continue;
        depths.set(target, depths.get(nodeId)! + 1);
        queue.push(target);
      }
    }
  };
  if (entry !== undefined) walkFrom(entry, 0);
  for (const nodeId of order) if (!depths.has(nodeId)) walkFrom(nodeId, 1);
  return depths;
}

/** The nodes each node's exits lead to (itself and missing nodes left out), in `order`. */
function getSuccessors(flow: Flow, order: readonly string[]): Map<string, string[]> {
  const successors = new Map<string, string[]>();
  for (const nodeId of order) {
    const targets: string[] = [];
    for (const exit of getExits(flow.nodes[nodeId]!)) {
      const target = exit.target;
      if (target === undefined || target === nodeId || !Object.hasOwn(flow.nodes, target)) continue;
      targets.push(target);
    }
    successors.set(nodeId, targets);
  }
  return successors;
}

/** Each node's rank (getDepths) over the flow's transitions, with those transitions and the entry when it names a node. */
function getFlowDepths(flow: Flow, order: readonly string[]): { successors: Map<string, string[]>; depths: Map<string, number>; entry: string | undefined } {
  const successors = getSuccessors(flow, order);
  const entry = Object.hasOwn(flow.nodes, flow.entry) ? flow.entry : undefined;
  return { successors, depths: getDepths(successors, order, entry), entry };
}

/** The node ids, the entry first: dagre breaks ties by insertion order, and the rows below by file order. */
function getLayoutOrder(flow: Flow): string[] {
  const fileOrder = Object.keys(flow.nodes);
  return Object.hasOwn(flow.nodes, flow.entry) ? [flow.entry, ...fileOrder.filter((nodeId) => nodeId !== flow.entry)] : fileOrder;
}

/**
 * The flow's transitions as an acyclic graph whose only source is the entry.
 * A node's rank is the fewest transitions a call takes to get there, so a flow
 * draws as shallow as a caller walks it: a transition to a deeper rank is an
 * edge that spans the ranks between, one back or sideways (a "back to the
 * menu") pulls on nothing. Nodes nothing leads to hang from the entry by an
 * edge of weight 0, which orders the ranks without pulling on the drawing.
 */
function getRankEdges(flow: Flow, order: readonly string[]): RankEdge[] {
  const { successors, depths, entry } = getFlowDepths(flow, order);

  const edges = new Map<string, RankEdge>();
  for (const [from, targets] of successors) {
    for (const to of targets) {
      const span = depths.get(to)! - depths.get(from)!;
      if (span <= 0) continue;
      const key = `${from}\u0000${to}`;
      const edge = edges.get(key);
      if (edge) edge.weight += 1;
      else edges.set(key, { from, to, weight: 1, minlen: span });
    }
  }
  if (entry !== undefined) {
    const entered = new Set([...edges.values()].map((edge) => edge.to));
    for (const nodeId of order) {
      if (nodeId !== entry && !entered.has(nodeId)) edges.set(`${entry}\u0000${nodeId}`, { from: entry, to: nodeId, weight: 0, minlen: depths.get(nodeId)! });
    }
  }
  return [...edges.values()];
}

/** A graph as dagre lays it out, and as it hands its working copy to a ranker. */
type DagreGraph = InstanceType<typeof dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>>;

/**
 * dagre's ranks as the longest path from its graph's sources, by each edge's own minimum length.
 * The rank edges make every node's depth tight on every edge, so this is the ranking dagre's network
 * simplex would settle on, found in one pass: network simplex took 1-9 s on a flow of 1,000 nodes here,
 * most of it rebuilding its tight tree for every node it adds. dagre hands this its own working graph
 * (its minimum lengths scaled, a root of its own above every node), which is why the lengths are read
 * from it rather than from the depths.
 */
function rankFromSources(graph: DagreGraph): void {
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const nodeId of graph.nodes()) {
    const incoming = graph.inEdges(nodeId)?.length ?? 0;
    if (incoming === 0) {
      graph.node(nodeId).rank = 0;
      ready.push(nodeId);
    } else {
      waiting.set(nodeId, incoming);
    }
  }
  for (let head = 0; head < ready.length; head++) {
    const from = ready[head]!;
    const rank = graph.node(from).rank!;
    for (const edge of graph.outEdges(from) ?? []) {
      const target = graph.node(edge.w);
      target.rank = Math.max(target.rank ?? rank, rank + (graph.edge(edge).minlen ?? 1));
      const left = waiting.get(edge.w)! - 1;
      waiting.set(edge.w, left);
      if (left === 0) ready.push(edge.w);
    }
  }
}

/**
 * The graph dagre lays a flow out from: a node of the given size per flow node, the entry first,
 * the rank edges, and the ranker that knows their ranks.
 */
export function toLayoutGraph(flow: Flow, options: LayoutOptions = {}): DagreGraph {
  const width = options.nodeWidth ?? DEFAULT_NODE_WIDTH;
  const height = options.nodeHeight ?? DEFAULT_NODE_HEIGHT;
  const order = getLayoutOrder(flow);
  const graph: DagreGraph = new dagre.graphlib.Graph();
  // dagre calls a function given as its ranker, though the type of the option lists only the names of its own
  const ranker = rankFromSources as unknown as GraphLabel['ranker'];
  graph.setGraph({ rankdir: options.direction ?? 'TB', nodesep: NODE_GAP, ranksep: RANK_GAP, marginx: 0, marginy: 0, ranker });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const nodeId of order) graph.setNode(nodeId, { width, height });
  for (const edge of getRankEdges(flow, order)) graph.setEdge(edge.from, edge.to, { weight: edge.weight, minlen: edge.minlen });
  return graph;
}

/**
 * The flow with every node placed by dagre, the entry on top (or at the left).
 * Positions are top-left corners, as React Flow uses, in whole pixels; the
 * rest of the flow is left as it was.
 */
export function layoutFlow(flow: Flow, options: LayoutOptions = {}): Flow {
  const width = options.nodeWidth ?? DEFAULT_NODE_WIDTH;
  const height = options.nodeHeight ?? DEFAULT_NODE_HEIGHT;
  const graph = toLayoutGraph(flow, options);
  dagre.layout(graph);

  const positions: Record<string, Position> = {};
  for (const nodeId of Object.keys(flow.nodes)) {
    const { x, y } = graph.node(nodeId) as Required<Pick<NodeLabel, 'x' | 'y'>>;
    positions[nodeId] = { x: Math.round(x - width / 2), y: Math.round(y - height / 2) };
  }
  return { ...flow, ui: { ...flow.ui, positions } };
}

/** The least or greatest of a value over ids, by a loop: Math.min(...values) overflows the stack on a flow of 100,000 nodes. */
function fold(ids: readonly string[], value: (nodeId: string) => number, pick: (a: number, b: number) => number): number {
  let result = value(ids[0]!);
  for (let index = 1; index < ids.length; index++) result = pick(result, value(ids[index]!));
  return result;
}

/**
 * Above this many nodes a flow opened without positions is placed row by row rather than by dagre,
 * which takes about 0.5 s at 1,000 nodes here and 2 s at 5,000, the page frozen meanwhile.
 */
const DAGRE_OPEN_LIMIT = 1000;

/**
 * Every node placed on the row of its fewest transitions from the entry (as dagre ranks them),
 * side by side in file order: no card on another, in time linear in the flow. Auto layout tidies it.
 */
function placeByDepth(flow: Flow, options: LayoutOptions): Record<string, Position> {
  const width = options.nodeWidth ?? DEFAULT_NODE_WIDTH;
  const height = options.nodeHeight ?? DEFAULT_NODE_HEIGHT;
  const { depths } = getFlowDepths(flow, getLayoutOrder(flow));
  const filled = new Map<number, number>();
  const positions: Record<string, Position> = {};
  for (const nodeId of Object.keys(flow.nodes)) {
    const depth = depths.get(nodeId)!;
    const column = filled.get(depth) ?? 0;
    filled.set(depth, column + 1);
    positions[nodeId] = { x: column * (width + NODE_GAP), y: depth * (height + RANK_GAP) };
  }
  return positions;
}

/**
 * The flow as the canvas opens it: every node with a place. A flow written by hand or by another
 * tool may have no `ui.positions`, and every node then sat at the origin, one card on another.
 * With no node placed, the whole flow is laid out (by dagre, or row by row when it is large);
 * nodes missing among placed ones are laid out so and set below the placed ones, so what someone
 * arranged stays as it was and nothing lands on it. A flow whose nodes all have a place is
 * returned as it is.
 */
export function placeUnplacedNodes(flow: Flow, options: LayoutOptions = {}): Flow {
  const positions = flow.ui?.positions ?? {};
  const ids = Object.keys(flow.nodes);
  const unplaced = ids.filter((nodeId) => !Object.hasOwn(positions, nodeId));
  if (unplaced.length === 0) return flow;
  const laidOut = ids.length > DAGRE_OPEN_LIMIT ? placeByDepth(flow, options) : layoutFlow(flow, options).ui!.positions!;
  const placed = ids.filter((nodeId) => Object.hasOwn(positions, nodeId));
  if (placed.length === 0) return { ...flow, ui: { ...flow.ui, positions: laidOut } };

  // The laid-out group's top-left corner goes one rank below the lowest placed card, at the left edge of the placed ones.
  const height = options.nodeHeight ?? DEFAULT_NODE_HEIGHT;
  const left = fold(placed, (nodeId) => positions[nodeId]!.x, Math.min);
  const bottom = fold(placed, (nodeId) => positions[nodeId]!.y, Math.max) + height + RANK_GAP;
  const groupLeft = fold(unplaced, (nodeId) => laidOut[nodeId]!.x, Math.min);
  const groupTop = fold(unplaced, (nodeId) => laidOut[nodeId]!.y, Math.min);
  const next: Record<string, Position> = { ...positions };
  for (const nodeId of unplaced) {
    const { x, y } = laidOut[nodeId]!;
    next[nodeId] = { x: x - groupLeft + left, y: y - groupTop + bottom };
  }
  return { ...flow, ui: { ...flow.ui, positions: next } };
}
