import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../../runtime/logger.ts';
import { CALL_TTL_SECONDS, EVENTS_TTL_SECONDS, createRedisStore, type RedisStore } from '../../runtime/store/redis-store.ts';
import { StoreError } from '../../runtime/errors.ts';
import { getFreePort, TestRedisServer } from '../helpers/redis-server.ts';
import { createRecord, describeCallStoreContract, newCallSid, type StoreUnderTest } from './call-store.contract.ts';
import { describeCallSummaryContract } from './call-summaries.contract.ts';
import { describeMeasuredEvidenceContract } from './measured-evidence.contract.ts';

let redis: TestRedisServer;
const logs: string[] = [];
const logger = createLogger('info', { write: (line: string) => void logs.push(line) });

beforeAll(async () => {
  redis = await TestRedisServer.start();
});
afterAll(async () => {
  await redis.remove();
});

async function openRedis(keyPrefix = 'contract:'): Promise<StoreUnderTest & { store: RedisStore }> {
  const store = await createRedisStore({ url: redis.url, logger, keyPrefix });
  return {
    store,
    getEvents: (callSid) => store.getEvents(callSid),
    reopen: async () => {
      await store.close();
      return openRedis(keyPrefix);
    },
  };
}

describeCallStoreContract('Redis', () => openRedis());
describeCallSummaryContract('Redis', () => openRedis());
describeMeasuredEvidenceContract('Redis', () => openRedis());

