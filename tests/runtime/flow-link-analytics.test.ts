import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TestRedisServer } from '../helpers/redis-server.ts';
import { createTempDir, OPEN_HOURS, TestCall, useTestRuntimes, writeFlow, type TestRuntime } from './helpers.ts';
import { ADMIN_TOKEN, agent, bye, message, toAgentWhenLost } from './line-nodes.ts';

// The insights of a line of two flows, over real signed webhooks: a call that a goto hands from
// the front flow to the billing flow counts each node in the flow it is in (both flows have a
// `main` and an `agent`), and in the call totals of both flows it entered.

const T0 = OPEN_HOURS.getTime();
const HOUR = { from: new Date(T0), to: new Date(T0 + 3600_000) };

const frontFlow = {
  name: 'Front',
  entry: 'main',
  nodes: {
    main: {
      kind: 'menu',
      prompt: 'Welcome. For billing press 1, for an agent press 0.',
      options: [
        { key: '1', label: 'Billing', next: 'to_billing' },
        { key: '0', label: 'Agent', next: 'agent' },
      ],
      ...toAgentWhenLost,
    },
    to_billing: { kind: 'goto', flow: 'billing', on: { failed: 'agent' } },
    agent,
    message,
    bye,
  },
};

const billingFlow = {
  name: 'Billing',
  entry: 'hello',
  nodes: {
    hello: { kind: 'say', prompt: 'Billing.', next: 'main' },
    main: {
      kind: 'menu',
      prompt: 'For your balance press 1, for an agent press 0.',
      options: [
        { key: '1', label: 'Balance', next: 'balance' },
        { key: '0', label: 'Agent', next: 'agent' },
      ],
      ...toAgentWhenLost,
    },
    balance: { kind: 'hangup', prompt: 'Your balance is zero.' },
    agent,
    message,
    bye,
  },
};

const runtimes = useTestRuntimes();

/** The line on a clock the test moves; `env` picks the runtime's store (SQLite when empty). */
async function startLine(env: Record<string, string>): Promise<{ runtime: TestRuntime; at: (seconds: number) => void }> {
  const flowsDir = createTempDir('flows');
  writeFlow(flowsDir, 'front', frontFlow);
  writeFlow(flowsDir, 'billing', billingFlow);
  let now = T0;
  const runtime = await runtimes.start({ flowsDir, now: () => new Date(now), env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN, ...env } });
  for (const flowId of ['front', 'billing']) expect(runtime.runtime.flows.getCurrent(flowId), `flow ${flowId} published`).toBeDefined();
  return { runtime, at: (seconds) => void (now = T0 + seconds * 1000) };
}

const status = (runtime: TestRuntime, call: TestCall) => runtime.post('/twilio/status', { CallSid: call.callSid, CallStatus: 'completed' });

/**
 * Five calls: `balance` goes to billing and chooses its balance; `billingAgent` goes to billing and asks for an
 * agent there, who answers; `frontAgent` asks for the front's agent; `leaves` goes to billing and hangs up at its
 * menu; `direct` calls billing itself and hangs up at its menu after saying nothing.
 */
async function placeCalls(runtime: TestRuntime, at: (seconds: number) => void): Promise<void> {
  const balance = new TestCall(runtime);
  at(0);
  await balance.start('front');
  at(5);
  await balance.press('1');
  at(10);
  await balance.press('1');
  at(11);
  await status(runtime, balance);

  const billingAgent = new TestCall(runtime);
  at(100);
  await billingAgent.start('front');
  at(105);
  await billingAgent.press('1');
  at(110);
  await billingAgent.press('0');
  at(140);
  await billingAgent.dialEnds('completed');
  at(141);
  await status(runtime, billingAgent);

  const frontAgent = new TestCall(runtime);
  at(200);
  await frontAgent.start('front');
  at(204);
  await frontAgent.press('0');
  at(224);
  await frontAgent.dialEnds('completed');
  at(225);
  await status(runtime, frontAgent);

  const leaves = new TestCall(runtime);
  at(300);
  await leaves.start('front');
  at(305);
  await leaves.press('1');
  at(320);
  await status(runtime, leaves);

  const direct = new TestCall(runtime);
  at(400);
  await direct.start('billing');
  at(405);
  await direct.press('');
  at(410);
  await status(runtime, direct);
}

/** What callers did at each node of a flow's figures: visits, drop-offs, zero-outs, silences, wrong keys. */
const toNodeCounts = (nodes: Record<string, { visits: number; dropOffs: number; zeroOuts: number; noInputs: number; noMatches: number }>) =>
  Object.fromEntries(Object.entries(nodes).map(([nodeId, { visits, dropOffs, zeroOuts, noInputs, noMatches }]) => [nodeId, { visits, dropOffs, zeroOuts, noInputs, noMatches }]));
const counts = (figures: Partial<{ visits: number; dropOffs: number; zeroOuts: number; noInputs: number }>) => ({ visits: 0, dropOffs: 0, zeroOuts: 0, noInputs: 0, noMatches: 0, ...figures });

