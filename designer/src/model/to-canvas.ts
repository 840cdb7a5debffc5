import { getExits } from '../../../core/nodes/registry.ts';
import type { Flow, FlowNode } from '../../../core/schema/flow.ts';
import { toEdgeId, type FlowCanvasEdge, type FlowCanvasNode } from './canvas-types.ts';

const ORIGIN = { x: 0, y: 0 } as const;

export interface Canvas {
  nodes: FlowCanvasNode[];
  edges: FlowCanvasEdge[];
}

/** What one flow node draws: its card, and an edge for each exit that names a target. */
interface NodeDrawing {
  node: FlowNode;
  x: number;
  y: number;
  canvasNode: FlowCanvasNode;
  edges: FlowCanvasEdge[];
}

function drawNode(nodeId: string, node: FlowNode, x: number, y: number): NodeDrawing {
  // Copied, so React Flow's node objects never share state with the flow.
  const canvasNode: FlowCanvasNode = { id: nodeId, type: node.kind, position: { x, y }, data: { nodeId, kind: node.kind, label: node.label ?? nodeId } };
  const edges: FlowCanvasEdge[] = [];
  for (const exit of getExits(node)) {
    if (exit.target === undefined) continue;
    edges.push({ id: toEdgeId(nodeId, exit.id), source: nodeId, target: exit.target, sourceHandle: exit.id, label: exit.label, data: { exitType: exit.type } });
  }
  return { node, x, y, canvasNode, edges };
}

/**
 * A `toCanvas` that remembers: a flow node whose object and position are the
 * ones it drew last time keeps its card and edge objects, so an edit on a
 * 1,000-node flow redraws only what it touched (React Flow and the canvas skip
 * unchanged objects). Edits never mutate nodes, so the same object means the same node.
 */
export function createCanvasDrawer(): (flow: Flow) => Canvas {
  let drawings = new Map<string, NodeDrawing>();
  return (flow) => {
    const positions = flow.ui?.positions;
    const next = new Map<string, NodeDrawing>();
    const nodes: FlowCanvasNode[] = [];
    const edges: FlowCanvasEdge[] = [];
    for (const [nodeId, node] of Object.entries(flow.nodes)) {
      const { x, y } = positions?.[nodeId] ?? ORIGIN;
      const old = drawings.get(nodeId);
      const drawing = old !== undefined && old.node === node && old.x === x && old.y === y ? old : drawNode(nodeId, node, x, y);
      next.set(nodeId, drawing);
      nodes.push(drawing.canvasNode);
      // An exit naming a missing node has nothing to draw to: the missing-target rule reports it.
      for (const edge of drawing.edges) if (Object.hasOwn(flow.nodes, edge.target)) edges.push(edge);
    }
    drawings = next;
    return { nodes, edges };
  };
}

/** The nodes and edges React Flow draws for `flow`: one node per flow node, one edge per connected exit. */
export function toCanvas(flow: Flow): Canvas {
  return createCanvasDrawer()(flow);
}
