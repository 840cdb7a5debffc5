import { getExits, type Exit } from '../../../core/nodes/registry.ts';
import type { Flow, FlowNode } from '../../../core/schema/flow.ts';
import { parseEdgeId, type Position } from './canvas-types.ts';
import { accept, refuse, type EditRefusal, type EditResult } from './edit-result.ts';
import { removeExitTarget, setExitTarget } from './exit-fields.ts';
import { getTargetFields } from './target-fields.ts';

// Canvas gestures as edits of our schema. Each answers a new flow and leaves
// its input untouched, or refuses (./edit-result.ts).

/** React Flow's `Connection`, reduced to what an edit needs. */
export interface CanvasConnection {
  source: string;
  /** the exit's handle id, e.g. `options.0.next` */
  sourceHandle?: string | null;
  target: string;
}

const hasNode = (flow: Flow, nodeId: string) => Object.hasOwn(flow.nodes, nodeId);

const unknownNode = (nodeId: string): EditRefusal => refuse('unknown-node', `no node "${nodeId}" in the flow`, nodeId);

/** The exit of `node` that `handleId` names; only the registry's exits are fields the canvas may write. */
function findExit(node: FlowNode, handleId: string | null | undefined): Exit | undefined {
  return getExits(node).find((candidate) => candidate.id === handleId);
}

const unknownHandle = (node: FlowNode, nodeId: string, handleId: string | null | undefined): EditRefusal =>
  refuse('unknown-handle', `node "${nodeId}" (${node.kind}) has no exit "${handleId ?? ''}"`, nodeId);

function withNode(flow: Flow, nodeId: string, node: FlowNode): Flow {
  return node === flow.nodes[nodeId] ? flow : { ...flow, nodes: { ...flow.nodes, [nodeId]: node } };
}

/** Points the exit `sourceHandle` of `source` at `target`. */
export function connect(flow: Flow, { source, sourceHandle, target }: CanvasConnection): EditResult {
  if (!hasNode(flow, source)) return unknownNode(source);
  const node = flow.nodes[source]!;
  const exit = findExit(node, sourceHandle);
  if (!exit) return unknownHandle(node, source, sourceHandle);
  if (!hasNode(flow, target)) return unknownNode(target);
  if (exit.target === target) return accept(flow);
  return accept(withNode(flow, source, setExitTarget(node, exit.id.split('.'), target)));
}

/** Leaves the exit an edge stands for unconnected (the call hangs up there). */
export function disconnect(flow: Flow, edgeId: string): EditResult {
  const parsed = parseEdgeId(edgeId);
  if (!parsed) return refuse('unknown-edge', `"${edgeId}" is not an edge id (node:exit)`);
  if (!hasNode(flow, parsed.source)) return unknownNode(parsed.source);
  const node = flow.nodes[parsed.source]!;
  const exit = findExit(node, parsed.exitId);
  if (!exit) return unknownHandle(node, parsed.source, parsed.exitId);
  return accept(withNode(flow, parsed.source, removeExitTarget(node, exit.id.split('.'))));
}

/** Stores node positions in `ui.positions`; nodes without one before are added at the end. */
export function moveNodes(flow: Flow, positions: Readonly<Record<string, Position>>): EditResult {
  const current = flow.ui?.positions ?? {};
  let next: Record<string, Position> | undefined;
  for (const [nodeId, { x, y }] of Object.entries(positions)) {
    if (!hasNode(flow, nodeId)) return unknownNode(nodeId);
    const old = current[nodeId];
    if (old && old.x === x && old.y === y) continue;
    next ??= { ...current };
    next[nodeId] = { x, y };
  }
  return accept(next ? { ...flow, ui: { ...flow.ui, positions: next } } : flow);
}

/**
 * Deletes nodes with their positions, and unconnects every exit that led to
 * one. The entry cannot go: a flow must start somewhere, so choosing the new
 * start is left to the designer.
 */
export function removeNodes(flow: Flow, nodeIds: Iterable<string>): EditResult {
  const removed = new Set<string>();
  for (const nodeId of nodeIds) {
    if (!hasNode(flow, nodeId)) return unknownNode(nodeId);
    if (nodeId === flow.entry) return refuse('entry-removed', `"${nodeId}" is where calls start: make another node the entry first`, nodeId);
    removed.add(nodeId);
  }
  if (removed.size === 0) return accept(flow);

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
  return accept(result);
}

/** Deletes the selected nodes and unconnects the selected edges as one edit; edges of deleted nodes go with them. */
export function removeSelection(flow: Flow, nodeIds: readonly string[], edgeIds: readonly string[]): EditResult {
  const removing = new Set(nodeIds);
  let next = flow;
  for (const edgeId of edgeIds) {
    if (removing.has(parseEdgeId(edgeId)?.source ?? '')) continue;
    const unconnected = disconnect(next, edgeId);
    if (!unconnected.ok) return unconnected;
    next = unconnected.flow;
  }
  return removeNodes(next, nodeIds);
}
