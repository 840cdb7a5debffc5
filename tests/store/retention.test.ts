import { afterAll, expect, test } from 'vitest';
import { createLogger } from '../../runtime/logger.ts';
import { startRetention } from '../../runtime/store/retention.ts';
import { createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import { createTempDir, removeTempDirs } from '../runtime/helpers.ts';
import { createRecord, newCallSid } from './call-store.contract.ts';

afterAll(removeTempDirs);

const DAY_MS = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-03-10T10:00:00.000Z');

test('purges calls older than the retention at start and then at every interval, in batches, on the injected clock', async () => {
  const store = createSqliteStore(createTempDir('retention'));
  const logs: string[] = [];
  const flowId = 'bank';
  const startedDaysAgo = [120, 100, 95, 91, 89, 10, 0];
  const sids = startedDaysAgo.map(() => newCallSid());
  for (const [index, daysAgo] of startedDaysAgo.entries()) {
    const at = new Date(T0 - daysAgo * DAY_MS);
    await store.saveStep({
      record: createRecord(sids[index]!, 1, flowId),
      expectedSeq: undefined,
      answerSeq: -1,
      twiml: 'start',
      events: { list: [{ type: 'nodeEntered', nodeId: 'menu' }], at },
      summary: { at, start: { flowId, versionId: 'v1', caller: '+34612345601' }, nodes: [{ nodeId: 'menu', mark: 'visit', steps: 0 }] },
    });
  }
  const listed = async () =>
    (await store.listCalls({ flowId, from: new Date(T0 - 400 * DAY_MS), to: new Date(T0 + DAY_MS) }, { limit: 100 })).calls.map((call) => call.callSid);
  let now = T0;
  const batches: number[] = [];
  const counting = { purgeCalls: async (before: Date, limit: number) => {
    const purged = await store.purgeCalls(before, limit);
    batches.push(purged);
    return purged;
  } };
  const retention = startRetention({
    store: counting,
    retentionDays: 90,
    now: () => new Date(now),
    logger: createLogger('info', { write: (line: string) => void logs.push(line) }),
    batchSize: 2,
    intervalMs: 30,
  });
  try {
    // at start: the four calls older than 90 days, two at a time
    await retention.purge();
    expect(await listed()).toEqual(sids.slice(4).reverse());
    expect(batches.slice(0, 3)).toEqual([2, 2, 0]);
    expect(await store.getCallDetail(sids[0]!)).toBeUndefined();
    expect(store.events(sids[0]!)).toEqual([]);
    // two days on, the next scheduled purge takes the call started 89 days before T0
    now = T0 + 2 * DAY_MS;
    await expect.poll(listed, { timeout: 2000, interval: 20 }).toEqual(sids.slice(5).reverse());
    expect(logs.join('\n')).toMatch(/retention: purged 1 calls started before 2025-12-12T10:00:00.000Z/);
    expect(logs.join('\n')).not.toMatch(/612345601/);
  } finally {
    await retention.stop();
    await store.close();
  }
});
