import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { StoreOpenError } from '../../runtime/errors.ts';
import { readMeasuredEvidence } from '../../runtime/store/read-measured-evidence.ts';
import { STORE_FILE_NAME, createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import { createTempDir, removeTempDirs } from '../runtime/helpers.ts';

// What `humanline report --data DIR` reads: a store's measured evidence,
// without writing to it, also from a file written before the measures' columns.

afterAll(removeTempDirs);

const T0 = Date.parse('2026-05-04T08:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const DAY = { from: at(0), to: at(86_400) };
const start = (flowId: string, seconds: number) => ({ at: at(seconds), start: { flowId, versionId: 'v1', caller: '+34612345601' } });

/**
 * Rewrites a store's file as it was before calls were followed across flows: without call_links and the
 * summaries' flow columns, and with each call's edges in call_edges, which kept no flow.
 */
function toFileBeforeLinks(dataDir: string): void {
  const db = new Database(path.join(dataDir, STORE_FILE_NAME));
  db.exec(`CREATE TABLE IF NOT EXISTS call_edges (call_sid TEXT NOT NULL, from_node TEXT NOT NULL, to_node TEXT NOT NULL, PRIMARY KEY (call_sid, from_node, to_node)) WITHOUT ROWID;
    INSERT INTO call_edges SELECT call_sid, from_node, to_node FROM call_flow_edges`);
  for (const table of ['call_links', 'call_flow_edges']) db.exec(`DROP TABLE ${table}`);
  for (const column of ['person_flow_id', 'end_flow_id']) db.exec(`ALTER TABLE call_summaries DROP COLUMN ${column}`);
  db.close();
}

describe('readMeasuredEvidence', () => {
  test("reads a store's evidence while its runtime still has it open", async () => {
    const dataDir = createTempDir('measures');
    const store = createSqliteStore(dataDir);
    await store.updateCallSummary('CA1', start('bank', 0));
    await store.updateCallSummary('CA1', { at: at(10), personAsked: true });
    await store.updateCallSummary('CA1', { at: at(400), person: { nodeId: 'queue', steps: 1, answeredAt: at(100) } });
    await store.updateCallSummary('CA2', start('bank', 50));
    // the store writes behind: a read waits for its writes as a report run after the calls would
    await store.listCalls({ flowId: 'bank', ...DAY }, { limit: 1 });
    const evidence = await readMeasuredEvidence({ dataDir, flowId: 'bank', ...DAY });
    await store.close();
    // one call asked and was answered 100 s after its start (90 after the ask); the other never asked
    expect(evidence).toEqual({
      flowId: 'bank',
      from: DAY.from.toISOString(),
      to: DAY.to.toISOString(),
      calls: 2,
      measures: {
        attendedWithin180s: { value: 1, calls: 1 },
        secondsToPersonP95FromStart: { value: 100, calls: 1 },
        secondsToPersonP95FromRequest: { value: 90, calls: 1 },
        lineDisconnectsWhileWaiting: { value: 0, calls: 1 },
      },
    });
  });

  test('a file from before calls were followed across flows still loads: its calls and marks are their entry flow\'s', async () => {
    const dataDir = createTempDir('links-old');
    const store = createSqliteStore(dataDir);
    await store.updateCallSummary('CA1', { ...start('bank', 0), nodes: [{ nodeId: 'menu', mark: 'visit', steps: 0 }] });
    await store.updateCallSummary('CA1', { at: at(5), nodes: [{ nodeId: 'agent', mark: 'visit', from: 'menu', steps: 1 }] });
    await store.close();
    toFileBeforeLinks(dataDir);
    expect((await readMeasuredEvidence({ dataDir, flowId: 'bank', ...DAY })).calls).toBe(1);
    const reopened = createSqliteStore(dataDir);
    try {
      // the call goes on after the upgrade: back to the menu and to the agent again (an edge it took before), then
      // a goto moves it to the brand flow, where it hangs up at its own `menu`
      await reopened.updateCallSummary('CA1', { at: at(6), nodes: [{ nodeId: 'menu', mark: 'visit', from: 'agent', steps: 2 }, { nodeId: 'agent', mark: 'visit', from: 'menu', steps: 3 }] });
      const inBrand = { flowId: 'brand', versionId: 'w1' };
      await reopened.updateCallSummary('CA1', { at: at(10), linked: [inBrand], nodes: [{ nodeId: 'menu', ...inBrand, mark: 'visit', steps: 4 }] });
      await reopened.updateCallSummary('CA1', { at: at(20), hangup: { nodeId: 'menu', flowId: 'brand', inQueue: false } });
      const bank = await reopened.getFlowAnalytics({ flowId: 'bank', ...DAY }, 60);
      // menu → agent once for the call, though it took that edge both before the upgrade and after
      expect(bank).toMatchObject({ calls: 1, outcomes: { hungUp: 1 } });
      expect(bank.edges).toHaveLength(2);
      expect(bank.edges).toEqual(expect.arrayContaining([{ from: 'menu', to: 'agent', calls: 1 }, { from: 'agent', to: 'menu', calls: 1 }]));
      expect(Object.fromEntries(Object.entries(bank.nodes).map(([nodeId, node]) => [nodeId, [node.visits, node.dropOffs]]))).toEqual({ menu: [2, 0], agent: [2, 0] });
      const brand = await reopened.getFlowAnalytics({ flowId: 'brand', ...DAY }, 60);
      expect(brand).toMatchObject({ calls: 1, outcomes: { hungUp: 1 }, nodes: { menu: { visits: 1, dropOffs: 1 } }, edges: [] });
      expect((await reopened.getMeasuredEvidence('brand', DAY.from, DAY.to)).calls).toBe(1);
    } finally {
      await reopened.close();
    }
  });

  test('a file from before the measures were kept still loads: its calls count, in no person measure', async () => {
    const dataDir = createTempDir('measures-old');
    const store = createSqliteStore(dataDir);
    await store.updateCallSummary('CA1', start('bank', 0));
    await store.updateCallSummary('CA1', { at: at(60), person: { nodeId: 'queue', steps: 1 } });
    await store.close();
    // as the file was before: without the columns this change added
    const db = new Database(path.join(dataDir, STORE_FILE_NAME));
    for (const column of ['person_asked_ms', 'person_answered_ms', 'line_ended_wait']) db.exec(`ALTER TABLE call_summaries DROP COLUMN ${column}`);
    db.close();
    const expected = {
      attendedWithin180s: { value: null, calls: 0 },
      secondsToPersonP95FromStart: { value: null, calls: 0 },
      secondsToPersonP95FromRequest: { value: null, calls: 0 },
      lineDisconnectsWhileWaiting: { value: 0, calls: 0 },
    };
    const read = await readMeasuredEvidence({ dataDir, flowId: 'bank', ...DAY });
    expect({ calls: read.calls, measures: read.measures }).toEqual({ calls: 1, measures: expected });
    // the runtime opening it adds the columns; the old call still lists with its person
    const reopened = createSqliteStore(dataDir);
    try {
      expect((await reopened.listCalls({ flowId: 'bank', ...DAY }, { limit: 5 })).calls.map((call) => call.secondsToPerson)).toEqual([60]);
      const evidence = await reopened.getMeasuredEvidence('bank', DAY.from, DAY.to);
      expect({ calls: evidence.calls, measures: evidence.measures }).toEqual({ calls: 1, measures: expected });
    } finally {
      await reopened.close();
    }
  });

  test('a folder without a store is refused, and none is created there', async () => {
    const dataDir = createTempDir('measures-none');
    await expect(readMeasuredEvidence({ dataDir, flowId: 'bank', ...DAY })).rejects.toThrow(StoreOpenError);
    expect(existsSync(path.join(dataDir, STORE_FILE_NAME))).toBe(false);
  });
});
