import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.ts';
import { startCheckpointer } from './checkpointer.ts';
import {
  ENTRY_SEQ,
  FINAL_STATUSES,
  STATUS_RANK,
  type CallEventRecord,
  type CallRecord,
  type CallStatus,
  type CallStore,
  type FlowVersionRecord,
  type QueueLeaveReason,
  type SavedStep,
} from './types.ts';

const SCHEMA = `
-- A call's row also keeps the answers a duplicate webhook may need after a
-- restart: the first one (the Voice URL) and the latest. Older answers live in
-- memory only; a table of every answer cost each webhook an insert.
CREATE TABLE IF NOT EXISTS calls (
  call_sid TEXT PRIMARY KEY,
  flow_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  record TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  entry_answer TEXT NOT NULL,
  answer_seq INTEGER NOT NULL,
  answer TEXT NOT NULL
);
-- One row per webhook holding its events as a JSON array: a row per event
-- cost a webhook an insert and an index update each.
CREATE TABLE IF NOT EXISTS call_event_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  call_sid TEXT NOT NULL,
  events TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS call_event_log_by_call ON call_event_log (call_sid);
CREATE TABLE IF NOT EXISTS call_status (
  call_sid TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS queue_leaves (
  call_sid TEXT NOT NULL,
  seq INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (call_sid, seq)
);
CREATE TABLE IF NOT EXISTS flow_versions (
  flow_id TEXT NOT NULL,
  version_id TEXT NOT NULL,
  flow_json TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (flow_id, version_id)
);
`;

export const STORE_FILE_NAME = 'humanline.sqlite';

/** A write-behind write and the call it belongs to. */
interface PendingWrite {
  callSid: string;
  write: () => void;
}
/** Calls kept in memory between webhooks; more are read back from the file. */
const HOT_CALLS = 20_000;

