import type { ImportContext } from './import-context.ts';
import { toAssignable } from './json-shape.ts';

/**
 * The variables a `set` node assigns. `__proto__` is skipped: as a key of a plain object it
 * would not survive parsing (or would change the object's prototype), so it is reported instead.
 */
export function toAssignments(ctx: ImportContext, nodeId: string, entries: Array<[string, unknown]>): Record<string, string | number | boolean> {
  const kept = entries.filter(([key]) => {
    if (key !== '__proto__') return true;
    ctx.findings.warn(nodeId, 'a variable named "__proto__" cannot be kept in a flow file: skipped');
    return false;
  });
  return Object.fromEntries(kept.map(([key, value]) => [key, toAssignable(value)] as const));
}
