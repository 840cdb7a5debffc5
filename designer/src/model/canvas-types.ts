import type { Edge, Node } from '@xyflow/react';
import type { ExitType } from '../../../core/nodes/registry.ts';
import type { NodeKind } from '../../../core/schema/flow.ts';

// What React Flow draws. Data holds ids and display words only: the store's
// flow is the source of truth, so a component looks the node up by `nodeId`.

export interface FlowCanvasNodeData extends Record<string, unknown> {
  nodeId: string;
  kind: NodeKind;
  /** the node's label, or its id when it has none */
  label: string;
}

/** Typed by kind, so a `nodeTypes` map keyed by kind renders each node. */
export type FlowCanvasNode = Node<FlowCanvasNodeData, NodeKind>;

export interface FlowCanvasEdgeData extends Record<string, unknown> {
  /** the exit's type, for styling failure, no-input and option edges apart */
  exitType: ExitType;
}

export type FlowCanvasEdge = Edge<FlowCanvasEdgeData>;

export interface Position {
  x: number;
  y: number;
}

/** An edge is one exit of one node; node ids and handle ids never hold `:`. */
export function toEdgeId(source: string, exitId: string): string {
  return `${source}:${exitId}`;
}

/** The source node and handle (exit) id an edge id names, or undefined when it is not an edge id. */
export function parseEdgeId(edgeId: string): { source: string; exitId: string } | undefined {
  const colon = edgeId.indexOf(':');
  if (colon <= 0 || colon === edgeId.length - 1) return undefined;
  return { source: edgeId.slice(0, colon), exitId: edgeId.slice(colon + 1) };
}
