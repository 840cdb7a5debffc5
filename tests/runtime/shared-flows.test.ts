import { utimesSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TestRedisServer } from '../helpers/redis-server.ts';
import { TestCall, callDesignerApi, createFlowsDir, createTempDir, readShippedFlow, spokenTexts, useTestRuntimes, writeFlow, type TestRuntime } from './helpers.ts';

// Replicas on one Redis share their published flows, drafts and publish
// history there: a publish on one replica is what every replica serves from
// its next call, with no restart and no shared disk.

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';
const SHIPPED_GREETING = 'Thank you for calling Acme Bank. This call may be recorded for quality and training.';

let redis: TestRedisServer;
let inspector: Redis;
const runtimes = useTestRuntimes();

beforeAll(async () => {
  redis = await TestRedisServer.start();
  inspector = new Redis(redis.url);
});
afterEach(async () => {
  await inspector.flushall();
});
afterAll(async () => {
  inspector.disconnect();
  await redis.remove();
});

/** A replica with its own flows folder (its own copy of the image), on the shared Redis. */
function startReplica(flowsDir = createFlowsDir()): Promise<TestRuntime> {
  return runtimes.start({ flowsDir, env: { HUMANLINE_REDIS_URL: redis.url, HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN } });
}

function api(runtime: TestRuntime, method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: any }> {
  return callDesignerApi(runtime, ADMIN_TOKEN, method, apiPath, body);
}

/** The bank flow as shipped with another greeting. */
function getBankGreeting(greeting: string): any {
  const flow = readShippedFlow('bank');
  delete flow.$schema;
  flow.nodes.greeting.prompt = greeting;
  return flow;
}

/** What a new call to bank hears first on this replica. */
async function getFirstWords(runtime: TestRuntime): Promise<string> {
  const call = new TestCall(runtime);
  return spokenTexts(await call.start('bank')).join(' ');
}

