import type Database from 'better-sqlite3';
import type { CallListEntry, CallTimelineEvent, FlowAnalytics } from '../../core/designer-api/types.ts';
import { FIGURE_KEYS, HOUR_MS, getCallFlows, getCallTotalCounts, toCallListEntry, toFlowAnalytics, toHourRange, toWholeSeconds, type CallSummaryFields } from './call-figures.ts';
import type { MeasuredEvidence } from '../../core/profiles/measures.ts';
import { ATTENDED_WITHIN_MS, toMeasuredEvidence } from './measured-evidence.ts';
import type { CallCursor, CallEventRecord, CallFilter, CallSummaryUpdate, LinkedFlow, StoredCallDetail, StoredCallPage } from './types.ts';

// The call list and analytics in SQLite: each webhook merges its summary into
// one row per call, adds a row per node mark (call-summary.ts decides them),
// and moves the figures' counters by what changed: the call's totals in each
// flow it entered, a node's in the flow the node is in, by hour of the start.
// Analytics then sum those counters in SQL, never folding events.

export const CALLS_SCHEMA = `
-- One row per call, merged at write time. The outcome is derived from the
-- columns, so a late or duplicate webhook that sets nothing new changes nothing.
CREATE TABLE IF NOT EXISTS call_summaries (
  call_sid TEXT PRIMARY KEY,
  flow_id TEXT NOT NULL,
  version_id TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  last_ms INTEGER NOT NULL,
  caller TEXT NOT NULL,
  person_ms INTEGER,
  person_steps INTEGER,
  person_node TEXT,
  person_asked_ms INTEGER,
  person_answered_ms INTEGER,
  line_ended_wait INTEGER NOT NULL DEFAULT 0,
  follow_up INTEGER NOT NULL DEFAULT 0,
  fallback INTEGER NOT NULL DEFAULT 0,
  flow_end TEXT,
  flow_end_node TEXT,
  hangup_ms INTEGER,
  hangup_node TEXT,
  hangup_in_queue INTEGER NOT NULL DEFAULT 0,
  survey_score INTEGER,
  outcome TEXT GENERATED ALWAYS AS (CASE
    WHEN flow_end IS NULL AND hangup_ms IS NULL THEN 'inProgress'
    WHEN person_ms IS NOT NULL THEN 'person'
    WHEN follow_up = 1 THEN 'followUp'
    WHEN fallback = 1 THEN 'fallback'
    WHEN flow_end = 'choice' THEN 'callerChoice'
    ELSE 'hungUp' END) VIRTUAL
);
CREATE INDEX IF NOT EXISTS call_summaries_by_flow ON call_summaries (flow_id, started_ms, call_sid);
CREATE INDEX IF NOT EXISTS call_summaries_by_outcome ON call_summaries (flow_id, outcome, started_ms, call_sid);
CREATE INDEX IF NOT EXISTS call_summaries_by_start ON call_summaries (started_ms);
-- What callers did at each node, a row per mark; flow, version and start copied
-- from the call so the per-node figures read this table's index alone.
CREATE TABLE IF NOT EXISTS call_nodes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  call_sid TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  version_id TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  node_id TEXT NOT NULL,
  mark TEXT NOT NULL,
  from_node TEXT,
  at_ms INTEGER NOT NULL,
  steps INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS call_nodes_by_call ON call_nodes (call_sid, id);
-- The edges each call took, once each: a second pass adds nothing to the counts.
-- Kept by flow since a goto moves calls between flows (an older file's call_edges
-- is moved in at opening: moveUnflowedEdges).
CREATE TABLE IF NOT EXISTS call_flow_edges (
  call_sid TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  from_node TEXT NOT NULL,
  to_node TEXT NOT NULL,
  PRIMARY KEY (call_sid, flow_id, from_node, to_node)
) WITHOUT ROWID;
-- The flows a goto moved each call to, besides the one it started in, with the
-- call's start copied: a flow's calls are those started in it and those linked to it.
CREATE TABLE IF NOT EXISTS call_links (
  call_sid TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  version_id TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  PRIMARY KEY (call_sid, flow_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS call_links_by_flow ON call_links (flow_id, started_ms);
-- Every figure's counters (call-figures.ts FIGURE_KEYS) per flow, hour of the
-- calls' start and version, kept as webhooks come: a month's analytics sum a
-- few thousand rows instead of every event.
CREATE TABLE IF NOT EXISTS flow_hour_counts (
  flow_id TEXT NOT NULL,
  hour INTEGER NOT NULL,
  version_id TEXT NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (flow_id, hour, version_id, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS flow_hour_counts_by_hour ON flow_hour_counts (hour);
`;

