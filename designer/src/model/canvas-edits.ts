import { getExits, type Exit } from '../../../core/nodes/registry.ts';
import type { Flow, FlowNode } from '../../../core/schema/flow.ts';
import { CanvasEditError } from './canvas-edit-error.ts';
import { removeExitTarget, setExitTarget } from './exit-fields.ts';
import { getTargetFields } from './target-fields.ts';
import { parseEdgeId, type Position } from './canvas-types.ts';

// Canvas gestures as edits of our schema. Each returns a new flow and leaves
// its input untouched; an edit that changes nothing returns the input itself,
// so a store can tell a no-op (a drag that ended where it began) from an edit.

/** React Flow's `Connection`, reduced to what an edit needs. */
export interface CanvasConnection {
  source: string;
  /** the exit's handle id, e.g. `options.0.next` */
  sourceHandle?: string | null;
  target: string;
}

function getNode(flow: Flow, nodeId: string): FlowNode {
  if (!Object.hasOwn(flow.nodes, nodeId)) throw new CanvasEditError('unknown-node', `no node "${nodeId}" in the flow`, nodeId);
  return flow.nodes[nodeId]!;
}

/** The exit of `node` that `handleId` names; only the registry's exits are fields the canvas may write. */
function getExit(node: FlowNode, nodeId: string, handleId: string | null | undefined): Exit {
  const exit = getExits(node).find((candidate) => candidate.id === handleId);
  if (!exit) throw new CanvasEditError('unknown-handle', `node "${nodeId}" (${node.kind}) has no exit "${handleId ?? ''}"`, nodeId);
  return exit;
}

function withNode(flow: Flow, nodeId: string, node: FlowNode): Flow {
  return node === flow.nodes[nodeId] ? flow : { ...flow, nodes: { ...flow.nodes, [nodeId]: node } };
}

/** Points the exit `sourceHandle` of `source` at `target`. */
export function connect(flow: Flow, { source, sourceHandle, target }: CanvasConnection): Flow {
  const node = getNode(flow, source);
  const exit = getExit(node, source, sourceHandle);
  getNode(flow, target);
  if (exit.target === target) return flow;
  return withNode(flow, source, setExitTarget(node, exit.id.split('.'), target));
}

/** Leaves the exit an edge stands for unconnected (the call hangs up there). */
export function disconnect(flow: Flow, edgeId: string): Flow {
  const parsed = parseEdgeId(edgeId);
  if (!parsed) throw new CanvasEditError('unknown-edge', `"${edgeId}" is not an edge id (node:exit)`);
  const node = getNode(flow, parsed.source);
  const exit = getExit(node, parsed.source, parsed.exitId);
  return withNode(flow, parsed.source, removeExitTarget(node, exit.id.split('.')));
}

/** Stores node positions in `ui.positions`; nodes without one before are added at the end. */
export function moveNodes(flow: Flow, positions: Readonly<Record<string, Position>>): Flow {
  const current = flow.ui?.positions ?? {};
  let next: Record<string, Position> | undefined;
  for (const [nodeId, { x, y }] of Object.entries(positions)) {
    getNode(flow, nodeId);
    const old = current[nodeId];
    if (old && old.x === x && old.y === y) continue;
    next ??= { ...current };
    next[nodeId] = { x, y };
  }
  return next ? { ...flow, ui: { ...flow.ui, positions: next } } : flow;
}

/**
 * Deletes nodes with their positions, and unconnects every exit that led to
 * one. The entry cannot go: a flow must start somewhere, so choosing the new
 * start is left to the designer.
 */
export function removeNodes(flow: Flow, nodeIds: Iterable<string>): Flow {
  const removed = new Set<string>();
  for (const nodeId of nodeIds) {
    getNode(flow, nodeId);
    if (nodeId === flow.entry) throw new CanvasEditError('entry-removed', `"${nodeId}" is where calls start: make another node the entry first`, nodeId);
    removed.add(nodeId);
  }
  if (removed.size === 0) return flow;

  const nodes: Record<string, FlowNode> = {};
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    if (removed.has(nodeId)) continue;
    let kept = node;
    // Every transition field, also those the registry does not list as exits
    // (a queue's on.timeout without maxWait), so no id of a deleted node is left.
    for (const field of getTargetFields(node)) {
      if (removed.has(field.target)) kept = removeExitTarget(kept, field.path.split('.'));
    }
    nodes[nodeId] = kept;
  }
  const result: Flow = { ...flow, nodes };
  const positions = flow.ui?.positions;
  if (positions && Object.keys(positions).some((nodeId) => removed.has(nodeId))) {
    result.ui = { ...flow.ui, positions: Object.fromEntries(Object.entries(positions).filter(([nodeId]) => !removed.has(nodeId))) };
  }
  return result;
}