function parseRecord(text: string, callSid: string): CallRecord {
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

export interface SqliteStoreOptions {
  /** a write-behind write that failed, reported once for the call it belongs to (its webhook has been answered by then) */
  onWriteFailure?: (callSid: string, error: StoreError) => void;
}

/** The embedded store: one SQLite file under the data folder (WAL, prepared statements). */
export function createSqliteStore(
  dataDir: string,
  options: SqliteStoreOptions = {},
): CallStore & { file: string; events(callSid: string): CallEventRecord[] } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, STORE_FILE_NAME);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  // Checkpoints run in a worker (checkpointer.ts), not inside a webhook's commit.
  db.pragma('wal_autocheckpoint = 0');
  db.exec(SCHEMA);
  // Without the worker the log would grow for ever: SQLite's own checkpoints come back instead.
  const checkpointer = startCheckpointer(file, () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });

  const statements = {
    getCall: db.prepare<[string], { record: string }>('SELECT record FROM calls WHERE call_sid = ?'),
    insertCall: db.prepare(
      'INSERT OR IGNORE INTO calls (call_sid, flow_id, seq, record, updated_at, entry_answer, answer_seq, answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    updateCall: db.prepare('UPDATE calls SET seq = ?, record = ?, updated_at = ?, answer_seq = ?, answer = ? WHERE call_sid = ? AND seq = ?'),
    getAnswers: db.prepare<[string], { entry_answer: string; answer_seq: number; answer: string }>(
      'SELECT entry_answer, answer_seq, answer FROM calls WHERE call_sid = ?',
    ),
    insertEvents: db.prepare('INSERT INTO call_event_log (call_sid, events, at) VALUES (?, ?, ?)'),
    listEvents: db.prepare<[string], { events: string }>('SELECT events FROM call_event_log WHERE call_sid = ? ORDER BY id'),
    getStatus: db.prepare<[string], { status: string }>('SELECT status FROM call_status WHERE call_sid = ?'),
    putStatus: db.prepare('INSERT OR REPLACE INTO call_status (call_sid, status, updated_at) VALUES (?, ?, ?)'),
    putQueueLeave: db.prepare('INSERT OR REPLACE INTO queue_leaves (call_sid, seq, reason) VALUES (?, ?, ?)'),
    getQueueLeave: db.prepare<[string, number], { reason: string }>('SELECT reason FROM queue_leaves WHERE call_sid = ? AND seq = ?'),
    putFlowVersion: db.prepare('INSERT OR IGNORE INTO flow_versions (flow_id, version_id, flow_json, published_at) VALUES (?, ?, ?, ?)'),
    getFlowVersion: db.prepare<[string, string], { flow_json: string }>('SELECT flow_json FROM flow_versions WHERE flow_id = ? AND version_id = ?'),
  };

  /**
   * Write-behind: a webhook's step goes to memory at once (the next webhook of
   * the call reads it from there) and to the database in one transaction with
   * every other step of the same turn of the event loop, right after this
   * answer is sent. Waiting for a commit per webhook cost a third of the
   * runtime's throughput. A crash can lose the last fraction of a millisecond
   * of steps; their calls then reach a person through the fallback (unknown
   * call), never a dead line. One process owns the file (Redis is for replicas).
   */
  const hot = new Map<string, CallRecord>();
  /** answers by call, then by seq, so forgetting a call is one delete */
  const hotAnswers = new Map<string, Map<number, string>>();
  let pending: PendingWrite[] = [];
  const writePending = db.transaction((writes: PendingWrite[]) => {
    for (const { write } of writes) write();
  });
  /** A failed batch is written again call by call, so one call's bad write neither loses the others nor is blamed on them. */
  const writeEachCall = (writes: PendingWrite[]) => {
    const byCall = new Map<string, PendingWrite[]>();
    for (const pendingWrite of writes) byCall.set(pendingWrite.callSid, [...(byCall.get(pendingWrite.callSid) ?? []), pendingWrite]);
    for (const [callSid, callWrites] of byCall) {
      try {
        writePending(callWrites);
      } catch (error) {
        options.onWriteFailure?.(callSid, new StoreError(`writing call state: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
  };
  const flush = () => {
    if (pending.length === 0) return;
    const writes = pending;
    pending = [];
    try {
      writePending(writes);
    } catch {
      writeEachCall(writes);
    }
  };
  const enqueue = (callSid: string, write: () => void) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push({ callSid, write });
  };
  /** Keeps memory bounded: the oldest calls fall back to being read from the file. */
  const remember = (record: CallRecord) => {
    hot.delete(record.callSid);
    hot.set(record.callSid, record);
    if (hot.size > HOT_CALLS) forget(hot.keys().next().value as string);
  };
  const forget = (callSid: string) => {
    hot.delete(callSid);
    hotAnswers.delete(callSid);
    hotStatuses.delete(callSid);
  };
  const readCall = (callSid: string): CallRecord | undefined => {
    const cached = hot.get(callSid);
    if (cached !== undefined) return cached;
    flush();
    const row = statements.getCall.get(callSid);
    return row === undefined ? undefined : parseRecord(row.record, callSid);
  };

  const saveStep = (step: SavedStep): 'saved' | 'conflict' => {
    const { record, expectedSeq, answerSeq, twiml } = step;
    const current = readCall(record.callSid);
    if (expectedSeq === undefined ? current !== undefined : current?.state.seq !== expectedSeq) return 'conflict';
    remember(record);
    let answers = hotAnswers.get(record.callSid);
    if (answers === undefined) hotAnswers.set(record.callSid, (answers = new Map()));
    answers.set(answerSeq, twiml);
    enqueue(record.callSid, () => {
      const now = new Date().toISOString();
      const json = JSON.stringify(record);
      if (expectedSeq === undefined) statements.insertCall.run(record.callSid, record.flowId, record.state.seq, json, now, twiml, answerSeq, twiml);
      else statements.updateCall.run(record.state.seq, json, now, answerSeq, twiml, record.callSid, expectedSeq);
      if (step.events?.list.length) statements.insertEvents.run(record.callSid, JSON.stringify(step.events.list), step.events.at.toISOString());
    });
    return 'saved';
  };

  // Statuses go the same write-behind way as steps; the latest is read from memory while the write is queued.
  const hotStatuses = new Map<string, CallStatus>();
  const readStatus = (callSid: string): CallStatus | undefined => {
    const cached = hotStatuses.get(callSid);
    if (cached !== undefined) return cached;
    flush();
    return statements.getStatus.get(callSid)?.status as CallStatus | undefined;
  };
  const setStatus = (callSid: string, status: CallStatus, at: Date) => {
    const current = readStatus(callSid);
    if (current !== undefined && (FINAL_STATUSES.has(current) || STATUS_RANK[status] < STATUS_RANK[current])) {
      return { applied: false, status: current };
    }
    hotStatuses.set(callSid, status);
    if (hotStatuses.size > HOT_CALLS) hotStatuses.delete(hotStatuses.keys().next().value as string);
    enqueue(callSid, () => statements.putStatus.run(callSid, status, at.toISOString()));
    return { applied: true, status };
  };

  /** Runs a statement, turning a driver failure into a StoreError. */
  const guard = <T>(what: string, run: () => T): Promise<T> => {
    try {
      return Promise.resolve(run());
    } catch (error) {
      if (error instanceof StoreError) return Promise.reject(error);
      return Promise.reject(new StoreError(`${what}: ${error instanceof Error ? error.message : String(error)}`));
    }
  };

  return {
    file,
    getCall: (callSid) => guard('get call', () => readCall(callSid)),
    saveStep: (step) => guard('save step', () => saveStep(step)),
    getAnswer: (callSid, seq) =>
      guard('get answer', () => {
        const cached = hotAnswers.get(callSid)?.get(seq);
        if (cached !== undefined) return cached;
        flush();
        const row = statements.getAnswers.get(callSid);
        if (row === undefined) return undefined;
        if (seq === ENTRY_SEQ) return row.entry_answer;
        return seq === row.answer_seq ? row.answer : undefined;
      }),
    // Queued behind the steps, so a call's events stay in the order they happened.
    recordEvent: (callSid, event, at) =>
      guard('record event', () => enqueue(callSid, () => statements.insertEvents.run(callSid, JSON.stringify([event]), at.toISOString()))),
    setStatus: (callSid, status, at) =>
      guard('set status', () => {
        const result = setStatus(callSid, status, at);
        // A finished call gets no more webhooks: its state need not stay in memory.
        if (result.applied && FINAL_STATUSES.has(status)) forget(callSid);
        return result;
      }),
    getStatus: (callSid) => guard('get status', () => readStatus(callSid)),
    setQueueLeave: (callSid, seq, reason) =>
      guard('set queue leave', () => {
        statements.putQueueLeave.run(callSid, seq, reason);
      }),
    getQueueLeave: (callSid, seq) =>
      guard('get queue leave', () => statements.getQueueLeave.get(callSid, seq)?.reason as QueueLeaveReason | undefined),
    saveFlowVersion: (version: FlowVersionRecord, at) =>
      guard('save flow version', () => {
        statements.putFlowVersion.run(version.flowId, version.versionId, version.flowJson, at.toISOString());
      }),
    getFlowVersion: (flowId, versionId) =>
      guard('get flow version', () => {
        const row = statements.getFlowVersion.get(flowId, versionId);
        return row === undefined ? undefined : { flowId, versionId, flowJson: row.flow_json };
      }),
    events: (callSid) => {
      flush();
      return statements.listEvents.all(callSid).flatMap((row) => JSON.parse(row.events) as CallEventRecord[]);
    },
    close: async () => {
      flush();
      await checkpointer.stop();
      return guard('close', () => {
        // Closing the last connection checkpoints what is left of the log.
        if (db.open) db.close();
      });
    },
  };
}
