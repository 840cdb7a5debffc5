import type { Flow } from '../../../core/schema/flow.ts';

// How every edit that can be refused answers: the new flow, or why not (the
// flow is left as it was). None throws, so a store applies canvas gestures
// and inspector edits alike. An edit that changes nothing answers the flow it
// was given, so a store can tell a no-op (a drag that ended where it began).

/** Why an edit was refused: the UI can word each reason its own way. */
export type EditRefusalReason =
  | 'unknown-node'
  | 'unknown-handle'
  | 'unknown-edge'
  | 'entry-removed'
  | 'invalid-id'
  | 'taken-id'
  | 'unknown-field'
  | 'invalid-value';

export interface EditRefusal {
  ok: false;
  reason: EditRefusalReason;
  /** what to tell the designer */
  error: string;
  /** the node the refused edit is about */
  nodeId?: string;
}

export type EditResult = { ok: true; flow: Flow } | EditRefusal;

export const accept = (flow: Flow): EditResult => ({ ok: true, flow });

export function refuse(reason: EditRefusalReason, error: string, nodeId?: string): EditRefusal {
  return { ok: false, reason, error, ...(nodeId !== undefined ? { nodeId } : {}) };
}