/** Columns the measures read, added to call_summaries since it was first shipped: a file written before gets them, empty (its calls count in no measure). */
const MEASURE_COLUMNS = [
  ['person_asked_ms', 'INTEGER'],
  ['person_answered_ms', 'INTEGER'],
  ['line_ended_wait', 'INTEGER NOT NULL DEFAULT 0'],
] as const;
/** The flows of the person's node and of the end node, added since: empty in a call kept before, whose nodes are all its entry flow's. */
const ADDED_SUMMARY_COLUMNS = [...MEASURE_COLUMNS, ['person_flow_id', 'TEXT'], ['end_flow_id', 'TEXT']] as const;

/** Adds the columns an older file lacks; after CALLS_SCHEMA, in the store's opening. */
export function addMissingSummaryColumns(db: Database.Database): void {
  const present = new Set((db.prepare('PRAGMA table_info(call_summaries)').all() as Array<{ name: string }>).map((column) => column.name));
  for (const [name, type] of ADDED_SUMMARY_COLUMNS) if (!present.has(name)) db.exec(`ALTER TABLE call_summaries ADD COLUMN ${name} ${type}`);
}

/**
 * Moves the edges an older file kept without their flow (call_edges) into call_flow_edges, as the
 * entry flow's: no call left its entry flow then. Left where they were, a call that was under way
 * at the upgrade and took one of its edges again had that edge counted a second time. After
 * CALLS_SCHEMA, in the store's opening; a file without the old table is not written to.
 */
export function moveUnflowedEdges(db: Database.Database): void {
  const hasOldTable = () => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'call_edges'").get() !== undefined;
  if (!hasOldTable()) return;
  db.transaction(() => {
    // asked again under the write lock: another process opening the same file may have moved them
    if (!hasOldTable()) return;
    // a call's summary is written in the same transaction as its edges, so every edge has one
    db.exec(`INSERT OR IGNORE INTO call_flow_edges (call_sid, flow_id, from_node, to_node)
      SELECT call_edges.call_sid, call_summaries.flow_id, call_edges.from_node, call_edges.to_node
      FROM call_edges JOIN call_summaries ON call_summaries.call_sid = call_edges.call_sid`);
    db.exec('DROP TABLE call_edges');
  }).immediate();
}

/**
 * The measured evidence's counts in one statement (measured-evidence.ts defines each): the range's rows are read
 * once by the flow index into `period`, the two nearest-rank p95s are each an ORDER BY ... LIMIT 1 OFFSET rank - 1.
 */
