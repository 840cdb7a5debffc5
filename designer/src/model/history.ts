import type { Flow } from '../../../core/schema/flow.ts';

// Undo as snapshots of the flow: edits copy only what they change, so a
// snapshot costs little, and undo gives back exactly the earlier flow.

export interface History {
  /** earlier flows, oldest first */
  past: Flow[];
  /** flows undone, the next to redo last */
  future: Flow[];
  /** edits with this key merge into the newest entry (a drag of the same nodes); null closes it */
  openMerge: string | null;
}

/** Undo entries kept; older ones are dropped. */
export const HISTORY_LIMIT = 200;

export const emptyHistory = (): History => ({ past: [], future: [], openMerge: null });

/** Records that the flow `before` was replaced by an edit; a new edit drops what could be redone. */
export function recordEdit(history: History, before: Flow, mergeKey: string | null, limit = HISTORY_LIMIT): History {
  if (mergeKey !== null && mergeKey === history.openMerge) return { past: history.past, future: [], openMerge: mergeKey };
  const past = [...history.past, before];
  if (past.length > limit) past.splice(0, past.length - limit);
  return { past, future: [], openMerge: mergeKey };
}

export function undoEdit(history: History, current: Flow): { history: History; flow: Flow } | null {
  const flow = history.past.at(-1);
  if (flow === undefined) return null;
  return { flow, history: { past: history.past.slice(0, -1), future: [...history.future, current], openMerge: null } };
}

export function redoEdit(history: History, current: Flow): { history: History; flow: Flow } | null {
  const flow = history.future.at(-1);
  if (flow === undefined) return null;
  return { flow, history: { past: [...history.past, current], future: history.future.slice(0, -1), openMerge: null } };
}
