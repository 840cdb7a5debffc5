import type { FlowNode } from '../../../core/schema/flow.ts';

// Reads and writes the target field an exit's handle id names (`options.0.next`,
// `noInput.next`, `on.busy`) without mutating the node: only the objects on
// the path are copied, and every other key keeps its place, so saved JSON
// changes only where the edit did.

type Json = Record<string, unknown> | unknown[];

/**
 * Retry handlers are the only exit containers a node may lack (`{}` and absent
 * mean the same: all defaults), so connecting creates one and disconnecting
 * its last field removes it again, making disconnect undo connect exactly.
 */
const EMPTY_MEANS_ABSENT = new Set(['noInput', 'noMatch', 'invalid']);

const isContainer = (value: unknown): value is Json => typeof value === 'object' && value !== null;

function copyWith(container: Json, key: string, value: unknown): Json {
  if (Array.isArray(container)) {
    const copy = container.slice();
    copy[Number(key)] = value;
    return copy;
  }
  // Spreading keeps an existing key where it was and appends a new one.
  return { ...container, [key]: value };
}

function copyWithout(container: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _removed, ...rest } = container;
  return rest;
}

/** `node` with the field at `path` set to `target`, creating a missing retry handler on the way. */
export function setExitTarget(node: FlowNode, path: readonly string[], target: string): FlowNode {
  const write = (container: Json, depth: number): Json => {
    const key = path[depth]!;
    if (depth === path.length - 1) return copyWith(container, key, target);
    const child = (container as Record<string, unknown>)[key];
    return copyWith(container, key, write(isContainer(child) ? child : {}, depth + 1));
  };
  return write(node as Json, 0) as FlowNode;
}

/** `node` without the field at `path`; the same node when the field is already absent. */
export function removeExitTarget(node: FlowNode, path: readonly string[]): FlowNode {
  const erase = (container: Json, depth: number): Json => {
    const key = path[depth]!;
    const child = (container as Record<string, unknown>)[key];
    if (depth === path.length - 1) return child === undefined || Array.isArray(container) ? container : copyWithout(container, key);
    if (!isContainer(child)) return container;
    const erased = erase(child, depth + 1);
    if (erased === child) return container;
    const emptied = !Array.isArray(erased) && Object.keys(erased).length === 0 && EMPTY_MEANS_ABSENT.has(key);
    return emptied && !Array.isArray(container) ? copyWithout(container, key) : copyWith(container, key, erased);
  };
  return erase(node as Json, 0) as FlowNode;
}