const toMeasuresSql = (period: string, linked: boolean) => `
WITH period AS (
  SELECT ${period} FROM call_summaries WHERE ${toInFlowSql('call_summaries')}
  ${linked ? `UNION ALL SELECT ${period} FROM call_summaries WHERE call_sid IN (SELECT call_sid FROM call_links WHERE ${toInFlowSql('call_links')})` : ''}
),
from_start AS (SELECT max(0, person_answered_ms - started_ms) AS ms FROM period WHERE person_answered_ms IS NOT NULL),
from_request AS (SELECT max(0, person_answered_ms - person_asked_ms) AS ms FROM period WHERE person_answered_ms IS NOT NULL AND person_asked_ms IS NOT NULL)
SELECT
  (SELECT count(*) FROM period) AS calls,
  (SELECT count(*) FROM period WHERE person_asked_ms IS NOT NULL) AS asked,
  (SELECT count(*) FROM period WHERE person_asked_ms IS NOT NULL AND person_answered_ms - started_ms <= @attendedMs) AS attended,
  (SELECT count(*) FROM period WHERE person_asked_ms IS NOT NULL AND line_ended_wait = 1) AS line_ended,
  (SELECT count(*) FROM from_start) AS from_start_calls,
  (SELECT ms FROM from_start ORDER BY ms LIMIT 1 OFFSET ((SELECT count(*) FROM from_start) * 95 + 99) / 100 - 1) AS from_start_p95_ms,
  (SELECT count(*) FROM from_request) AS from_request_calls,
  (SELECT ms FROM from_request ORDER BY ms LIMIT 1 OFFSET ((SELECT count(*) FROM from_request) * 95 + 99) / 100 - 1) AS from_request_p95_ms
`;

interface MeasuresRow {
  calls: number;
  asked: number;
  attended: number;
  line_ended: number;
  from_start_calls: number;
  from_start_p95_ms: number | null;
  from_request_calls: number;
  from_request_p95_ms: number | null;
}

/**
 * A flow's measured evidence for [from, to), from an open database: the store's, or one read-only
 * (readMeasuredEvidence), which may predate the added columns: their calls then count in `calls` only.
 */
export function queryMeasuredEvidence(db: Database.Database, flowId: string, from: Date, to: Date): MeasuredEvidence {
  const present = new Set((db.prepare('PRAGMA table_info(call_summaries)').all() as Array<{ name: string }>).map((column) => column.name));
  const period = ['started_ms', ...MEASURE_COLUMNS.map(([name]) => (present.has(name) ? name : `${name === 'line_ended_wait' ? '0' : 'NULL'} AS ${name}`))].join(', ');
  // a file from before links were kept has no call_links: its calls are all their entry flow's
  const linked = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'call_links'").get() !== undefined;
  const params = { flowId, fromMs: from.getTime(), toMs: to.getTime(), versionId: null, attendedMs: ATTENDED_WITHIN_MS };
  const row = db.prepare(toMeasuresSql(period, linked)).get(params) as MeasuresRow;
  const toSeconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  return toMeasuredEvidence(flowId, from, to, {
    calls: row.calls,
    asked: row.asked,
    attended: row.attended,
    lineEnded: row.line_ended,
    fromStart: { calls: row.from_start_calls, p95Seconds: toSeconds(row.from_start_p95_ms) },
    fromRequest: { calls: row.from_request_calls, p95Seconds: toSeconds(row.from_request_p95_ms) },
  });
}

interface SummaryRow {
  call_sid: string;
  flow_id: string;
  version_id: string;
  started_ms: number;
  last_ms: number;
  caller: string;
  person_ms: number | null;
  person_steps: number | null;
  person_node: string | null;
  person_asked_ms: number | null;
  person_answered_ms: number | null;
  line_ended_wait: number;
  follow_up: number;
  fallback: number;
  flow_end: 'choice' | 'noChoice' | null;
  flow_end_node: string | null;
  hangup_ms: number | null;
  hangup_node: string | null;
  hangup_in_queue: number;
  survey_score: number | null;
  person_flow_id: string | null;
  end_flow_id: string | null;
}

/** `linkedFlows`: the call's rows of call_links, read only where the figures need them (not for the call list). */
const toSummaryFields = (row: SummaryRow, linkedFlows: LinkedFlow[] = []): CallSummaryFields => ({
  callSid: row.call_sid,
  flowId: row.flow_id,
  versionId: row.version_id,
  startedMs: row.started_ms,
  lastMs: row.last_ms,
  caller: row.caller,
  personMs: row.person_ms,
  personSteps: row.person_steps,
  personNode: row.person_node,
  personAskedMs: row.person_asked_ms,
  personAnsweredMs: row.person_answered_ms,
  lineEndedWait: row.line_ended_wait === 1,
  followUp: row.follow_up === 1,
  fallback: row.fallback === 1,
  flowEnd: row.flow_end,
  flowEndNode: row.flow_end_node,
  hangupMs: row.hangup_ms,
  hangupNode: row.hangup_node,
  hangupInQueue: row.hangup_in_queue === 1,
  surveyScore: row.survey_score,
  linkedFlows,
  personFlowId: row.person_flow_id,
  endFlowId: row.end_flow_id,
});

