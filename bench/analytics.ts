import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { getCallFigureCounts, HOUR_MS, type CallSummaryFields, type StoredNodeMark } from '../runtime/store/call-figures.ts';
import { CALLS_SCHEMA } from '../runtime/store/sqlite-calls.ts';
import { createSqliteStore, STORE_FILE_NAME } from '../runtime/store/sqlite-store.ts';
import { formatMs } from './measure.ts';

/**
 * The analytics of one flow over 30 days with 1,000,000 stored events (node
 * marks, the rows the figures read), against a plain indexed count(*) over the
 * same rows, alternately in the same run; and the call list's first page.
 * Goals: analytics within 10x the count, the first page within 50 ms. The rows
 * are written straight into the store's tables, shaped as calls of the bank
 * flow leave them.
 */

const EVENTS = 1_000_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const RUNS = 7;
const NOW = Date.parse('2026-03-31T00:00:00.000Z');

type Mark = [nodeId: string, mark: string, from: string | null, offsetSeconds: number, steps: number];

/** Paths callers take through the bank flow, as node marks (the summary columns they end in follow). */
const PATHS: Array<{ share: number; marks: Mark[]; end: { person?: [string, number, number]; flowEnd?: string; hangup?: [string, boolean]; survey?: number } }> = [
  {
    share: 0.35,
    marks: [['greeting', 'visit', null, 0, 0], ['main_menu', 'visit', 'greeting', 0, 0], ['cards_menu', 'visit', 'main_menu', 6, 1], ['cards_menu', 'zeroOut', null, 12, 1], ['fraud_transfer', 'visit', 'cards_menu', 12, 2], ['fraud_transfer', 'person', null, 70, 2], ['post_call_survey', 'visit', 'fraud_transfer', 70, 2], ['goodbye', 'visit', 'post_call_survey', 400, 2]],
    end: { person: ['fraud_transfer', 70, 2], flowEnd: 'goodbye', survey: 5 },
  },
  {
    share: 0.25,
    marks: [['greeting', 'visit', null, 0, 0], ['main_menu', 'visit', 'greeting', 0, 0], ['main_menu', 'zeroOut', null, 5, 1], ['agent_hours', 'visit', 'main_menu', 5, 1], ['agent_queue', 'visit', 'agent_hours', 5, 1], ['agent_queue', 'person', null, 190, 1], ['post_call_survey', 'visit', 'agent_queue', 190, 1], ['goodbye', 'visit', 'post_call_survey', 600, 1]],
    end: { person: ['agent_queue', 190, 1], flowEnd: 'goodbye', survey: 3 },
  },
  {
    share: 0.2,
    marks: [['greeting', 'visit', null, 0, 0], ['main_menu', 'visit', 'greeting', 0, 0], ['main_menu', 'noInput', null, 8, 1], ['main_menu', 'noMatch', null, 15, 1]],
    end: { hangup: ['main_menu', false] },
  },
  {
    share: 0.1,
    marks: [['greeting', 'visit', null, 0, 0], ['main_menu', 'visit', 'greeting', 0, 0], ['agent_hours', 'visit', 'main_menu', 5, 1], ['agent_queue', 'visit', 'agent_hours', 5, 1]],
    end: { hangup: ['agent_queue', true] },
  },
  {
    share: 0.1,
    marks: [['greeting', 'visit', null, 0, 0], ['main_menu', 'visit', 'greeting', 0, 0], ['balance_account', 'visit', 'main_menu', 5, 1], ['balance_lookup', 'visit', 'balance_account', 15, 2], ['balance_say', 'visit', 'balance_lookup', 15, 2], ['balance_menu', 'visit', 'balance_say', 15, 2], ['goodbye', 'visit', 'balance_menu', 30, 3]],
    end: { flowEnd: 'goodbye' },
  },
];