describe('Redis store', () => {
  const inspect = () => new Redis(redis.url);

  test('measured evidence reads every call of the period a page at a time, also past a page of calls started in the same millisecond', async () => {
    const { store } = await openRedis('measures-pages:');
    try {
      const flowId = `flow-${newCallSid().toLowerCase()}`;
      const startedAt = new Date('2026-05-04T08:00:00.000Z');
      const start = (ms: number) => ({ at: new Date(startedAt.getTime() + ms), start: { flowId, versionId: 'v1', caller: '+34612345601' } });
      // 1500 calls in one millisecond (past the 1000 a page reads), then 10 more, each a millisecond later
      const sids = Array.from({ length: 1510 }, () => newCallSid());
      for (let first = 0; first < sids.length; first += 100) {
        await Promise.all(sids.slice(first, first + 100).map((sid, index) => store.updateCallSummary(sid, start(first + index < 1500 ? 0 : first + index - 1499))));
      }
      await store.updateCallSummary(sids[1499]!, { at: new Date(startedAt.getTime() + 5), personAsked: true });
      const evidence = await store.getMeasuredEvidence(flowId, startedAt, new Date(startedAt.getTime() + 60_000));
      expect(evidence.calls).toBe(1510);
      expect(evidence.measures.attendedWithin180s).toEqual({ value: 0, calls: 1 });
    } finally {
      await store.close();
    }
  });

  test('every key of a call expires (at least 4 hours after its last step), and each step refreshes it', async () => {
    const { store } = await openRedis('ttl:');
    const client = inspect();
    try {
      const callSid = newCallSid();
      const at = new Date();
      await store.saveStep({ record: createRecord(callSid, 1), expectedSeq: undefined, answerSeq: -1, twiml: 'a', events: { list: [{ type: 'nodeEntered', nodeId: 'a' }], at } });
      await store.setStatus(callSid, 'in-progress', at);
      await store.setQueueLeave(callSid, 1, 'timeout');
      for (const key of ['call', 'answers', 'status', 'queue-leave']) {
        const ttl = await client.ttl(`ttl:${key}:${callSid}`);
        expect(ttl, key).toBeGreaterThanOrEqual(4 * 60 * 60);
        expect(ttl, key).toBeLessThanOrEqual(CALL_TTL_SECONDS);
      }
      expect(await client.ttl(`ttl:events:${callSid}`)).toBeGreaterThan(CALL_TTL_SECONDS);
      expect(await client.ttl(`ttl:events:${callSid}`)).toBeLessThanOrEqual(EVENTS_TTL_SECONDS);

      await client.expire(`ttl:call:${callSid}`, 60);
      await client.expire(`ttl:answers:${callSid}`, 60);
      await store.saveStep({ record: createRecord(callSid, 2), expectedSeq: 1, answerSeq: 1, twiml: 'b' });
      expect(await client.ttl(`ttl:call:${callSid}`)).toBeGreaterThan(CALL_TTL_SECONDS - 60);
      expect(await client.ttl(`ttl:answers:${callSid}`)).toBeGreaterThan(CALL_TTL_SECONDS - 60);
    } finally {
      client.disconnect();
      await store.close();
    }
  });

  test("indexes a flow's calls by start time for analytics, once per call", async () => {
    const { store } = await openRedis('index:');
    try {
      const flowId = `flow-${newCallSid().toLowerCase()}`;
      const first = newCallSid();
      const second = newCallSid();
      const startedAt = new Date();
      const start = () => ({ at: startedAt, start: { flowId, versionId: 'v1', caller: '+34612345601' } });
      await store.saveStep({ record: createRecord(first, 1, flowId), expectedSeq: undefined, answerSeq: -1, twiml: 'a', summary: start() });
      await store.saveStep({ record: createRecord(first, 2, flowId), expectedSeq: 1, answerSeq: 1, twiml: 'b', summary: { at: new Date() } });
      await store.saveStep({ record: createRecord(second, 1, flowId), expectedSeq: undefined, answerSeq: -1, twiml: 'c', summary: start() });
      const range = { flowId, from: new Date(startedAt.getTime() - 60_000), to: new Date(startedAt.getTime() + 60_000) };
      const listed = await store.listCalls(range, { limit: 10 });
      expect(listed.total).toBe(2);
      expect(listed.calls.map((call) => call.callSid).sort()).toEqual([first, second].sort());
      expect((await store.listCalls({ ...range, from: new Date(startedAt.getTime() + 1000) }, { limit: 10 })).calls).toEqual([]);
    } finally {
      await store.close();
    }
  });

  test('stores under different prefixes share one Redis without seeing each other', async () => {
    const one = await openRedis('one:');
    const two = await openRedis('two:');
    try {
      const callSid = newCallSid();
      await one.store.saveStep({ record: createRecord(callSid, 1), expectedSeq: undefined, answerSeq: -1, twiml: 'a' });
      expect(await two.store.getCall(callSid)).toBeUndefined();
    } finally {
      await one.store.close();
      await two.store.close();
    }
  });

  test("a step's read may come from the replica's own last save; another replica's step makes its save a conflict, and plain reads always go to Redis", async () => {
    const mine = await openRedis('replicas:');
    const other = await openRedis('replicas:');
    try {
      const callSid = newCallSid();
      await mine.store.saveStep({ record: createRecord(callSid, 1), expectedSeq: undefined, answerSeq: -1, twiml: 'entry' });
      expect(await mine.store.getCall(callSid, 1)).toEqual(createRecord(callSid, 1));
      // the other replica answers the wait at seq 1
      expect(await other.store.saveStep({ record: createRecord(callSid, 2, 'moved'), expectedSeq: 1, answerSeq: 1, twiml: 'theirs' })).toBe('saved');
      expect((await mine.store.getCall(callSid))?.flowId).toBe('moved');
      // a duplicate of that webhook on this replica starts from its own save, and its step is refused
      expect((await mine.store.getCall(callSid, 1))?.state.seq).toBe(1);
      expect(await mine.store.saveStep({ record: createRecord(callSid, 2), expectedSeq: 1, answerSeq: 1, twiml: 'mine' })).toBe('conflict');
      expect(await mine.store.getAnswer(callSid, 1)).toBe('theirs');
      expect(await mine.store.getCall(callSid, 2)).toEqual(createRecord(callSid, 2, 'moved'));
    } finally {
      await mine.store.close();
      await other.store.close();
    }
  });

  test('refuses to start when Redis cannot be reached, naming the URL without its password and the cause', async () => {
    const port = await getFreePort();
    const started = Date.now();
    const error = await createRedisStore({ url: `redis://user:hunter2-secret@127.0.0.1:${port}`, logger }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain(`redis://user:***@127.0.0.1:${port}`);
    expect((error as Error).message).toContain('HUMANLINE_REDIS_URL');
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect((error as Error).message).not.toContain('hunter2');
    expect(logs.join('\n')).not.toContain('hunter2');
    // it never ran, so it never was unreachable "until it is back": the start fails instead
    expect(logs.join('\n')).not.toContain('Redis unreachable');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
