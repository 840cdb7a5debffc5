import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { StoreError, StoreOpenError } from '../errors.ts';
import { getHangupSummary } from './hangup-summary.ts';
import { parseCallRecord } from './parse-call-record.ts';
import { isHoldingIn } from './queue-head.ts';
import { startCheckpointer } from './checkpointer.ts';
import { CALLS_SCHEMA, addMissingSummaryColumns, createSqliteCalls, moveUnflowedEdges } from './sqlite-calls.ts';
import {
  ENTRY_SEQ,
  FINAL_STATUSES,
  PUBLISH_HISTORY_LENGTH,
  QUEUE_HEAD_SCAN,
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
-- The version each flow last served to new calls: what a restart serves when
-- the flow's file has become unreadable or invalid meanwhile.
CREATE TABLE IF NOT EXISTS latest_flow_versions (
  flow_id TEXT PRIMARY KEY,
  version_id TEXT NOT NULL
);
-- Every publish of a flow, for its history.
CREATE TABLE IF NOT EXISTS flow_publishes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  flow_id TEXT NOT NULL,
  version_id TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  note TEXT
);
CREATE INDEX IF NOT EXISTS flow_publishes_by_flow ON flow_publishes (flow_id, id);
-- The calls holding in each queue, one row per call, in the order they entered
-- it (rowid): the head of a queue is the caller Twilio hands its next agent.
CREATE TABLE IF NOT EXISTS queue_waits (
  call_sid TEXT PRIMARY KEY,
  queue TEXT NOT NULL,
  seq INTEGER NOT NULL,
  entered_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS queue_waits_by_queue ON queue_waits (queue);
`;

export const STORE_FILE_NAME = 'humanline.sqlite';
/**
 * Twilio ends a call after 4 hours by default: an older queue entry is a caller whose end was never heard
 * (no status callback configured), not someone an agent can take. Redis forgets such calls after as long.
 */
const QUEUE_ENTRY_MAX_AGE_MS = 6 * 60 * 60 * 1000;
/** Calls kept in memory between webhooks; more are read back from the file. */
const HOT_CALLS = 20_000;
/**
 * How long a write waits for another process's lock, blocking the event loop:
 * a few milliseconds, never a webhook's deadline. Writes that find the file
 * locked stay queued in memory and are retried on a timer instead.
 */
const WRITE_LOCK_WAIT_MS = 5;
/** Retries of locked writes: from this, doubling, up to the longest. */
const RETRY_FIRST_MS = 20;
const RETRY_LONGEST_MS = 1000;
/** At start and at close nothing is answering calls: waiting for a lock is fine then. */
const OPEN_AND_CLOSE_LOCK_WAIT_MS = 5000;

function getErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function getErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Another connection holds the lock: worth retrying, unlike a full disk or a read-only file. */
function isLockError(error: unknown): boolean {
  const code = getErrorCode(error);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Why the store cannot be opened, and what to do, in one line. */
function toStoreOpenError(error: unknown, dataDir: string, file: string): StoreOpenError {
  const code = getErrorCode(error);
  const detail = getErrorMessage(error);
  const elsewhere = `or set HUMANLINE_DATA_DIR (now ${dataDir}) to another folder`;
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    return new StoreOpenError(`HUMANLINE_DATA_DIR ${dataDir} is not a folder (a file is in the way): move the file or set HUMANLINE_DATA_DIR to a folder`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new StoreOpenError(`cannot create the store folder HUMANLINE_DATA_DIR ${dataDir}: ${detail}; give humanline write access there ${elsewhere}`);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new StoreOpenError(`the store ${file} is read-only (${detail}): give humanline write access to it and its folder, ${elsewhere}`);
  }
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreOpenError(
      `the store ${file} is not a database humanline can read (${detail}): restore it from a backup, or move it away to start with an empty store (calls in progress and stored flow versions are then lost), ${elsewhere}`,
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new StoreOpenError(`cannot open the store ${file} (${detail}): it must be a file humanline may read and write in a folder it may write, ${elsewhere}`);
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_FULL')) {
    return new StoreOpenError(`cannot use the store ${file} (${detail}): check the disk under HUMANLINE_DATA_DIR (space, mount, health), ${elsewhere}`);
  }
  if (isLockError(error)) {
    return new StoreOpenError(`the store ${file} stayed locked by another process for ${OPEN_AND_CLOSE_LOCK_WAIT_MS / 1000} s (${detail}): stop the other humanline using it, ${elsewhere}`);
  }
  return new StoreOpenError(`cannot use the store ${file} (${detail}); HUMANLINE_DATA_DIR is ${dataDir}`);
}

/** How many pages of log SQLite's own checkpoints let pile up (its default), when it checkpoints at all. */
const SQLITE_CHECKPOINT_PAGES = 1000;

/**
 * Opens the store's file ready for writing, or throws StoreOpenError. SQLite
 * opens a file it may not write read-only without a word, and reads, the
 * schema and even BEGIN IMMEDIATE then succeed: only a real write tells.
 */
function openDatabase(dataDir: string, file: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(file);
    db.pragma(`busy_timeout = ${OPEN_AND_CLOSE_LOCK_WAIT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // SQLite's own checkpoints until the checkpointer's worker is ready: see createSqliteStore.
    db.pragma(`wal_autocheckpoint = ${SQLITE_CHECKPOINT_PAGES}`);
    db.exec(SCHEMA);
    db.exec(CALLS_SCHEMA);
    addMissingSummaryColumns(db);
    moveUnflowedEdges(db);
    // a write that changes nothing: refused at once by a file this process may not write
    db.pragma(`user_version = ${Number(db.pragma('user_version', { simple: true }))}`);
    db.pragma(`busy_timeout = ${WRITE_LOCK_WAIT_MS}`);
    return db;
  } catch (error) {
    if (db?.open) db.close();
    throw toStoreOpenError(error, dataDir, file);
  }
}

