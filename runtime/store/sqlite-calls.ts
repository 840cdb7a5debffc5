import type Database from 'better-sqlite3';
import { CALL_OUTCOMES, type CallListEntry, type CallOutcome, type CallTimelineEvent, type FlowAnalytics, type NodeAnalytics } from '../../core/designer-api/types.ts';
import type { CallCursor, CallEventRecord, CallFilter, CallSummaryUpdate, StoredCallDetail, StoredCallPage } from './types.ts';

// The call list and analytics in SQLite: each webhook merges its summary into
// one row per call and adds a row per node mark (call-summary.ts decides
// them), and every figure is an aggregate over those rows in SQL, never a fold
// of events in JavaScript.

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
CREATE INDEX IF NOT EXISTS call_nodes_by_flow ON call_nodes (flow_id, started_ms, mark, node_id, version_id);
`;

interface SummaryRow {
  call_sid: string;
  flow_id: string;
  version_id: string;
  started_ms: number;
  last_ms: number;
  caller: string;
  person_ms: number | null;
  person_steps: number | null;
  end_node: string | null;
  survey_score: number | null;
  outcome: CallOutcome;
}

const SUMMARY_COLUMNS =
  'call_sid, flow_id, version_id, started_ms, last_ms, caller, person_ms, person_steps, COALESCE(flow_end_node, hangup_node) AS end_node, survey_score, outcome';

/** The calls of the filter's flow and range (version when given): every figure reads from these. */
const IN_RANGE = 'flow_id = @flowId AND started_ms >= @fromMs AND started_ms < @toMs AND (@versionId IS NULL OR version_id = @versionId)';

function toEntry(row: SummaryRow): CallListEntry {
  const ended = row.outcome !== 'inProgress';
  return {
    callSid: row.call_sid,
    flowId: row.flow_id,
    versionId: row.version_id,
    startedAt: new Date(row.started_ms).toISOString(),
    durationSeconds: ended ? (row.last_ms - row.started_ms) / 1000 : null,
    caller: row.caller,
    outcome: row.outcome,
    endNodeId: ended ? row.end_node : null,
    secondsToPerson: row.person_ms === null ? null : (row.person_ms - row.started_ms) / 1000,
    stepsToPerson: row.person_steps,
    surveyScore: row.survey_score,
  };
}

const toRangeParams = (filter: Omit<CallFilter, 'outcome'>) => ({
  flowId: filter.flowId,
  fromMs: filter.from.getTime(),
  toMs: filter.to.getTime(),
  versionId: filter.versionId ?? null,
});

/** Nearest-rank percentile (the value at rank ceil(p·n)), in SQL over `values` ordered. */
const percentileAt = (percent: number) => `max(CASE WHEN rn = (${percent} * n + 99) / 100 THEN value END)`;

export function createSqliteCalls(db: Database.Database) {
  const statements = {
    startSummary: db.prepare('INSERT OR IGNORE INTO call_summaries (call_sid, flow_id, version_id, started_ms, last_ms, caller) VALUES (?, ?, ?, ?, ?, ?)'),
    mergeSummary: db.prepare(`UPDATE call_summaries SET
      last_ms = max(last_ms, @atMs),
      person_ms = COALESCE(person_ms, @personMs),
      person_steps = COALESCE(person_steps, @personSteps),
      person_node = COALESCE(person_node, @personNode),
      follow_up = max(follow_up, @followUp),
      fallback = max(fallback, @fallback),
      flow_end = COALESCE(flow_end, @flowEnd),
      flow_end_node = CASE WHEN flow_end IS NULL THEN @flowEndNode ELSE flow_end_node END,
      hangup_ms = COALESCE(hangup_ms, @hangupMs),
      hangup_node = CASE WHEN hangup_ms IS NULL THEN @hangupNode ELSE hangup_node END,
      hangup_in_queue = CASE WHEN hangup_ms IS NULL THEN @hangupInQueue ELSE hangup_in_queue END,
      survey_score = COALESCE(survey_score, @surveyScore)
      WHERE call_sid = @callSid`),
    insertNode: db.prepare(`INSERT INTO call_nodes (call_sid, flow_id, version_id, started_ms, node_id, mark, from_node, at_ms, steps)
      SELECT call_sid, flow_id, version_id, started_ms, ?, ?, ?, ?, ? FROM call_summaries WHERE call_sid = ?`),
    getSummary: db.prepare<[string], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM call_summaries WHERE call_sid = ?`),
    listEvents: db.prepare<[string], { events: string; at: string }>('SELECT events, at FROM call_event_log WHERE call_sid = ? ORDER BY id'),
    listPath: db.prepare<[string], { node_id: string }>("SELECT node_id FROM call_nodes WHERE call_sid = ? AND mark = 'visit' ORDER BY id"),
    totals: db.prepare<Record<string, unknown>, Record<string, number | null>>(`SELECT count(*) AS calls,
      ${CALL_OUTCOMES.map((outcome) => `coalesce(sum(outcome = '${outcome}'), 0) AS "${outcome}"`).join(', ')},
      coalesce(sum(outcome = 'hungUp' AND flow_end IS NULL AND hangup_in_queue = 1), 0) AS in_queue,
      coalesce(sum(fallback), 0) AS fallbacks,
      ${[1, 2, 3, 4, 5].map((score) => `coalesce(sum(survey_score = ${score}), 0) AS s${score}`).join(', ')},
      avg(survey_score) AS survey_mean
      FROM call_summaries WHERE ${IN_RANGE}`),
    timeToPerson: db.prepare<Record<string, unknown>, { n: number | null; p50: number | null; p90: number | null; p95: number | null; within: number | null }>(`
      WITH t AS (SELECT person_ms - started_ms AS value, ROW_NUMBER() OVER (ORDER BY person_ms - started_ms) AS rn, COUNT(*) OVER () AS n
        FROM call_summaries WHERE ${IN_RANGE} AND person_ms IS NOT NULL)
      SELECT max(n) AS n, ${percentileAt(50)} AS p50, ${percentileAt(90)} AS p90, ${percentileAt(95)} AS p95,
        coalesce(sum(value <= @targetMs), 0) AS within FROM t`),
    surveyByTarget: db.prepare<Record<string, unknown>, { target: string; count: number; mean: number }>(`SELECT person_node AS target, count(*) AS count, avg(survey_score) AS mean
      FROM call_summaries WHERE ${IN_RANGE} AND survey_score IS NOT NULL AND person_node IS NOT NULL GROUP BY person_node ORDER BY person_node`),
    dropOffs: db.prepare<Record<string, unknown>, { node_id: string; count: number }>(`SELECT COALESCE(flow_end_node, hangup_node) AS node_id, count(*) AS count
      FROM call_summaries WHERE ${IN_RANGE} AND outcome = 'hungUp' AND COALESCE(flow_end_node, hangup_node) IS NOT NULL GROUP BY 1`),
    nodeMarks: db.prepare<Record<string, unknown>, { node_id: string; mark: string; count: number }>(
      `SELECT node_id, mark, count(*) AS count FROM call_nodes WHERE ${IN_RANGE} GROUP BY node_id, mark`,
    ),
    edges: db.prepare<Record<string, unknown>, { from_node: string; node_id: string; calls: number }>(`SELECT from_node, node_id, count(*) AS calls FROM
      (SELECT DISTINCT call_sid, from_node, node_id FROM call_nodes WHERE ${IN_RANGE} AND mark = 'visit' AND from_node IS NOT NULL)
      GROUP BY from_node, node_id ORDER BY from_node, node_id`),
    // per node, each call's first visit before its first person: how far that person still was
    nodeMedians: db.prepare<Record<string, unknown>, { node_id: string; steps: number | null; ms: number | null }>(`
      WITH p AS (SELECT call_sid, id, at_ms, steps FROM call_nodes WHERE ${IN_RANGE} AND mark = 'person'),
      firsts AS (SELECT n.node_id, p.call_sid, p.steps - min(n.steps) AS steps, p.at_ms - min(n.at_ms) AS ms
        FROM p JOIN call_nodes n ON n.call_sid = p.call_sid AND n.id < p.id AND n.mark = 'visit' GROUP BY n.node_id, p.call_sid),
      ranked AS (SELECT node_id, steps, ms, ROW_NUMBER() OVER (PARTITION BY node_id ORDER BY steps) AS steps_rn,
        ROW_NUMBER() OVER (PARTITION BY node_id ORDER BY ms) AS ms_rn, COUNT(*) OVER (PARTITION BY node_id) AS n FROM firsts)
      SELECT node_id, max(CASE WHEN steps_rn = (n + 1) / 2 THEN steps END) AS steps, max(CASE WHEN ms_rn = (n + 1) / 2 THEN ms END) AS ms
      FROM ranked GROUP BY node_id`),
    oldCalls: db.prepare<[number, number], { call_sid: string }>('SELECT call_sid FROM call_summaries WHERE started_ms < ? LIMIT ?'),
    purge: ['call_nodes', 'call_event_log', 'calls', 'call_status', 'queue_leaves', 'call_summaries'].map((table) => db.prepare(`DELETE FROM ${table} WHERE call_sid = ?`)),
  };
  const listStatements = new Map<string, Database.Statement>();
  const prepareOnce = (sql: string) => {
    let statement = listStatements.get(sql);
    if (statement === undefined) listStatements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };

  return {
    /** Merges one update (see CallSummaryUpdate); runs inside the store's write transaction. */
    writeSummary(callSid: string, update: CallSummaryUpdate): void {
      const atMs = update.at.getTime();
      if (update.start) statements.startSummary.run(callSid, update.start.flowId, update.start.versionId, atMs, atMs, update.start.caller);
      statements.mergeSummary.run({
        callSid,
        atMs,
        personMs: update.person ? atMs : null,
        personSteps: update.person?.steps ?? null,
        personNode: update.person?.nodeId ?? null,
        followUp: update.followUp ? 1 : 0,
        fallback: update.fallback ? 1 : 0,
        flowEnd: update.flowEnd?.kind ?? null,
        flowEndNode: update.flowEnd?.nodeId ?? null,
        hangupMs: update.hangup ? atMs : null,
        hangupNode: update.hangup?.nodeId ?? null,
        hangupInQueue: update.hangup?.inQueue ? 1 : 0,
        surveyScore: update.surveyScore ?? null,
      });
      for (const node of update.nodes ?? []) statements.insertNode.run(node.nodeId, node.mark, node.from ?? null, atMs, node.steps, callSid);
    },

    listCalls(filter: CallFilter, page: { cursor?: CallCursor; limit: number }): StoredCallPage {
      const where = [IN_RANGE];
      if (filter.outcome !== undefined) where.push('outcome = @outcome');
      const params = { ...toRangeParams(filter), outcome: filter.outcome ?? null, cursorMs: page.cursor?.startedMs ?? null, cursorSid: page.cursor?.callSid ?? null, limit: page.limit + 1 };
      const total = (prepareOnce(`SELECT count(*) AS total FROM call_summaries WHERE ${where.join(' AND ')}`).get(params) as { total: number }).total;
      if (page.cursor !== undefined) where.push('(started_ms < @cursorMs OR (started_ms = @cursorMs AND call_sid < @cursorSid))');
      const rows = prepareOnce(`SELECT ${SUMMARY_COLUMNS} FROM call_summaries WHERE ${where.join(' AND ')} ORDER BY started_ms DESC, call_sid DESC LIMIT @limit`).all(params) as SummaryRow[];
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
      return { call: toEntry(row), timeline, path: statements.listPath.all(callSid).map((entry) => entry.node_id) };
    },

    getFlowAnalytics(filter: Omit<CallFilter, 'outcome'>, targetSeconds: number): FlowAnalytics {
      const params = { ...toRangeParams(filter), targetMs: targetSeconds * 1000 };
      const totals = statements.totals.get(params)!;
      const count = (name: string) => totals[name] ?? 0;
      const times = statements.timeToPerson.get(params)!;
      const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
      const nodes: Record<string, NodeAnalytics> = {};
      const nodeOf = (nodeId: string) =>
        (nodes[nodeId] ??= { visits: 0, dropOffs: 0, zeroOuts: 0, noInputs: 0, noMatches: 0, medianStepsToPerson: null, medianSecondsToPerson: null });
      const markFields = { visit: 'visits', zeroOut: 'zeroOuts', noInput: 'noInputs', noMatch: 'noMatches' } as const;
      for (const { node_id, mark, count: marks } of statements.nodeMarks.all(params)) {
        if (mark in markFields) nodeOf(node_id)[markFields[mark as keyof typeof markFields]] = marks;
      }
      for (const { node_id, count: drops } of statements.dropOffs.all(params)) nodeOf(node_id).dropOffs = drops;
      for (const { node_id, steps, ms } of statements.nodeMedians.all(params)) {
        const node = nodeOf(node_id);
        node.medianStepsToPerson = steps;
        node.medianSecondsToPerson = seconds(ms);
      }
      const outcomes = Object.fromEntries(CALL_OUTCOMES.map((outcome) => [outcome, count(outcome)])) as Record<CallOutcome, number>;
      const ended = count('calls') - outcomes.inProgress;
      return {
        flowId: filter.flowId,
        from: filter.from.toISOString(),
        to: filter.to.toISOString(),
        versionId: filter.versionId ?? null,
        calls: count('calls'),
        outcomes,
        timeToPerson: { p50: seconds(times.p50), p90: seconds(times.p90), p95: seconds(times.p95), targetSeconds, withinTarget: times.within ?? 0 },
        abandonment: { inMenu: outcomes.hungUp - count('in_queue'), inQueue: count('in_queue') },
        containment: ended === 0 ? 0 : outcomes.callerChoice / ended,
        survey: {
          distribution: [count('s1'), count('s2'), count('s3'), count('s4'), count('s5')],
          mean: totals.survey_mean ?? null,
          byTarget: statements.surveyByTarget.all(params),
        },
        fallbacks: count('fallbacks'),
        nodes,
        edges: statements.edges.all(params).map((edge) => ({ from: edge.from_node, to: edge.node_id, calls: edge.calls })),
      };
    },

    /** Deletes up to `limit` calls started before `before`, everything of them in one transaction; returns their sids. */
    purgeCalls: db.transaction((before: Date, limit: number): string[] => {
      const calls = statements.oldCalls.all(before.getTime(), limit);
      for (const { call_sid } of calls) for (const statement of statements.purge) statement.run(call_sid);
      return calls.map((call) => call.call_sid);
    }),
  };
}
