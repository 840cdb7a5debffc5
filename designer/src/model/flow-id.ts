import { FLOW_ID_PATTERN } from '../../../core/schema/flow-id.ts';

// Flow ids name files in the flows folder (the pattern is shared with the runtime through core).
export { FLOW_ID_PATTERN };

/** A flow id made from a name or a file name: "Billing Line.json" -> "billing-line". */
export function toFlowId(name: string): string {
  const slug = name
    .replace(/\.json$/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 64);
  return FLOW_ID_PATTERN.test(slug) ? slug : 'flow';
}

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
