import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startCheckpointer } from './checkpointer.ts';
import {
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

/** A store call that failed (disk, corrupt row): the webhook routes the caller to a person. */
export class StoreError extends Error {
  override name = 'StoreError';
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS calls (
  call_sid TEXT PRIMARY KEY,
  flow_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  record TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
  call_sid TEXT NOT NULL,
  seq INTEGER NOT NULL,
  twiml TEXT NOT NULL,
  PRIMARY KEY (call_sid, seq)
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

/** The embedded store: one SQLite file under the data folder (WAL, prepared statements). */
export function createSqliteStore(dataDir: string): CallStore & { file: string; events(callSid: string): CallEventRecord[] } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, STORE_FILE_NAME);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  // Checkpoints run in a worker (checkpointer.ts), not inside a webhook's commit.
  db.pragma('wal_autocheckpoint = 0');
  db.exec(SCHEMA);
  const checkpointer = startCheckpointer(file);

  const statements = {
    getCall: db.prepare<[string], { record: string }>('SELECT record FROM calls WHERE call_sid = ?'),
    insertCall: db.prepare('INSERT OR IGNORE INTO calls (call_sid, flow_id, seq, record, updated_at) VALUES (?, ?, ?, ?, ?)'),
    updateCall: db.prepare('UPDATE calls SET seq = ?, record = ?, updated_at = ? WHERE call_sid = ? AND seq = ?'),
    putAnswer: db.prepare('INSERT OR REPLACE INTO answers (call_sid, seq, twiml) VALUES (?, ?, ?)'),
    getAnswer: db.prepare<[string, number], { twiml: string }>('SELECT twiml FROM answers WHERE call_sid = ? AND seq = ?'),
    insertEvents: db.prepare('INSERT INTO call_event_log (call_sid, events, at) VALUES (?, ?, ?)'),
    listEvents: db.prepare<[string], { events: string }>('SELECT events FROM call_event_log WHERE call_sid = ? ORDER BY id'),
    getStatus: db.prepare<[string], { status: string }>('SELECT status FROM call_status WHERE call_sid = ?'),
    putStatus: db.prepare('INSERT OR REPLACE INTO call_status (call_sid, status, updated_at) VALUES (?, ?, ?)'),
    putQueueLeave: db.prepare('INSERT OR REPLACE INTO queue_leaves (call_sid, seq, reason) VALUES (?, ?, ?)'),
    getQueueLeave: db.prepare<[string, number], { reason: string }>('SELECT reason FROM queue_leaves WHERE call_sid = ? AND seq = ?'),
    putFlowVersion: db.prepare('INSERT OR IGNORE INTO flow_versions (flow_id, version_id, flow_json, published_at) VALUES (?, ?, ?, ?)'),
    getFlowVersion: db.prepare<[string, string], { flow_json: string }>('SELECT flow_json FROM flow_versions WHERE flow_id = ? AND version_id = ?'),
  };

  const saveStep = db.transaction((step: SavedStep): 'saved' | 'conflict' => {
    const { record, expectedSeq, answerSeq, twiml } = step;
    const now = new Date().toISOString();
    const json = JSON.stringify(record);
    const changes =
      expectedSeq === undefined
        ? statements.insertCall.run(record.callSid, record.flowId, record.state.seq, json, now).changes
        : statements.updateCall.run(record.state.seq, json, now, record.callSid, expectedSeq).changes;
    if (changes === 0) return 'conflict';
    statements.putAnswer.run(record.callSid, answerSeq, twiml);
    if (step.events?.list.length) statements.insertEvents.run(record.callSid, JSON.stringify(step.events.list), step.events.at.toISOString());
    return 'saved';
  });

  const setStatus = db.transaction((callSid: string, status: CallStatus, at: Date) => {
    const current = statements.getStatus.get(callSid)?.status as CallStatus | undefined;
    if (current !== undefined && (FINAL_STATUSES.has(current) || STATUS_RANK[status] < STATUS_RANK[current])) {
      return { applied: false, status: current };
    }
    statements.putStatus.run(callSid, status, at.toISOString());
    return { applied: true, status };
  });

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
    getCall: (callSid) =>
      guard('get call', () => {
        const row = statements.getCall.get(callSid);
        return row === undefined ? undefined : parseRecord(row.record, callSid);
      }),
    saveStep: (step) => guard('save step', () => saveStep(step)),
    getAnswer: (callSid, seq) => guard('get answer', () => statements.getAnswer.get(callSid, seq)?.twiml),
    recordEvent: (callSid, event, at) =>
      guard('record event', () => {
        statements.insertEvents.run(callSid, JSON.stringify([event]), at.toISOString());
      }),
    setStatus: (callSid, status, at) => guard('set status', () => setStatus(callSid, status, at)),
    getStatus: (callSid) => guard('get status', () => statements.getStatus.get(callSid)?.status as CallStatus | undefined),
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
    events: (callSid) => statements.listEvents.all(callSid).flatMap((row) => JSON.parse(row.events) as CallEventRecord[]),
    close: async () => {
      await checkpointer.stop();
      return guard('close', () => {
        // Closing the last connection checkpoints what is left of the log.
        if (db.open) db.close();
      });
    },
  };
}