/** Writes calls straight into the store's tables until they hold EVENTS node marks, with the counters they add up to; returns the calls written. */
function generate(file: string): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  // indexes are built once after the rows, not row by row
  for (const { name } of db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('call_summaries', 'call_nodes')").all()) {
    db.exec(`DROP INDEX ${name}`);
  }
  const counts = new Map<string, number>();
  const summary = db.prepare(`INSERT INTO call_summaries (call_sid, flow_id, version_id, started_ms, last_ms, caller, person_ms, person_steps, person_node, flow_end, flow_end_node, hangup_ms, hangup_node, hangup_in_queue, survey_score)
    VALUES (?, ?, 'v1', ?, ?, '+34612345601', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const node = db.prepare('INSERT INTO call_nodes (call_sid, flow_id, version_id, started_ms, node_id, mark, from_node, at_ms, steps) VALUES (?, ?, \'v1\', ?, ?, ?, ?, ?, ?)');
  const log = db.prepare('INSERT INTO call_event_log (call_sid, events, at) VALUES (?, ?, ?)');
  let written = 0;
  let calls = 0;
  let seed = 1;
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  db.transaction(() => {
    while (written < EVENTS) {
      const sid = `CA${calls.toString(16).padStart(32, '0')}`;
      // edges are deduplicated per call by call_flow_edges in the store; these paths never repeat one
      // one call in ten is another flow's, and the bank's reach back 60 days: the query picks one flow's 30
      const flowId = calls % 10 === 9 ? 'clinic' : 'bank';
      const startedMs = NOW - Math.floor(random() * 60 * DAY_MS);
      let pick = random();
      const path = PATHS.find((candidate) => (pick -= candidate.share) < 0) ?? PATHS[0]!;
      const last = Math.max(...path.marks.map((mark) => mark[3])) * 1000 + 1000;
      const { person, flowEnd, hangup, survey } = path.end;
      summary.run(sid, flowId, startedMs, startedMs + last, person ? startedMs + person[1] * 1000 : null, person?.[2] ?? null, person?.[0] ?? null,
        flowEnd ? 'choice' : null, flowEnd ?? null, hangup ? startedMs + last : null, hangup?.[0] ?? null, hangup?.[1] ? 1 : 0, survey ?? null);
      for (const [nodeId, mark, from, offset, steps] of path.marks) node.run(sid, flowId, startedMs, nodeId, mark, from, startedMs + offset * 1000, steps);
      const fields: CallSummaryFields = {
        callSid: sid, flowId, versionId: 'v1', startedMs, lastMs: startedMs + last, caller: '', personMs: person ? startedMs + person[1] * 1000 : null,
        personSteps: person?.[2] ?? null, personNode: person?.[0] ?? null, personAskedMs: null, personAnsweredMs: null, lineEndedWait: false, followUp: false, fallback: false, flowEnd: flowEnd ? 'choice' : null,
        flowEndNode: flowEnd ?? null, hangupMs: hangup ? startedMs + last : null, hangupNode: hangup?.[0] ?? null, hangupInQueue: hangup?.[1] ?? false, surveyScore: survey ?? null,
        linkedFlows: [], personFlowId: null, endFlowId: null,
      };
      const marks: StoredNodeMark[] = path.marks.map(([nodeId, mark, from, offset, steps]) => ({ nodeId, mark: mark as StoredNodeMark['mark'], ...(from === null ? {} : { from }), atMs: startedMs + offset * 1000, steps }));
      const hour = Math.floor(startedMs / HOUR_MS);
      for (const key of getCallFigureCounts(fields, marks, flowId)) counts.set(`${flowId}\n${hour}\n${key}`, (counts.get(`${flowId}\n${hour}\n${key}`) ?? 0) + 1);
      log.run(sid, JSON.stringify(path.marks.filter((mark) => mark[1] === 'visit').map((mark) => ({ type: 'nodeEntered', nodeId: mark[0] }))), new Date(startedMs).toISOString());
      written += path.marks.length;
      calls++;
    }
    const count = db.prepare("INSERT INTO flow_hour_counts (flow_id, hour, version_id, key, count) VALUES (?, ?, 'v1', ?, ?)");
    for (const [entry, total] of counts) {
      const [flowId, hour, key] = entry.split('\n');
      count.run(flowId, Number(hour), key, total);
    }
  })();
  db.exec(CALLS_SCHEMA);
  // the baseline's index: a plain count of one flow's events in a range
  db.exec('CREATE INDEX bench_call_nodes_by_flow ON call_nodes (flow_id, started_ms)');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return calls;
}

/** The median of `RUNS` timings of each, run alternately after one warm-up each. */
async function measureAlternately(tasks: Array<() => unknown | Promise<unknown>>): Promise<number[]> {
  for (const task of tasks) await task();
  const times = tasks.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++) {
    for (const [index, task] of tasks.entries()) {
      const start = performance.now();
      await task();
      times[index]!.push(performance.now() - start);
    }
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!);
}

export async function benchAnalytics(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'humanline-bench-analytics-'));
  try {
    // the store makes its tables; the rows go in directly
    await createSqliteStore(dir).close();
    const file = path.join(dir, STORE_FILE_NAME);
    const generateStart = performance.now();
    const calls = generate(file);
    console.log(`analytics on SQLite: ${EVENTS.toLocaleString('en')} node-mark events of ${calls.toLocaleString('en')} calls written in ${formatMs(performance.now() - generateStart)}`);

    const store = createSqliteStore(dir);
    const baseline = new Database(file, { readonly: true });
    const filter = { flowId: 'bank', from: new Date(NOW - 30 * DAY_MS), to: new Date(NOW) };
    const count = baseline.prepare('SELECT count(*) AS n FROM call_nodes WHERE flow_id = ? AND started_ms >= ? AND started_ms < ?');
    const rows = (count.get(filter.flowId, filter.from.getTime(), filter.to.getTime()) as { n: number }).n;
    const [countMs, analyticsMs, pageMs] = await measureAlternately([
      () => count.get(filter.flowId, filter.from.getTime(), filter.to.getTime()),
      () => store.getFlowAnalytics(filter, 180),
      () => store.listCalls(filter, { limit: 50 }),
    ]);
    const analytics = await store.getFlowAnalytics(filter, 180);
    const stored = (baseline.prepare('SELECT count(*) AS n FROM call_summaries WHERE flow_id = ? AND started_ms >= ? AND started_ms < ?').get(filter.flowId, filter.from.getTime(), filter.to.getTime()) as { n: number }).n;
    if (analytics.calls !== stored) throw new Error(`analytics count ${analytics.calls} calls, the store holds ${stored}`);
    console.log(`  one flow, 30 days: ${rows.toLocaleString('en')} events of ${analytics.calls.toLocaleString('en')} calls (median of ${RUNS} alternating runs)`);
    console.log(`  indexed count(*) of those events   ${formatMs(countMs!)}`);
    console.log(`  analytics (every figure)           ${formatMs(analyticsMs!)}   ${(analyticsMs! / countMs!).toFixed(1)}x the count (goal: within 10x)`);
    console.log(`  call list, first page of 50        ${formatMs(pageMs!)}   (goal: within 50 ms)`);
    baseline.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