function describeLineInsights(name: string, getEnv: () => Record<string, string>) {
  describe(`${name}: a call handed from one flow to another by a goto`, () => {
    test('counts each node in the flow it is in, and the call in the totals of both flows it entered', async () => {
      const { runtime, at } = await startLine(getEnv());
      await placeCalls(runtime, at);
      const { store } = runtime.runtime;

      const front = await store.getFlowAnalytics({ flowId: 'front', ...HOUR }, 60);
      expect(toNodeCounts(front.nodes)).toEqual({
        main: counts({ visits: 4, zeroOuts: 1 }),
        to_billing: counts({ visits: 3 }),
        agent: counts({ visits: 1 }),
        bye: counts({ visits: 1 }),
      });
      expect(front.edges).toEqual([
        { from: 'agent', to: 'bye', calls: 1 },
        { from: 'main', to: 'agent', calls: 1 },
        { from: 'main', to: 'to_billing', calls: 3 },
      ]);
      // every call that started in front, wherever it ended
      expect(front).toMatchObject({
        calls: 4,
        outcomes: { person: 2, callerChoice: 1, hungUp: 1, inProgress: 0 },
        timeToPerson: { p50: 24, p95: 40 },
        abandonment: { inMenu: 1, inQueue: 0 },
      });

      const billing = await store.getFlowAnalytics({ flowId: 'billing', ...HOUR }, 60);
      expect(toNodeCounts(billing.nodes)).toEqual({
        hello: counts({ visits: 4 }),
        main: counts({ visits: 4, zeroOuts: 1, noInputs: 1, dropOffs: 2 }),
        balance: counts({ visits: 1 }),
        agent: counts({ visits: 1 }),
        bye: counts({ visits: 1 }),
      });
      expect(billing.edges).toEqual([
        { from: 'agent', to: 'bye', calls: 1 },
        { from: 'hello', to: 'main', calls: 4 },
        { from: 'main', to: 'agent', calls: 1 },
        { from: 'main', to: 'balance', calls: 1 },
      ]);
      // the three calls front handed over, and the one that called billing itself
      expect(billing).toMatchObject({
        calls: 4,
        outcomes: { person: 1, callerChoice: 1, hungUp: 2, inProgress: 0 },
        timeToPerson: { p50: 40, p95: 40 },
        abandonment: { inMenu: 2, inQueue: 0 },
      });

      // a call a goto moved to billing counts in the billing version it ran
      const billingVersion = runtime.runtime.flows.getCurrent('billing')!.versionId;
      expect((await store.getFlowAnalytics({ flowId: 'billing', ...HOUR, versionId: billingVersion }, 60)).calls).toBe(4);
      expect((await store.getFlowAnalytics({ flowId: 'billing', ...HOUR, versionId: runtime.runtime.flows.getCurrent('front')!.versionId }, 60)).calls).toBe(0);
      expect((await store.getMeasuredEvidence('billing', HOUR.from, HOUR.to)).calls).toBe(4);
      expect((await store.getMeasuredEvidence('front', HOUR.from, HOUR.to)).calls).toBe(4);
      // the designer's node export of billing: billing's nodes, nothing of front's
      const query = `from=${HOUR.from.toISOString()}&to=${HOUR.to.toISOString()}`;
      const csv = await fetch(`${runtime.server.url}/api/flows/billing/analytics/nodes.csv?${query}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(csv.status).toBe(200);
      const rows = (await csv.text()).trim().split(/\r?\n/).slice(1).map((row) => row.split(',').slice(0, 6).join(','));
      expect(rows).toEqual(['agent,1,0,0,0,0', 'balance,1,0,0,0,0', 'bye,1,0,0,0,0', 'hello,4,0,0,0,0', 'main,4,2,1,1,0']);
      const listed = await store.listCalls({ flowId: 'billing', ...HOUR }, { limit: 10 });
      expect(listed.calls.map((call) => call.flowId)).toEqual(['billing', 'front', 'front', 'front']);
      // the CSV says which flow each version belongs to: three of billing's calls started in front
      const calls = await fetch(`${runtime.server.url}/api/flows/billing/calls.csv?${query}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      const [header, ...callRows] = (await calls.text()).trim().split(/\r?\n/);
      const flowColumn = header!.split(',').indexOf('flowId');
      const versionColumn = header!.split(',').indexOf('versionId');
      expect(callRows.map((row) => row.split(',')[flowColumn])).toEqual(['billing', 'front', 'front', 'front']);
      expect(callRows.map((row) => row.split(',')[versionColumn])).toEqual(listed.calls.map((call) => call.versionId));
    });
  });
}

describeLineInsights('SQLite', () => ({}));

describe('Redis', () => {
  let redis: TestRedisServer;
  beforeAll(async () => {
    redis = await TestRedisServer.start();
  });
  afterAll(async () => {
    await redis.remove();
  });
  describeLineInsights('Redis', () => ({ HUMANLINE_REDIS_URL: redis.url }));
});
