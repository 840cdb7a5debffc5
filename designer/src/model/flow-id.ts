import { FLOW_ID_PATTERN, toFlowId } from '../../../core/schema/flow-id.ts';

// Flow ids name files in the flows folder: the grammar and the slug rule live in core, shared with the runtime.
export { FLOW_ID_PATTERN, toFlowId };

/** `base`, or `base-2`, `base-3`... whichever is not taken. */
export function getFreeFlowId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base.slice(0, 60)}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** FLOW_ID_PATTERN for an input's `pattern` attribute, which browsers compile with the `v` flag: there a `-` in a class needs its backslash. */
export const FLOW_ID_INPUT_PATTERN = '[a-z0-9][a-z0-9_\\-]{0,63}';
