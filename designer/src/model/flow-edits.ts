import { FlowNodeSchema, FlowSchema, FlowSettingsSchema, type Flow, type FlowNode, type NodeKind } from '../../../core/schema/flow.ts';
import { toFirstIssueText } from '../../../core/schema/issue-text.ts';
import type { Position } from './canvas-types.ts';
import { accept, refuse, type EditResult } from './edit-result.ts';
import { setExitTarget } from './exit-fields.ts';
import { getFreshNodeId, getNodeIdProblem } from './ids.ts';
import { createNewNode } from './new-node.ts';
import { getTargetFields } from './target-fields.ts';

// Edits on our flow format beyond the canvas gestures (those live in
// ./canvas-edits.ts), pure: each takes a flow and answers a new one or why it
// refuses (./edit-result.ts), copying only what changes, so the store can keep
// old flows as undo snapshots without copying whole flows.

function withNode(flow: Flow, id: string, node: FlowNode): Flow {
  return { ...flow, nodes: { ...flow.nodes, [id]: node } };
}

function withPositions(flow: Flow, positions: Record<string, Position>): Flow {
  return { ...flow, ui: { ...flow.ui, positions } };
}

function hasNode(flow: Flow, id: string): boolean {
  return Object.hasOwn(flow.nodes, id);
}

/** A new node of `kind` at `position`, under a fresh id such as `menu_2`. */
export function addNode(flow: Flow, kind: NodeKind, position: Position): { flow: Flow; id: string } {
  const id = getFreshNodeId(kind, (candidate) => hasNode(flow, candidate));
  const added = withNode(flow, id, createNewNode(kind));
  return { flow: withPositions(added, { ...flow.ui?.positions, [id]: { x: position.x, y: position.y } }), id };
}

/**
 * Merges `patch` into the node (a field set to undefined is removed) and keeps
 * the result only if the node schema accepts it, so the inspector cannot
 * write a node the runtime would refuse.
 */
export function updateNode(flow: Flow, id: string, patch: Readonly<Record<string, unknown>>): EditResult {
  const node = flow.nodes[id];
  if (node === undefined) return refuse('unknown-node', `There is no node "${id}".`, id);
  const merged: Record<string, unknown> = { ...node };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const checked = FlowNodeSchema.safeParse(merged);
  if (!checked.success) return refuse('invalid-value', `Cannot change "${id}": ${toFirstIssueText(checked.error.issues)}`, id);
  // The merged object, not zod's output: the file keeps exactly what the designer wrote.
  return accept(withNode(flow, id, merged as FlowNode));
}

/** Replaces every mention of a node id: the key, transitions, the entry, its position. */
export function renameNode(flow: Flow, oldId: string, newId: string): EditResult {
  if (!hasNode(flow, oldId)) return refuse('unknown-node', `There is no node "${oldId}".`, oldId);
  if (newId === oldId) return accept(flow);
  const problem = getNodeIdProblem(newId);
  if (problem !== null) return refuse('invalid-id', problem, oldId);
  if (hasNode(flow, newId)) return refuse('taken-id', `A node "${newId}" already exists.`, oldId);

  const nodes: Record<string, FlowNode> = {};
  // Rebuilt in order, so the renamed node keeps its place in the file.
  for (const [id, node] of Object.entries(flow.nodes)) {
    let renamed = node;
    for (const field of getTargetFields(node)) if (field.target === oldId) renamed = setExitTarget(renamed, field.path.split('.'), newId);
    nodes[id === oldId ? newId : id] = renamed;
  }
  let next: Flow = { ...flow, entry: flow.entry === oldId ? newId : flow.entry, nodes };
  const positions = flow.ui?.positions;
  if (positions && Object.hasOwn(positions, oldId)) {
    next = withPositions(next, Object.fromEntries(Object.entries(positions).map(([id, at]) => [id === oldId ? newId : id, at])));
  }
  return accept(next);
}

/** Makes `id` the node every call starts at. */
export function setEntry(flow: Flow, id: string): EditResult {
  if (!hasNode(flow, id)) return refuse('unknown-node', `There is no node "${id}".`, id);
  return accept(flow.entry === id ? flow : { ...flow, entry: id });
}

/** Writes the flow's step budget N to `settings.maxSteps`. */
export function setMaxSteps(flow: Flow, maxSteps: number): EditResult {
  const checked = FlowSettingsSchema.shape.maxSteps.safeParse(maxSteps);
  if (!checked.success) return refuse('invalid-value', `The step budget must be a whole number from 1 to 50, not ${maxSteps}.`);
  if (flow.settings?.maxSteps === maxSteps) return accept(flow);
  return accept({ ...flow, settings: { ...flow.settings, maxSteps } });
}

/** Renames the flow (its `name`, shown in the flow list and the header), not its file; no name leaves it going by its id. */
export function setFlowName(flow: Flow, name: string): EditResult {
  const trimmed = name.trim();
  if (trimmed === '') {
    if (flow.name === undefined) return accept(flow);
    const { name: _dropped, ...nameless } = flow;
    return accept(nameless);
  }
  return accept(flow.name === trimmed ? flow : { ...flow, name: trimmed });
}

/** The flow's own fields the inspector edits; nodes, the entry and positions have edits of their own. */
const FLOW_FIELD_SCHEMAS = { name: FlowSchema.shape.name, description: FlowSchema.shape.description, settings: FlowSchema.shape.settings, rules: FlowSchema.shape.rules };

/** A new field goes where the schema lists it, before `entry` and the nodes; the rest keeps its order. */
function insertBeforeEntry(flow: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const entries = Object.entries(flow);
  const at = entries.findIndex(([name]) => name === 'entry');
  entries.splice(at === -1 ? entries.length : at, 0, [key, value]);
  return Object.fromEntries(entries);
}

/** Patches the flow's own fields (name, description, settings, rules); an undefined value removes the field. */
export function updateFlowFields(flow: Flow, patch: Readonly<Record<string, unknown>>): EditResult {
  let next: Record<string, unknown> = { ...flow };
  for (const [key, value] of Object.entries(patch)) {
    const schema = Object.hasOwn(FLOW_FIELD_SCHEMAS, key) ? FLOW_FIELD_SCHEMAS[key as keyof typeof FLOW_FIELD_SCHEMAS] : undefined;
    if (schema === undefined) return refuse('unknown-field', `"${key}" is not a flow field the inspector edits.`);
    const checked = schema.safeParse(value);
    if (!checked.success) return refuse('invalid-value', `Cannot change the flow: ${toFirstIssueText(checked.error.issues, [key])}`);
    if (value === undefined) delete next[key];
    else if (Object.hasOwn(next, key)) next[key] = value;
    else next = insertBeforeEntry(next, key, value);
  }
  return accept(next as Flow);
}
