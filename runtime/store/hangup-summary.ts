import type { CallRecord, CallSummaryUpdate } from './types.ts';

/**
 * The call ended while it waited (a hang-up at a wait, a final status): where
 * it was, if it was still waiting. The Redis store's status script works out
 * the same from the stored record.
 */
export function getHangupSummary(record: CallRecord | undefined, at: Date): CallSummaryUpdate {
  if (record === undefined || record.wait.kind === 'end') return { at, hangup: { nodeId: null, inQueue: false } };
  return { at, hangup: { nodeId: record.wait.nodeId, flowId: record.flowId, inQueue: record.wait.kind === 'queue' } };
}
