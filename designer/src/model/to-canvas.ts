import { getExits } from '../../../core/nodes/registry.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { toEdgeId, type FlowCanvasEdge, type FlowCanvasNode } from './canvas-types.ts';

const ORIGIN = { x: 0, y: 0 } as const;

/** The nodes and edges React Flow draws for `flow`: one node per flow node, one edge per connected exit. */
export function toCanvas(flow: Flow): { nodes: FlowCanvasNode[]; edges: FlowCanvasEdge[] } {
  const positions = flow.ui?.positions;
  const nodes: FlowCanvasNode[] = [];
  const edges: FlowCanvasEdge[] = [];
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    // Copied, so React Flow's node objects never share state with the flow.
    const { x, y } = positions?.[nodeId] ?? ORIGIN;
    nodes.push({ id: nodeId, type: node.kind, position: { x, y }, data: { nodeId, kind: node.kind, label: node.label ?? nodeId } });
    for (const exit of getExits(node)) {
      // An exit naming a missing node has nothing to draw to: the missing-target rule reports it.
      if (exit.target === undefined || !Object.hasOwn(flow.nodes, exit.target)) continue;
      edges.push({
        id: toEdgeId(nodeId, exit.id),
        source: nodeId,
        target: exit.target,
        sourceHandle: exit.id,
        label: exit.label,
        data: { exitType: exit.type },
      });
    }
  }
  return { nodes, edges };
}