const SUMMARY_COLUMNS =
  'call_sid, flow_id, version_id, started_ms, last_ms, caller, person_ms, person_steps, person_node, person_asked_ms, person_answered_ms, line_ended_wait, follow_up, fallback, flow_end, flow_end_node, hangup_ms, hangup_node, hangup_in_queue, survey_score, person_flow_id, end_flow_id';

/**
 * The calls of a flow in the range (and version, when given) are those started in it (call_summaries) and
 * those a goto moved to it (call_links, which keeps the call's start): two sets no call is in twice, each
 * read by its own flow index. One WHERE with an OR of the two read every call.
 */
function toInFlowSql(table: string): string {
  // call_links has the same columns: the flow linked to, the version it ran, and the call's start
  return `${table}.flow_id = @flowId AND ${table}.started_ms >= @fromMs AND ${table}.started_ms < @toMs AND (@versionId IS NULL OR ${table}.version_id = @versionId)`;
}

/** The call list's pages: each set's newest calls after the cursor by its own index, then the newest of both. */
function toCallPageSql(outcome: boolean, cursor: boolean): string {
  const outcomeSql = outcome ? ' AND s.outcome = @outcome' : '';
  const after = (table: string) => (cursor ? ` AND (${table}.started_ms < @cursorMs OR (${table}.started_ms = @cursorMs AND ${table}.call_sid < @cursorSid))` : '');
  const started = `SELECT s.call_sid FROM call_summaries s WHERE ${toInFlowSql('s')}${outcomeSql}${after('s')} ORDER BY s.started_ms DESC, s.call_sid DESC LIMIT @limit`;
  const linked = `SELECT l.call_sid FROM call_links l JOIN call_summaries s ON s.call_sid = l.call_sid WHERE ${toInFlowSql('l')}${outcomeSql}${after('l')} ORDER BY l.started_ms DESC, l.call_sid DESC LIMIT @limit`;
  return `SELECT ${SUMMARY_COLUMNS} FROM call_summaries WHERE call_sid IN (SELECT call_sid FROM (${started}) UNION ALL SELECT call_sid FROM (${linked})) ORDER BY started_ms DESC, call_sid DESC LIMIT @limit`;
}

/** How many calls the list has: the two sets counted apart. */
function toCallCountSql(outcome: boolean): string {
  const outcomeSql = outcome ? ' AND s.outcome = @outcome' : '';
  return `SELECT (SELECT count(*) FROM call_summaries s WHERE ${toInFlowSql('s')}${outcomeSql})
    + (SELECT count(*) FROM call_links l JOIN call_summaries s ON s.call_sid = l.call_sid WHERE ${toInFlowSql('l')}${outcomeSql}) AS total`;
}

const toEntry = (row: SummaryRow): CallListEntry => toCallListEntry(toSummaryFields(row));

const toRangeParams = (filter: Omit<CallFilter, 'outcome'>) => ({
  flowId: filter.flowId,
  fromMs: filter.from.getTime(),
  toMs: filter.to.getTime(),
  versionId: filter.versionId ?? null,
});

/** Summaries kept in memory between webhooks, as the store keeps its hot calls; more are read back from the file. */
const HOT_SUMMARIES = 20_000;

