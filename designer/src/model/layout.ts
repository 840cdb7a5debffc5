import dagre from '@dagrejs/dagre';
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

/** A directed edge for dagre, with how many exits it stands for. */
interface RankEdge {
  from: string;
  to: string;
  weight: number;
}

/**
 * The flow's transitions as an acyclic graph whose only source is the entry,
 * so dagre ranks the entry alone on the first rank. Edges into the entry and
 * back edges of a depth-first walk from it are turned around (as dagre's own
 * acyclic step does); nodes nothing leads to hang from the entry by an edge of
 * weight 0, which orders the ranks without pulling on the drawing.
 */
function getRankEdges(flow: Flow, order: readonly string[]): RankEdge[] {
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

  const weights = new Map<string, RankEdge>();
  const addEdge = (from: string, to: string, weight: number) => {
    const key = `${from}\u0000${to}`;
    const edge = weights.get(key);
    if (edge) edge.weight += weight;
    else weights.set(key, { from, to, weight });
  };

  // Iterative, so a deep flow cannot overflow the stack.
  const state = new Map<string, 'open' | 'done'>();
  for (const root of order) {
    if (state.has(root)) continue;
    state.set(root, 'open');
    const stack: Array<{ nodeId: string; next: number }> = [{ nodeId: root, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const targets = successors.get(frame.nodeId)!;
      if (frame.next === targets.length) {
        state.set(frame.nodeId, 'done');
        stack.pop();
        continue;
      }
      const target = targets[frame.next++]!;
      if (target === flow.entry || state.get(target) === 'open') {
        addEdge(target, frame.nodeId, 1);
        continue;
      }
      addEdge(frame.nodeId, target, 1);
      if (!state.has(target)) {
        state.set(target, 'open');
        stack.push({ nodeId: target, next: 0 });
      }
    }
  }

  const edges = [...weights.values()];
  if (Object.hasOwn(flow.nodes, flow.entry)) {
    const entered = new Set(edges.map((edge) => edge.to));
    for (const nodeId of order) if (nodeId !== flow.entry && !entered.has(nodeId)) edges.push({ from: flow.entry, to: nodeId, weight: 0 });
  }
  return edges;
}

/**
 * The flow with every node placed by dagre, the entry on top (or at the left).
 * Positions are top-left corners, as React Flow uses, in whole pixels; the
 * rest of the flow is left as it was.
 */
export function layoutFlow(flow: Flow, options: LayoutOptions = {}): Flow {
  const width = options.nodeWidth ?? DEFAULT_NODE_WIDTH;
  const height = options.nodeHeight ?? DEFAULT_NODE_HEIGHT;
  const fileOrder = Object.keys(flow.nodes);
  // The entry first: dagre breaks ties by insertion order.
  const order = Object.hasOwn(flow.nodes, flow.entry) ? [flow.entry, ...fileOrder.filter((nodeId) => nodeId !== flow.entry)] : fileOrder;

  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: options.direction ?? 'TB', nodesep: NODE_GAP, ranksep: RANK_GAP, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const nodeId of order) graph.setNode(nodeId, { width, height });
  for (const edge of getRankEdges(flow, order)) graph.setEdge(edge.from, edge.to, { weight: edge.weight, minlen: 1 });
  dagre.layout(graph);

  const positions: Record<string, Position> = {};
  for (const nodeId of fileOrder) {
    const { x, y } = graph.node(nodeId) as { x: number; y: number };
    positions[nodeId] = { x: Math.round(x - width / 2), y: Math.round(y - height / 2) };
  }
  return { ...flow, ui: { ...flow.ui, positions } };
}