/** Whose a write-behind write is: a call's, or a flow version's (a publish). */
export type WriteOwner = { callSid: string } | { flowId: string };

/** A write-behind write and whose it is. */
interface PendingWrite {
  owner: WriteOwner;
  write: () => void;
}

export interface SqliteStoreOptions {
  /** where a lock held by another process, and its end, are reported */
  logger?: Logger;
  /** a write-behind write that failed, reported once for the call (or flow) it belongs to: its webhook has been answered by then */
  onWriteFailure?: (owner: WriteOwner, error: StoreError) => void;
  /** how often the log is checkpointed, and how large it may grow (tests use small ones) */
  checkpoint?: { everyMs?: number; maxWalPages?: number };
}

/**
 * The embedded store: one SQLite file under the data folder (WAL, prepared
 * statements). Throws StoreOpenError when the file cannot be read and written.
 */
export function createSqliteStore(
  dataDir: string,
  options: SqliteStoreOptions = {},
): CallStore & { file: string; events(callSid: string): CallEventRecord[] } {
  const file = path.join(dataDir, STORE_FILE_NAME);
  const db = openDatabase(dataDir, file);
  // Checkpoints run in a worker (checkpointer.ts), not inside a webhook's commit, once it is up:
  // it takes a fifth of a second to start, in which a busy line writes megabytes. Without the
  // worker the log would grow for ever: SQLite's own checkpoints come back instead. While the
  // checkpointer empties the log, writes wait in memory as they do for a lock.
  let checkpointing = false;
  const checkpointer = startCheckpointer(
    file,
    {
      ready: () => {
        if (db.open) db.pragma('wal_autocheckpoint = 0');
      },
      pause: () => (checkpointing = true),
      resume: () => {
        checkpointing = false;
        flush();
      },
      failed: () => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_CHECKPOINT_PAGES}`);
      },
    },
    options.checkpoint,
  );

  const calls = createSqliteCalls(db);
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
    putLatestFlowVersion: db.prepare('INSERT OR REPLACE INTO latest_flow_versions (flow_id, version_id) VALUES (?, ?)'),
    getFlowVersion: db.prepare<[string, string], { flow_json: string }>('SELECT flow_json FROM flow_versions WHERE flow_id = ? AND version_id = ?'),
    getLatestFlowVersion: db.prepare<[string], { version_id: string; flow_json: string }>(
      'SELECT v.version_id, v.flow_json FROM latest_flow_versions l JOIN flow_versions v ON v.flow_id = l.flow_id AND v.version_id = l.version_id WHERE l.flow_id = ?',
    ),
    // a new rowid on every entry (REPLACE deletes the row first), so a caller who queues again goes to the back
    putQueueWait: db.prepare('INSERT OR REPLACE INTO queue_waits (call_sid, queue, seq, entered_ms) VALUES (?, ?, ?, ?)'),
    deleteQueueWait: db.prepare('DELETE FROM queue_waits WHERE call_sid = ?'),
    listQueueWaits: db.prepare<[string, number], { call_sid: string; seq: number; entered_ms: number }>(
      'SELECT call_sid, seq, entered_ms FROM queue_waits WHERE queue = ? ORDER BY rowid LIMIT ?',
    ),
    insertPublish: db.prepare('INSERT INTO flow_publishes (flow_id, version_id, published_at, published_by, note) VALUES (?, ?, ?, ?, ?)'),
    trimPublishes: db.prepare(
      'DELETE FROM flow_publishes WHERE flow_id = ? AND id NOT IN (SELECT id FROM flow_publishes WHERE flow_id = ? ORDER BY id DESC LIMIT ?)',
    ),
    listPublishes: db.prepare<[string, number], { version_id: string; published_at: string; published_by: string; note: string | null }>(
      'SELECT version_id, published_at, published_by, note FROM flow_publishes WHERE flow_id = ? ORDER BY id DESC LIMIT ?',
    ),
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
  /** the calls with a write in `pending`: a read of any other call has nothing to wait for, so it commits nothing early */
  const queuedCalls = new Set<string>();
  const writeInTransaction = db.transaction((writes: PendingWrite[]) => {
    for (const { write } of writes) write();
    calls.writeCounts();
  });
  /** Commits the writes (BEGIN IMMEDIATE when `immediate`); a rolled-back transaction leaves nothing of it in memory either. */
  const writePending = (writes: PendingWrite[], immediate = false) => {
    try {
      if (immediate) writeInTransaction.immediate(writes);
      else writeInTransaction(writes);
    } catch (error) {
      calls.forgetUnsaved();
      throw error;
    }
  };
  /** A failed batch is written again owner by owner, so one call's bad write neither loses the others nor is blamed on them. */
  const writeEachOwner = (writes: PendingWrite[]) => {
    const byOwner = new Map<string, PendingWrite[]>();
    for (const pendingWrite of writes) {
      const key = JSON.stringify(pendingWrite.owner);
      byOwner.set(key, [...(byOwner.get(key) ?? []), pendingWrite]);
    }
    for (const ownWrites of byOwner.values()) {
      try {
        writePending(ownWrites);
      } catch (error) {
        options.onWriteFailure?.(ownWrites[0]!.owner, new StoreError(`writing to ${file}: ${getErrorMessage(error)}`));
      }
    }
  };
  /** set while queued writes wait for another process's lock; the retry timer then owns them */
  let locked: { since: number; retryMs: number } | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  /** Commits every queued write in one transaction; a lock held elsewhere keeps them queued for a retry, or (at close) fails them. */
  const writeQueued = (onLock: 'retry' | 'fail') => {
    if (pending.length === 0) return;
    const writes = pending;
    pending = [];
    queuedCalls.clear();
    try {
      // IMMEDIATE takes the write lock first, so a lock held elsewhere fails here, before any statement ran
      writePending(writes, true);
    } catch (error) {
      if (isLockError(error) && onLock === 'retry') {
        // acknowledged steps are not dropped: they wait, in order, for the lock to go
        pending = writes.concat(pending);
        for (const { owner } of pending) if ('callSid' in owner) queuedCalls.add(owner.callSid);
        scheduleRetry();
        return;
      }
      locked = undefined;
      writeEachOwner(writes);
      return;
    }
    if (locked !== undefined) {
      options.logger?.info({ file, lockedMs: Date.now() - locked.since }, `store ${file}: the lock is free again; the queued writes are saved`);
      locked = undefined;
    }
  };
  const scheduleRetry = () => {
    if (locked === undefined) {
      options.logger?.warn(
        { file },
        `store ${file} is locked by another process: calls are answered from memory and their writes retried until it is free (does another process use this HUMANLINE_DATA_DIR?)`,
      );
      locked = { since: Date.now(), retryMs: RETRY_FIRST_MS };
    } else {
      locked.retryMs = Math.min(locked.retryMs * 2, RETRY_LONGEST_MS);
    }
    // a retry alone does not keep the process alive; close() writes what is left
    retryTimer = setTimeout(() => writeQueued('retry'), locked.retryMs).unref();
  };
  /** Writes what is queued, unless the writes wait for a lock: each try blocks the event loop for WRITE_LOCK_WAIT_MS. */
  const flush = () => {
    if (locked === undefined && !checkpointing) writeQueued('retry');
  };
  /** Before a read of one call's rows: writes what is queued only if some of it is that call's. */
  const flushCall = (callSid: string) => {
    if (queuedCalls.has(callSid)) flush();
  };
  const enqueue = (owner: WriteOwner, write: () => void) => {
    if (pending.length === 0 && locked === undefined) setImmediate(flush);
    pending.push({ owner, write });
    if ('callSid' in owner) queuedCalls.add(owner.callSid);
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
    hotQueueLeaves.delete(callSid);
  };
  const readCall = (callSid: string): CallRecord | undefined => {
    const cached = hot.get(callSid);
    if (cached !== undefined) return cached;
    flushCall(callSid);
    const row = statements.getCall.get(callSid);
    return row === undefined ? undefined : parseCallRecord(row.record, callSid);
  };

  const saveStep = (step: SavedStep): 'saved' | 'conflict' => {
    const { record, expectedSeq, answerSeq, twiml } = step;
    const current = readCall(record.callSid);
    if (expectedSeq === undefined ? current !== undefined : current?.state.seq !== expectedSeq) return 'conflict';
    const leavesQueue = current?.wait.kind === 'queue';
    remember(record);
    let answers = hotAnswers.get(record.callSid);
    if (answers === undefined) hotAnswers.set(record.callSid, (answers = new Map()));
    answers.set(answerSeq, twiml);
    enqueue({ callSid: record.callSid }, () => {
      const now = new Date().toISOString();
      const json = JSON.stringify(record);
      if (expectedSeq === undefined) statements.insertCall.run(record.callSid, record.flowId, record.state.seq, json, now, twiml, answerSeq, twiml);
      else statements.updateCall.run(record.state.seq, json, now, answerSeq, twiml, record.callSid, expectedSeq);
      if (step.events?.list.length) statements.insertEvents.run(record.callSid, JSON.stringify(step.events.list), step.events.at.toISOString());
      if (step.summary !== undefined) calls.writeSummary(record.callSid, step.summary);
      if (record.wait.kind === 'queue') statements.putQueueWait.run(record.callSid, record.wait.queue, record.state.seq, Date.now());
      else if (leavesQueue) statements.deleteQueueWait.run(record.callSid);
    });
    return 'saved';
  };

  // Statuses go the same write-behind way as steps; the latest is read from memory while the write is queued.
  const hotStatuses = new Map<string, CallStatus>();
  const readStatus = (callSid: string): CallStatus | undefined => {
    const cached = hotStatuses.get(callSid);
    if (cached !== undefined) return cached;
    flushCall(callSid);
    return statements.getStatus.get(callSid)?.status as CallStatus | undefined;
  };
  const setStatus = (callSid: string, status: CallStatus, at: Date, event: CallEventRecord | undefined) => {
    const current = readStatus(callSid);
    if (current !== undefined && (FINAL_STATUSES.has(current) || STATUS_RANK[status] < STATUS_RANK[current])) {
      return { applied: false, status: current };
    }
    hotStatuses.set(callSid, status);
    if (hotStatuses.size > HOT_CALLS) hotStatuses.delete(hotStatuses.keys().next().value as string);
    const record = FINAL_STATUSES.has(status) ? readCall(callSid) : undefined;
    const hangup = FINAL_STATUSES.has(status) ? getHangupSummary(record, at) : undefined;
    enqueue({ callSid }, () => {
      statements.putStatus.run(callSid, status, at.toISOString());
      if (record?.wait.kind === 'queue') statements.deleteQueueWait.run(callSid);
      if (event !== undefined) statements.insertEvents.run(callSid, JSON.stringify([event]), at.toISOString());
      if (hangup !== undefined) calls.writeSummary(callSid, hangup);
    });
    return { applied: true, status };
  };

  // Queue leaves too: the wait URL writes one, the Enqueue action reads it back from memory.
  const hotQueueLeaves = new Map<string, Map<number, QueueLeaveReason>>();
  const setQueueLeave = (callSid: string, seq: number, reason: QueueLeaveReason) => {
    let leaves = hotQueueLeaves.get(callSid);
    if (leaves === undefined) hotQueueLeaves.set(callSid, (leaves = new Map()));
    leaves.set(seq, reason);
    if (hotQueueLeaves.size > HOT_CALLS) hotQueueLeaves.delete(hotQueueLeaves.keys().next().value as string);
    enqueue({ callSid }, () => statements.putQueueLeave.run(callSid, seq, reason));
  };
  const readQueueLeave = (callSid: string, seq: number): QueueLeaveReason | undefined => {
    const cached = hotQueueLeaves.get(callSid)?.get(seq);
    if (cached !== undefined) return cached;
    flushCall(callSid);
    return statements.getQueueLeave.get(callSid, seq)?.reason as QueueLeaveReason | undefined;
  };

  /** Reads the queue's oldest entries in order; the first that still stands is the head, the stale ones before it go. */
  const readQueueHead = (queue: string): CallRecord | undefined => {
    flush();
    const oldest = Date.now() - QUEUE_ENTRY_MAX_AGE_MS;
    for (const row of statements.listQueueWaits.all(queue, QUEUE_HEAD_SCAN)) {
      const record = readCall(row.call_sid);
      if (row.entered_ms >= oldest && isHoldingIn(record, readStatus(row.call_sid), queue, row.seq)) return record;
      enqueue({ callSid: row.call_sid }, () => statements.deleteQueueWait.run(row.call_sid));
    }
    return undefined;
  };

  /** Runs a statement, turning a driver failure into a StoreError. */
  const guard = <T>(what: string, run: () => T): Promise<T> => {
    try {
      return Promise.resolve(run());
    } catch (error) {
      if (error instanceof StoreError) return Promise.reject(error);
      return Promise.reject(new StoreError(`${what} (${file}): ${getErrorMessage(error)}`));
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
        flushCall(callSid);
        const row = statements.getAnswers.get(callSid);
        if (row === undefined) return undefined;
        if (seq === ENTRY_SEQ) return row.entry_answer;
        return seq === row.answer_seq ? row.answer : undefined;
      }),
    // Queued behind the steps, so a call's events stay in the order they happened.
    recordEvent: (callSid, event, at) =>
      guard('record event', () => enqueue({ callSid }, () => statements.insertEvents.run(callSid, JSON.stringify([event]), at.toISOString()))),
    setStatus: (callSid, status, at, event) =>
      guard('set status', () => {
        const result = setStatus(callSid, status, at, event);
        // A finished call gets no more webhooks: its state need not stay in memory.
        if (result.applied && FINAL_STATUSES.has(status)) forget(callSid);
        return result;
      }),
    getStatus: (callSid) => guard('get status', () => readStatus(callSid)),
    setQueueLeave: (callSid, seq, reason) => guard('set queue leave', () => setQueueLeave(callSid, seq, reason)),
    getQueueLeave: (callSid, seq) => guard('get queue leave', () => readQueueLeave(callSid, seq)),
    getQueueHead: (queue) => guard('get queue head', () => readQueueHead(queue)),
    removeFromQueue: (callSid) => guard('remove from queue', () => enqueue({ callSid }, () => statements.deleteQueueWait.run(callSid))),
    // Queued like steps, so a publish never waits for another process's lock either.
    saveFlowVersion: (version: FlowVersionRecord, at) =>
      guard('save flow version', () =>
        enqueue({ flowId: version.flowId }, () => {
          statements.putFlowVersion.run(version.flowId, version.versionId, version.flowJson, at.toISOString());
          statements.putLatestFlowVersion.run(version.flowId, version.versionId);
        }),
      ),
    getFlowVersion: (flowId, versionId) =>
      guard('get flow version', () => {
        flush();
        const row = statements.getFlowVersion.get(flowId, versionId);
        return row === undefined ? undefined : { flowId, versionId, flowJson: row.flow_json };
      }),
    getLatestFlowVersion: (flowId) =>
      guard('get latest flow version', () => {
        flush();
        const row = statements.getLatestFlowVersion.get(flowId);
        return row === undefined ? undefined : { flowId, versionId: row.version_id, flowJson: row.flow_json };
      }),
    savePublish: (publish) =>
      guard('save publish', () =>
        enqueue({ flowId: publish.flowId }, () => {
          statements.insertPublish.run(publish.flowId, publish.versionId, publish.publishedAt, publish.by, publish.note ?? null);
          statements.trimPublishes.run(publish.flowId, publish.flowId, PUBLISH_HISTORY_LENGTH);
        }),
      ),
    listPublishes: (flowId) =>
      guard('list publishes', () => {
        flush();
        return statements.listPublishes.all(flowId, PUBLISH_HISTORY_LENGTH).map((row) => ({
          flowId,
          versionId: row.version_id,
          publishedAt: row.published_at,
          by: row.published_by,
          ...(row.note === null ? {} : { note: row.note }),
        }));
      }),
    updateCallSummary: (callSid, update) => guard('update call summary', () => enqueue({ callSid }, () => calls.writeSummary(callSid, update))),
    listCalls: (filter, page) =>
      guard('list calls', () => {
        flush();
        return calls.listCalls(filter, page);
      }),
    getCallDetail: (callSid) =>
      guard('get call detail', () => {
        flush();
        return calls.getCallDetail(callSid);
      }),
    getFlowAnalytics: (filter, targetSeconds) =>
      guard('get flow analytics', () => {
        flush();
        return calls.getFlowAnalytics(filter, targetSeconds);
      }),
    getMeasuredEvidence: (flowId, from, to) =>
      guard('get measured evidence', () => {
        flush();
        return calls.getMeasuredEvidence(flowId, from, to);
      }),
    purgeCalls: (before, limit) =>
      guard('purge calls', () => {
        flush();
        const purged = calls.purgeCalls(before, limit);
        for (const callSid of purged) forget(callSid);
        return purged.length;
      }),
    events: (callSid) => {
      flush();
      return statements.listEvents.all(callSid).flatMap((row) => JSON.parse(row.events) as CallEventRecord[]);
    },
    close: async () => {
      clearTimeout(retryTimer);
      // nothing is answered any more: the last writes may wait for a lock a while
      if (db.open) db.pragma(`busy_timeout = ${OPEN_AND_CLOSE_LOCK_WAIT_MS}`);
      writeQueued('fail');
      await checkpointer.stop();
      return guard('close', () => {
        // Closing the last connection checkpoints what is left of the log.
        if (db.open) db.close();
      });
    },
  };
}
