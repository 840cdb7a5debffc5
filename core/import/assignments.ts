import type { ImportContext } from './import-context.ts';
import { toAssignable } from './json-shape.ts';

/**
 * The variables a `set` node assigns. `__proto__` is skipped: as a key of a plain object it
 * would not survive parsing (or would change the object's prototype), so it is reported instead.
 */
export function toAssignments(ctx: ImportContext, nodeId: string, entries: Array<[string, unknown]>): Record<string, string | number | boolean> {
  // one loop into the record: filter, map and fromEntries made two arrays and a pair per variable
  const assign: Record<string, string | number | boolean> = {};
  for (let index = 0; index < entries.length; index++) {
    const [key, value] = entries[index]!;
    if (key === '__proto__') ctx.findings.warn(nodeId, 'a variable named "__proto__" cannot be kept in a flow file: skipped');
    else assign[key] = toAssignable(value);
  }
  return assign;
}
