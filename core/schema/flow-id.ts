/**
 * A flow's id in the flows folder, which the designer API accepts and the
 * designer makes from names: 1 to 64 lowercase letters, digits, "-" or "_",
 * starting with a letter or digit. It is also the file name, so nothing that
 * could leave the folder. Here, so the runtime and the designer share it.
 */
export const FLOW_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** FLOW_ID_PATTERN in words, for messages that refuse an id. */
export const FLOW_ID_WORDS = '1 to 64 lowercase letters, digits, "-" or "_", starting with a letter or digit';

/** A flow id made from a name or a file name: "Billing Line.json" -> "billing-line"; "flow" when nothing is left. */
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
