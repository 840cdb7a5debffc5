import { StoreError } from '../errors.ts';
import type { CallRecord } from './types.ts';

/** A call record as either store keeps it (JSON text) read back; text that is not one is a StoreError, so its caller goes to a person. */
export function parseCallRecord(text: string, callSid: string): CallRecord {
  try {
    const record = JSON.parse(text) as CallRecord;
    if (typeof record !== 'object' || record === null || typeof record.state !== 'object' || typeof record.wait !== 'object') {
      throw new Error('not a call record');
    }
    return record;
  } catch (error) {
    throw new StoreError(`corrupt state for call ${callSid}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
