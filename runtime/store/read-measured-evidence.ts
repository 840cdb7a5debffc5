import path from 'node:path';
import Database from 'better-sqlite3';
import type { MeasuredEvidence } from '../../core/profiles/measures.ts';
import { StoreOpenError } from '../errors.ts';
import { queryMeasuredEvidence } from './sqlite-calls.ts';
import { STORE_FILE_NAME } from './sqlite-store.ts';

/** How long a read waits for a running runtime's write to finish. */
const READ_LOCK_WAIT_MS = 5000;

export interface MeasuredEvidenceRequest {
  /** the store's folder, as HUMANLINE_DATA_DIR names it for `humanline serve` */
  dataDir: string;
  flowId: string;
  /** the period: `from` inclusive, `to` exclusive */
  from: Date;
  to: Date;
}

/**
 * A flow's measured evidence for a period, read from the SQLite store in `dataDir` without writing to it (a runtime
 * may be serving from it meanwhile): what `humanline report --data DIR` adds. Throws StoreOpenError when there is
 * no store there or it cannot be read.
 */
export async function readMeasuredEvidence(request: MeasuredEvidenceRequest): Promise<MeasuredEvidence> {
  const { dataDir, flowId, from, to } = request;
  if (!(from.getTime() < to.getTime())) throw new RangeError(`the period's start ${from.toISOString()} must be before its end ${to.toISOString()}`);
  const file = path.join(dataDir, STORE_FILE_NAME);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${READ_LOCK_WAIT_MS}`);
    return queryMeasuredEvidence(db, flowId, from, to);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreOpenError(`cannot read the calls of the store ${file} (${detail}): give the folder humanline serve keeps its data in (HUMANLINE_DATA_DIR)`, { cause: error });
  } finally {
    db?.close();
  }
}