/** A call summary merged with one update, as the store keeps it: `start` and every ending keep their first value, flags only turn on; undefined for a call never started. */
function mergeSummary(callSid: string, before: CallSummaryFields | undefined, update: CallSummaryUpdate): CallSummaryFields | undefined {
  const atMs = update.at.getTime();
  const base: CallSummaryFields | undefined =
    before ??
    (update.start && {
      callSid,
      flowId: update.start.flowId,
      versionId: update.start.versionId,
      startedMs: atMs,
      lastMs: atMs,
      caller: update.start.caller,
      personMs: null,
      personSteps: null,
      personNode: null,
      personAskedMs: null,
      personAnsweredMs: null,
      lineEndedWait: false,
      followUp: false,
      fallback: false,
      flowEnd: null,
      flowEndNode: null,
      hangupMs: null,
      hangupNode: null,
      hangupInQueue: false,
      surveyScore: null,
      linkedFlows: [],
      personFlowId: null,
      endFlowId: null,
    });
  if (base === undefined) return undefined;
  const newLinks = (update.linked ?? []).filter(
    (link, index, all) => link.flowId !== base.flowId && !base.linkedFlows.some((kept) => kept.flowId === link.flowId) && all.findIndex((other) => other.flowId === link.flowId) === index,
  );
  return {
    ...base,
    lastMs: Math.max(base.lastMs, atMs),
    personMs: base.personMs ?? (update.person ? atMs : null),
    personSteps: base.personSteps ?? update.person?.steps ?? null,
    personNode: base.personNode ?? update.person?.nodeId ?? null,
    personAskedMs: base.personAskedMs ?? (update.personAsked ? atMs : null),
    personAnsweredMs: base.personMs === null ? (update.person?.answeredAt?.getTime() ?? null) : base.personAnsweredMs,
    lineEndedWait: base.lineEndedWait || update.lineEndedWait === true,
    followUp: base.followUp || update.followUp === true,
    fallback: base.fallback || update.fallback === true,
    flowEnd: base.flowEnd ?? update.flowEnd?.kind ?? null,
    flowEndNode: base.flowEnd === null ? (update.flowEnd?.nodeId ?? null) : base.flowEndNode,
    hangupMs: base.hangupMs ?? (update.hangup ? atMs : null),
    hangupNode: base.hangupMs === null ? (update.hangup?.nodeId ?? null) : base.hangupNode,
    hangupInQueue: base.hangupMs === null ? update.hangup?.inQueue === true : base.hangupInQueue,
    surveyScore: base.surveyScore ?? update.surveyScore ?? null,
    linkedFlows: newLinks.length === 0 ? base.linkedFlows : [...base.linkedFlows, ...newLinks.map(({ flowId, versionId }) => ({ flowId, versionId }))],
    personFlowId: base.personMs === null ? (update.person?.flowId ?? null) : base.personFlowId,
    // the node the call ended at is the flow's end, else the hang-up's (toCallListEntry): its flow follows it
    endFlowId: base.flowEnd !== null ? base.endFlowId : update.flowEnd ? (update.flowEnd.flowId ?? null) : base.hangupMs === null && update.hangup ? (update.hangup.flowId ?? null) : base.endFlowId,
  };
}

const toSummaryParams = (call: CallSummaryFields) => ({
  callSid: call.callSid,
  flowId: call.flowId,
  versionId: call.versionId,
  startedMs: call.startedMs,
  lastMs: call.lastMs,
  caller: call.caller,
  personMs: call.personMs,
  personSteps: call.personSteps,
  personNode: call.personNode,
  personAskedMs: call.personAskedMs,
  personAnsweredMs: call.personAnsweredMs,
  lineEndedWait: call.lineEndedWait ? 1 : 0,
  followUp: call.followUp ? 1 : 0,
  fallback: call.fallback ? 1 : 0,
  flowEnd: call.flowEnd,
  flowEndNode: call.flowEndNode,
  hangupMs: call.hangupMs,
  hangupNode: call.hangupNode,
  hangupInQueue: call.hangupInQueue ? 1 : 0,
  surveyScore: call.surveyScore,
  personFlowId: call.personFlowId,
  endFlowId: call.endFlowId,
});

/** The counters of one flow, hour and version that a write transaction moves, by key. */
interface CountMoves {
  flowId: string;
  hour: number;
  versionId: string;
  byKey: Map<string, number>;
}