/** Polls until a new call hears the text (a publish reaches the other replicas by a message, not at once). */
async function waitToHear(runtime: TestRuntime, text: string): Promise<void> {
  const deadline = Date.now() + 5000;
  let heard = '';
  while (Date.now() < deadline) {
    heard = await getFirstWords(runtime);
    if (heard.includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(heard).toContain(text);
}

async function publishGreeting(runtime: TestRuntime, greeting: string): Promise<void> {
  expect((await api(runtime, 'PUT', '/api/flows/bank', { flow: getBankGreeting(greeting) })).status).toBe(200);
  expect(await api(runtime, 'POST', '/api/flows/bank/publish', {})).toEqual({ status: 200, body: { published: true } });
}

describe('replicas sharing their flows through Redis', () => {
  test('a publish on one replica is served by every replica from its next call, and opens and lists there with its history', async () => {
    const [first, second] = [await startReplica(), await startReplica()];
    expect(await getFirstWords(second)).toContain(SHIPPED_GREETING);

    await publishGreeting(first, 'Welcome to Acme Bank, now on every replica.');
    // the replica that published serves it from the very next call
    expect(await getFirstWords(first)).toContain('now on every replica');
    await waitToHear(second, 'now on every replica');

    const opened = await api(second, 'GET', '/api/flows/bank');
    expect(opened.body.source).toBe('published');
    expect(opened.body.flow.nodes.greeting.prompt).toBe('Welcome to Acme Bank, now on every replica.');
    expect((await api(second, 'GET', '/api/flows')).body).toEqual([expect.objectContaining({ id: 'bank', published: true, draft: false })]);
    const versions = (await api(second, 'GET', '/api/flows/bank/versions')).body.versions;
    expect(versions.map((version: { by: string }) => version.by)).toEqual(['admin', 'flows folder']);
    expect(versions[0].versionId).toBe(first.runtime.flows.getCurrent('bank')!.versionId);
    expect(second.logText()).toMatch(/flow bank published \(version/);
  });

  test('a draft saved on one replica opens on another, and is not served until published', async () => {
    const [first, second] = [await startReplica(), await startReplica()];
    expect((await api(first, 'PUT', '/api/flows/bank', { flow: getBankGreeting('Draft greeting.') })).status).toBe(200);

    const opened = await api(second, 'GET', '/api/flows/bank');
    expect(opened.body.source).toBe('draft');
    expect(opened.body.flow.nodes.greeting.prompt).toBe('Draft greeting.');
    expect(await getFirstWords(second)).toContain(SHIPPED_GREETING);
  });

  test('a replica started from an older copy of the flows folder serves the newer publish; a file changed after it wins on every replica', async () => {
    const first = await startReplica();
    await publishGreeting(first, 'Published in the designer.');

    // an image built before the publish: its file is older than the publish
    const oldImage = createFlowsDir();
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(path.join(oldImage, 'bank.json'), hourAgo, hourAgo);
    const late = await startReplica(oldImage);
    expect(await getFirstWords(late)).toContain('Published in the designer.');
    expect(await getFirstWords(first)).toContain('Published in the designer.');

    // an operator's edit of the file, after the publish, is the newest word
    writeFlow(oldImage, 'bank', getBankGreeting('Edited in the file.'));
    await waitToHear(late, 'Edited in the file.');
    await waitToHear(first, 'Edited in the file.');
    const versions = (await api(first, 'GET', '/api/flows/bank/versions')).body.versions;
    expect(versions.map((version: { by: string }) => version.by)).toEqual(['flows folder', 'admin', 'flows folder']);
  });

  test('a flow deleted in the designer stops on every replica, and an older file does not bring it back at a restart', async () => {
    const flowsDir = createFlowsDir();
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(path.join(flowsDir, 'bank.json'), hourAgo, hourAgo);
    const [first, second] = [await startReplica(flowsDir), await startReplica(createFlowsDir())];

    expect(await api(first, 'DELETE', '/api/flows/bank')).toEqual({ status: 200, body: { deleted: true } });
    const deadline = Date.now() + 5000;
    while (second.runtime.flows.getCurrent('bank') !== undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await getFirstWords(second)).not.toContain(SHIPPED_GREETING);

    await runtimes.stop(first);
    const restarted = await startReplica(flowsDir);
    expect(await getFirstWords(restarted)).not.toContain(SHIPPED_GREETING);
    expect((await api(restarted, 'GET', '/api/flows')).body).toEqual([]);
  });

  test('with Redis gone the designer API answers 503 saying so, and works again when it is back', async () => {
    const replica = await startReplica();
    await redis.stop();
    try {
      const answer = await api(replica, 'GET', '/api/flows');
      expect(answer.status).toBe(503);
      expect(answer.body.error).toMatch(/^the flows cannot be reached right now \(.*Redis at redis:\/\/127\.0\.0\.1:\d+.*\); nothing was changed, try again in a moment$/);
      expect((await api(replica, 'PUT', '/api/flows/bank', { flow: getBankGreeting('Lost?') })).status).toBe(503);
    } finally {
      await redis.start();
    }
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await api(replica, 'GET', '/api/flows')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
  });
});

describe('replicas judge a flow in the line of the flows published in Redis', () => {
  const agent = { kind: 'transfer', to: { number: '+12125550100' }, on: { answered: 'bye', busy: 'message', noAnswer: 'message', failed: 'message' } };
  const message = { kind: 'voicemail', prompt: 'Please leave a message after the tone.', maxLength: 60, next: 'bye' };
  const bye = { kind: 'hangup', prompt: 'Goodbye.' };
  /** a flow that says its line's name and hands the call to `flow` */
  const getLinking = (name: string, flow: string) => ({ name, entry: 'hello', nodes: { hello: { kind: 'say', prompt: `${name} line.`, next: 'onward' }, onward: { kind: 'goto', flow, on: { failed: 'agent' } }, agent, message, bye } });
  const desk = { name: 'Desk', entry: 'hello', nodes: { hello: { kind: 'say', prompt: 'Desk line.', next: 'agent' }, agent, message, bye } };

  test('two linked files of one folder are served by every replica, and the designer publishes only a goto that resolves', async () => {
    const flowsDir = createTempDir('flows');
    // a_front is read first and links to b_desk
    writeFlow(flowsDir, 'a_front', getLinking('Front', 'b_desk'));
    writeFlow(flowsDir, 'b_desk', desk);
    const first = await startReplica(flowsDir);
    const second = await startReplica();
    for (const replica of [first, second]) {
      const call = new TestCall(replica);
      expect(spokenTexts(await call.start('a_front'))).toEqual(['Front line.', 'Desk line.']);
    }

    expect((await api(second, 'PUT', '/api/flows/c_sales', { flow: getLinking('Sales', 'billing') })).status).toBe(200);
    const refused = await api(second, 'POST', '/api/flows/c_sales/publish', {});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/missing-target at node "onward"/);
    expect(second.runtime.flows.getCurrent('c_sales')).toBeUndefined();

    expect((await api(second, 'PUT', '/api/flows/c_sales', { flow: getLinking('Sales', 'a_front') })).status).toBe(200);
    expect(await api(second, 'POST', '/api/flows/c_sales/publish', {})).toEqual({ status: 200, body: { published: true } });
    const deadline = Date.now() + 5000;
    while (first.runtime.flows.getCurrent('c_sales') === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const call = new TestCall(first);
    expect(spokenTexts(await call.start('c_sales'))).toEqual(['Sales line.', 'Front line.', 'Desk line.']);
  });
});
