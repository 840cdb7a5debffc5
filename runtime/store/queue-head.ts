import { FINAL_STATUSES, type CallRecord, type CallStatus } from './types.ts';

/**
 * Whether a queue entry (the call at wait `seq`) still stands: the call is still at that wait, a queue node
 * of that name, and has not ended. An entry fails this once the caller moved on, hung up or was purged.
 */
export function isHoldingIn(record: CallRecord | undefined, status: CallStatus | undefined, queue: string, seq: number): record is CallRecord {
  if (record === undefined || record.state.seq !== seq || (status !== undefined && FINAL_STATUSES.has(status))) return false;
  return record.wait.kind === 'queue' && record.wait.queue === queue;
}