export function createSqliteCalls(db: Database.Database) {
  const statements = {
    insertSummary: db.prepare(`INSERT INTO call_summaries (${SUMMARY_COLUMNS}) VALUES (@callSid, @flowId, @versionId, @startedMs, @lastMs, @caller, @personMs, @personSteps,
      @personNode, @personAskedMs, @personAnsweredMs, @lineEndedWait, @followUp, @fallback, @flowEnd, @flowEndNode, @hangupMs, @hangupNode, @hangupInQueue, @surveyScore, @personFlowId, @endFlowId)`),
    updateSummary: db.prepare(`UPDATE call_summaries SET last_ms = @lastMs, person_ms = @personMs, person_steps = @personSteps, person_node = @personNode,
      person_asked_ms = @personAskedMs, person_answered_ms = @personAnsweredMs, line_ended_wait = @lineEndedWait, follow_up = @followUp, fallback = @fallback, flow_end = @flowEnd, flow_end_node = @flowEndNode, hangup_ms = @hangupMs, hangup_node = @hangupNode,
      hangup_in_queue = @hangupInQueue, survey_score = @surveyScore, person_flow_id = @personFlowId, end_flow_id = @endFlowId WHERE call_sid = @callSid`),
    insertNode: db.prepare('INSERT INTO call_nodes (call_sid, flow_id, version_id, started_ms, node_id, mark, from_node, at_ms, steps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    getSummary: db.prepare<[string], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM call_summaries WHERE call_sid = ?`),
    listEvents: db.prepare<[string], { events: string; at: string }>('SELECT events, at FROM call_event_log WHERE call_sid = ? ORDER BY id'),
    listPath: db.prepare<[string, string], { node_id: string }>("SELECT node_id FROM call_nodes WHERE call_sid = ? AND flow_id = ? AND mark = 'visit' ORDER BY id"),
    addCount: db.prepare('INSERT INTO flow_hour_counts (flow_id, hour, version_id, key, count) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count'),
    insertEdge: db.prepare('INSERT OR IGNORE INTO call_flow_edges (call_sid, flow_id, from_node, to_node) VALUES (?, ?, ?, ?)'),
    insertLink: db.prepare('INSERT OR IGNORE INTO call_links (call_sid, flow_id, version_id, started_ms) VALUES (?, ?, ?, ?)'),
    listLinks: db.prepare<[string], { flow_id: string; version_id: string }>('SELECT flow_id, version_id FROM call_links WHERE call_sid = ?'),
    firstVisits: db.prepare<[string], { flow_id: string; version_id: string; node_id: string; steps: number; at_ms: number }>(
      "SELECT flow_id, version_id, node_id, min(steps) AS steps, min(at_ms) AS at_ms FROM call_nodes WHERE call_sid = ? AND mark = 'visit' GROUP BY flow_id, node_id",
    ),
    sumCounts: db.prepare<Record<string, unknown>, { key: string; count: number }>(
      'SELECT key, sum(count) AS count FROM flow_hour_counts WHERE flow_id = @flowId AND hour >= @fromHour AND hour < @toHour AND (@versionId IS NULL OR version_id = @versionId) GROUP BY key',
    ),
    purgeCounts: db.prepare('DELETE FROM flow_hour_counts WHERE hour < ?'),
    oldCalls: db.prepare<[number, number], { call_sid: string }>('SELECT call_sid FROM call_summaries WHERE started_ms < ? LIMIT ?'),
    purge: ['call_nodes', 'call_flow_edges', 'call_links', 'call_event_log', 'calls', 'call_status', 'queue_leaves', 'call_summaries'].map((table) => db.prepare(`DELETE FROM ${table} WHERE call_sid = ?`)),
  };
  const listStatements = new Map<string, Database.Statement>();
  const prepareOnce = (sql: string) => {
    let statement = listStatements.get(sql);
    if (statement === undefined) listStatements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  /** Each hot call's summary as in the file, so a webhook reads none back; only the store's write transactions change it. */
  const hotSummaries = new Map<string, CallSummaryFields>();
  const readSummary = (callSid: string): CallSummaryFields | undefined => {
    const cached = hotSummaries.get(callSid);
    if (cached !== undefined) return cached;
    const row = statements.getSummary.get(callSid);
    return row === undefined ? undefined : toSummaryFields(row, statements.listLinks.all(callSid).map((link) => ({ flowId: link.flow_id, versionId: link.version_id })));
  };
  /** The counter moves of the write transaction under way, by flow, hour and version: a key many webhooks move is written once (writeCounts). */
  const countMoves = new Map<string, CountMoves>();
  /** The moves of the counters of `flow` (in the version the call ran it) for a call started at `startedMs`. */
  const getCountMoves = (flow: LinkedFlow, startedMs: number): CountMoves => {
    const hour = Math.floor(startedMs / HOUR_MS);
    const scope = JSON.stringify([flow.flowId, hour, flow.versionId]);
    let moves = countMoves.get(scope);
    if (moves === undefined) countMoves.set(scope, (moves = { flowId: flow.flowId, hour, versionId: flow.versionId, byKey: new Map() }));
    return moves;
  };

  return {
    /** Merges one update (see CallSummaryUpdate) and moves the counters by what changed; runs inside the store's write transaction, which ends with writeCounts. */
    writeSummary(callSid: string, update: CallSummaryUpdate): void {
      const old = readSummary(callSid);
      const after = mergeSummary(callSid, old, update);
      // a late update for a call never started (or purged) has nowhere to go
      if (after === undefined) return;
      if (old === undefined) statements.insertSummary.run(toSummaryParams(after));
      else statements.updateSummary.run(toSummaryParams(after));
      hotSummaries.delete(callSid);
      // a call that has hung up gets no more webhooks to keep it in memory for
      if (after.hangupMs === null) hotSummaries.set(callSid, after);
      if (hotSummaries.size > HOT_SUMMARIES) hotSummaries.delete(hotSummaries.keys().next().value as string);
      const atMs = update.at.getTime();
      const add = (flow: LinkedFlow, key: string, count = 1) => {
        const { byKey } = getCountMoves(flow, after.startedMs);
        byKey.set(key, (byKey.get(key) ?? 0) + count);
      };
      // the call's totals in each flow it entered: what they were before this update goes, what they are now comes
      for (const flow of getCallFlows(after)) {
        const wasIn = old !== undefined && getCallFlows(old).some((kept) => kept.flowId === flow.flowId);
        if (wasIn) for (const key of getCallTotalCounts(old, flow.flowId)) add(flow, key, -1);
        for (const key of getCallTotalCounts(after, flow.flowId)) add(flow, key);
      }
      for (const link of after.linkedFlows.slice(old?.linkedFlows.length ?? 0)) statements.insertLink.run(callSid, link.flowId, link.versionId, after.startedMs);
      /** a mark's flow; one that does not say is the entry flow's */
      const toMarkFlow = (mark: { flowId?: string; versionId?: string }): LinkedFlow =>
        mark.flowId === undefined ? { flowId: after.flowId, versionId: after.versionId } : { flowId: mark.flowId, versionId: mark.versionId ?? after.versionId };
      if ((old?.personMs ?? null) === null && after.personMs !== null && after.personSteps !== null) {
        // the nodes visited so far, in every flow, are those before the person (this update's own come after)
        for (const visit of statements.firstVisits.all(callSid)) {
          const flow = { flowId: visit.flow_id, versionId: visit.version_id };
          add(flow, FIGURE_KEYS.nodeStepsToPerson(visit.node_id, after.personSteps - visit.steps));
          add(flow, FIGURE_KEYS.nodeSecondsToPerson(visit.node_id, toWholeSeconds(visit.at_ms, after.personMs)));
        }
      }
      for (const node of update.nodes ?? []) {
        const flow = toMarkFlow(node);
        statements.insertNode.run(callSid, flow.flowId, flow.versionId, after.startedMs, node.nodeId, node.mark, node.from ?? null, atMs, node.steps);
        if (node.mark !== 'person') add(flow, FIGURE_KEYS.mark(node.nodeId, node.mark));
        if (node.mark === 'visit' && node.from !== undefined && statements.insertEdge.run(callSid, flow.flowId, node.from, node.nodeId).changes === 1) {
          add(flow, FIGURE_KEYS.edge(node.from, node.nodeId));
        }
      }
    },

    /** Writes the counter moves of the transaction's summaries, once per key; the last statement of each write transaction. */
    writeCounts(): void {
      for (const { flowId, hour, versionId, byKey } of countMoves.values()) {
        // a zero sum counts as no row at all (toFlowAnalytics skips it)
        for (const [key, count] of byKey) if (count !== 0) statements.addCount.run(flowId, hour, versionId, key, count);
      }
      countMoves.clear();
    },

    /** A write transaction failed and was rolled back: what it kept in memory is dropped, so its writes, tried again, read the file. */
    forgetUnsaved(): void {
      countMoves.clear();
      hotSummaries.clear();
    },

    listCalls(filter: CallFilter, page: { cursor?: CallCursor; limit: number }): StoredCallPage {
      const byOutcome = filter.outcome !== undefined;
      const params = { ...toRangeParams(filter), outcome: filter.outcome ?? null, cursorMs: page.cursor?.startedMs ?? null, cursorSid: page.cursor?.callSid ?? null, limit: page.limit + 1 };
      const total = (prepareOnce(toCallCountSql(byOutcome)).get(params) as { total: number }).total;
      const rows = prepareOnce(toCallPageSql(byOutcome, page.cursor !== undefined)).all(params) as SummaryRow[];
      const calls = rows.slice(0, page.limit).map(toEntry);
      const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
      return { calls, total, next: last === undefined ? null : { startedMs: last.started_ms, callSid: last.call_sid } };
    },

    getCallDetail(callSid: string): StoredCallDetail | undefined {
      const row = statements.getSummary.get(callSid);
      if (row === undefined) return undefined;
      const timeline = statements.listEvents
        .all(callSid)
        .flatMap(({ events, at }) => (JSON.parse(events) as CallEventRecord[]).map((event) => ({ at, ...event }) as CallTimelineEvent));
      const call = toEntry(row);
      return { call, timeline, path: statements.listPath.all(callSid, call.flowId).map((entry) => entry.node_id) };
    },

    /** Sums the counters of the range's hours (see toHourRange) in SQL; toFlowAnalytics shapes them. */
    getFlowAnalytics(asked: Omit<CallFilter, 'outcome'>, targetSeconds: number): FlowAnalytics {
      const filter = toHourRange(asked);
      const counts = statements.sumCounts.all({
        flowId: filter.flowId,
        fromHour: filter.from.getTime() / HOUR_MS,
        toHour: filter.to.getTime() / HOUR_MS,
        versionId: filter.versionId ?? null,
      });
      return toFlowAnalytics(filter, targetSeconds, counts.map(({ key, count }) => [key, count]));
    },

    getMeasuredEvidence: (flowId: string, from: Date, to: Date): MeasuredEvidence => queryMeasuredEvidence(db, flowId, from, to),

    /** Deletes up to `limit` calls started before `before`, everything of them in one transaction; returns their sids. */
    purgeCalls: db.transaction((before: Date, limit: number): string[] => {
      const calls = statements.oldCalls.all(before.getTime(), limit);
      for (const { call_sid } of calls) {
        for (const statement of statements.purge) statement.run(call_sid);
        hotSummaries.delete(call_sid);
      }
      // the counters of hours wholly before: those of the hour `before` falls in go at the next purge
      if (calls.length < limit) statements.purgeCounts.run(Math.floor(before.getTime() / HOUR_MS));
      return calls.map((call) => call.call_sid);
    }),
  };
}
