import type { Flow, FlowNode } from '../../../core/schema/flow.ts';
import { removeExitTarget, setExitTarget } from './exit-fields.ts';
import type { Position } from './canvas-types.ts';
import { getFreshNodeId, getIdBase } from './ids.ts';
import { getTargetFields } from './target-fields.ts';

/** Nodes copied from a flow, as they were when copied. */
export interface Clipboard {
  nodes: Array<{ id: string; node: FlowNode; position: Position | undefined }>;
  /** how many times it was pasted: each paste lands a step further, so copies do not stack */
  pastes: number;
}

/** Each paste lands this far right and down of the previous one. */
export const PASTE_OFFSET = 40;

export function copyNodes(flow: Flow, ids: readonly string[]): Clipboard | null {
  const nodes = ids.flatMap((id) => {
    const node = flow.nodes[id];
    return node === undefined ? [] : [{ id, node, position: flow.ui?.positions?.[id] }];
  });
  return nodes.length ? { nodes, pastes: 0 } : null;
}

/**
 * Adds the copied nodes under fresh ids. Transitions between copied nodes
 * follow the copies; transitions to other nodes stay if that node still
 * exists (a pasted menu keeps its way to a person) and are unconnected if not.
 */
export function pasteNodes(flow: Flow, clipboard: Clipboard): { flow: Flow; ids: string[] } {
  const taken = new Set(Object.keys(flow.nodes));
  const newIds = new Map<string, string>();
  for (const { id } of clipboard.nodes) {
    const fresh = getFreshNodeId(getIdBase(id), (candidate) => taken.has(candidate));
    taken.add(fresh);
    newIds.set(id, fresh);
  }
  const offset = PASTE_OFFSET * (clipboard.pastes + 1);
  const nodes = { ...flow.nodes };
  const positions = { ...flow.ui?.positions };
  for (const { id, node, position } of clipboard.nodes) {
    let copy = node;
    for (const field of getTargetFields(node)) {
      const internal = newIds.get(field.target);
      if (internal !== undefined) copy = setExitTarget(copy, field.path.split('.'), internal);
      else if (!Object.hasOwn(flow.nodes, field.target)) copy = removeExitTarget(copy, field.path.split('.'));
    }
    // A copy shares no objects with the original, so editing one never changes the other.
    const newId = newIds.get(id)!;
    nodes[newId] = structuredClone(copy);
    positions[newId] = { x: (position?.x ?? 0) + offset, y: (position?.y ?? 0) + offset };
  }
  return { flow: { ...flow, nodes, ui: { ...flow.ui, positions } }, ids: [...newIds.values()] };
}
