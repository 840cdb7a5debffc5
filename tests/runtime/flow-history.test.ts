import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createFlowsDir, createTempDir, readShippedFlow, removeTempDirs, TestCall, TestRuntime } from './helpers.ts';

// A flow's publish history over real HTTP: who published (the token's name),
// the note, each version's content, rollback through the lint gate, discarding
// a draft, and re-importing an export.

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';
const ALICE_TOKEN = 'alice-token-for-tests-0123456789abcdef';
const BOB_TOKEN = 'bob-token-for-tests-0123456789abcdef00';
const STUDIO_FIXTURE = path.resolve(import.meta.dirname, '../fixtures/import/studio-ivr.json');

const runtimes: TestRuntime[] = [];

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) {
    const log = runtime.logs.join('\n');
    for (const token of [ADMIN_TOKEN, ALICE_TOKEN, BOB_TOKEN]) expect(log).not.toContain(token);
    await runtime.stop();
  }
  removeTempDirs();
});

async function startRuntime(): Promise<TestRuntime> {
  const runtime = await new TestRuntime({
    flowsDir: createFlowsDir(),
    dataDir: createTempDir('data'),
    env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN, HUMANLINE_ADMIN_TOKENS: `alice:${ALICE_TOKEN}, bob:${BOB_TOKEN}` },
  }).start();
  runtimes.push(runtime);
  return runtime;
}

async function api(runtime: TestRuntime, method: string, apiPath: string, body?: unknown, token = ADMIN_TOKEN): Promise<{ status: number; body: any }> {
  const response = await fetch(`${runtime.server.url}${apiPath}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: await response.json() };
}

function getBankFlow(greeting?: string): any {
  const flow = readShippedFlow('bank');
  delete flow.$schema;
  if (greeting !== undefined) flow.nodes.greeting.prompt = greeting;
  return flow;
}

/** Saves the flow as the draft and publishes it as the token's holder. */
async function publish(runtime: TestRuntime, flow: unknown, token: string, note?: string): Promise<number> {
  expect((await api(runtime, 'PUT', '/api/flows/bank', { flow }, token)).status).toBe(200);
  return (await api(runtime, 'POST', '/api/flows/bank/publish', note === undefined ? {} : { note }, token)).status;
}

async function getGreetingHeard(runtime: TestRuntime): Promise<string> {
  const call = new TestCall(runtime);
  await call.start('bank');
  return call.lastText;
}

const listVersions = async (runtime: TestRuntime) =>
  (await api(runtime, 'GET', '/api/flows/bank/versions')).body.versions.map(({ version, by, note }: { version: number; by: string; note?: string }) => [version, by, note]);

describe('publish history: who, the note, each version', () => {
  test('each named token records its holder and the note typed at publish; the single token is "admin"', async () => {
    const runtime = await startRuntime();
    expect(await publish(runtime, getBankFlow('Hello from Alice.'), ALICE_TOKEN, '  December opening hours  ')).toBe(200);
    expect(await publish(runtime, getBankFlow('Hello from Bob.'), BOB_TOKEN)).toBe(200);
    expect(await publish(runtime, getBankFlow('Hello from the admin.'), ADMIN_TOKEN, 'back to normal')).toBe(200);
    expect(await listVersions(runtime)).toEqual([
      [4, 'admin', 'back to normal'],
      [3, 'bob', undefined],
      [2, 'alice', 'December opening hours'],
      [1, 'flows folder', undefined],
    ]);
    expect((await api(runtime, 'GET', '/api/flows', undefined, 'carol-token-0123456789abcdef')).status).toBe(401);
  });

  test('a note is text of at most 500 characters; a refused one publishes nothing', async () => {
    const runtime = await startRuntime();
    expect((await api(runtime, 'PUT', '/api/flows/bank', { flow: getBankFlow('Not yet.') })).status).toBe(200);
    const tooLong = await api(runtime, 'POST', '/api/flows/bank/publish', { note: 'x'.repeat(501) });
    expect(tooLong).toEqual({ status: 400, body: { error: expect.stringContaining('at most 500 characters') } });
    expect((await api(runtime, 'POST', '/api/flows/bank/publish', { note: 42 })).status).toBe(400);
    expect((await api(runtime, 'POST', '/api/flows/bank/publish', { note: 'ok', extra: true })).status).toBe(400);
    expect(await listVersions(runtime)).toEqual([[1, 'flows folder', undefined]]);
    expect((await api(runtime, 'POST', '/api/flows/bank/publish', { note: 'x'.repeat(500) })).status).toBe(200);
  });

  test("a version's content is readable by its number", async () => {
    const runtime = await startRuntime();
    expect(await publish(runtime, getBankFlow('Version two.'), ALICE_TOKEN, 'two')).toBe(200);
    const first = await api(runtime, 'GET', '/api/flows/bank/versions/1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, by: 'flows folder', flow: { nodes: { greeting: { prompt: getBankFlow().nodes.greeting.prompt } } } });
    expect((await api(runtime, 'GET', '/api/flows/bank/versions/2')).body).toMatchObject({ version: 2, by: 'alice', note: 'two', flow: { nodes: { greeting: { prompt: 'Version two.' } } } });
    expect((await api(runtime, 'GET', '/api/flows/bank/versions/3')).status).toBe(404);
    expect((await api(runtime, 'GET', '/api/flows/bank/versions/two')).status).toBe(400);
    expect((await api(runtime, 'GET', '/api/flows/nothing/versions/1')).status).toBe(404);
  });
});

describe('rollback and discard', () => {
  test('a rollback puts an old version live again as a new version, "rollback to vN", by whoever asked', async () => {
    const runtime = await startRuntime();
    expect(await publish(runtime, getBankFlow('Version two.'), ALICE_TOKEN, 'two')).toBe(200);
    expect(await getGreetingHeard(runtime)).toContain('Version two.');

    const rolledBack = await api(runtime, 'POST', '/api/flows/bank/rollback', { version: 1 }, BOB_TOKEN);
    expect(rolledBack).toEqual({ status: 200, body: { published: true, version: 3 } });
    expect(await getGreetingHeard(runtime)).toContain(getBankFlow().nodes.greeting.prompt);
    expect(await listVersions(runtime)).toEqual([
      [3, 'bob', 'rollback to v1'],
      [2, 'alice', 'two'],
      [1, 'flows folder', undefined],
    ]);
    // what is live already, or a number the history does not have
    expect((await api(runtime, 'POST', '/api/flows/bank/rollback', { version: 1 })).status).toBe(409);
    expect((await api(runtime, 'POST', '/api/flows/bank/rollback', { version: 9 })).status).toBe(404);
    expect((await api(runtime, 'POST', '/api/flows/bank/rollback', { version: 'v2' })).status).toBe(400);
  });

  test('a version that no longer passes the lint gate is refused with 409 and its findings, and nothing changes', async () => {
    const runtime = await startRuntime();
    // a version published before today's rules: its menu's only way to a person is gone
    const broken = getBankFlow('An old broken version.');
    broken.nodes.greeting.next = 'does_not_exist';
    const store = runtime.runtime.store;
    await store.saveFlowVersion({ flowId: 'bank', versionId: 'old-broken', flowJson: JSON.stringify(broken) }, new Date());
    await store.savePublish({ flowId: 'bank', versionId: 'old-broken', publishedAt: new Date().toISOString(), by: 'alice' });
    expect(await publish(runtime, getBankFlow('Current.'), ADMIN_TOKEN)).toBe(200);

    const refused = await api(runtime, 'POST', '/api/flows/bank/rollback', { version: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/^version 2 of flow "bank" cannot be published: \d+ lint errors?/);
    expect(refused.body.findings.some((finding: { severity: string }) => finding.severity === 'error')).toBe(true);
    expect(await getGreetingHeard(runtime)).toContain('Current.');
    expect((await listVersions(runtime)).length).toBe(3);
  });

  test('"discard draft" returns the flow to what is published; a flow never published keeps its only draft', async () => {
    const runtime = await startRuntime();
    expect((await api(runtime, 'PUT', '/api/flows/bank', { flow: getBankFlow('Unfinished edit.') })).status).toBe(200);
    expect((await api(runtime, 'GET', '/api/flows/bank')).body.source).toBe('draft');
    expect(await api(runtime, 'POST', '/api/flows/bank/discard-draft', {})).toEqual({ status: 200, body: { discarded: true } });
    const opened = (await api(runtime, 'GET', '/api/flows/bank')).body;
    expect(opened.source).toBe('published');
    expect(opened.flow.nodes.greeting.prompt).toBe(getBankFlow().nodes.greeting.prompt);
    expect((await api(runtime, 'POST', '/api/flows/bank/discard-draft', {})).status).toBe(409);

    expect((await api(runtime, 'POST', '/api/flows/bank/duplicate', { to: 'copy' })).status).toBe(201);
    expect((await api(runtime, 'POST', '/api/flows/copy/discard-draft', {})).status).toBe(409);
    expect((await api(runtime, 'GET', '/api/flows/copy')).status).toBe(200);
  });
});

describe('re-import', () => {
  test('a second import of one export gets a distinct name, or replaces the first draft when asked', async () => {
    const runtime = await startRuntime();
    const studio = JSON.parse(readFileSync(STUDIO_FIXTURE, 'utf8'));
    const first = await api(runtime, 'POST', '/api/import', { data: studio, id: 'studio-ivr' });
    expect(first.status).toBe(201);
    const name: string = first.body.name;
    expect((await api(runtime, 'GET', '/api/flows/studio-ivr')).body.flow.name).toBe(name);

    const kept = await api(runtime, 'POST', '/api/import', { data: studio, id: 'studio-ivr-2' });
    expect(kept.body).toMatchObject({ id: 'studio-ivr-2', name: `${name} (2)` });
    expect((await api(runtime, 'GET', '/api/flows/studio-ivr-2')).body.flow.name).toBe(`${name} (2)`);

    // the first draft, edited since, is replaced by the export again
    const edited = (await api(runtime, 'GET', '/api/flows/studio-ivr')).body.flow;
    expect((await api(runtime, 'PUT', '/api/flows/studio-ivr', { flow: { ...edited, name: 'Edited by hand' } })).status).toBe(200);
    const replaced = await api(runtime, 'POST', '/api/import', { data: studio, replace: 'studio-ivr' });
    expect(replaced.status).toBe(201);
    expect(replaced.body).toMatchObject({ id: 'studio-ivr', name });
    expect((await api(runtime, 'GET', '/api/flows/studio-ivr')).body.flow.name).toBe(name);
    expect((await api(runtime, 'GET', '/api/flows')).body.map((flow: { id: string }) => flow.id)).toEqual(['bank', 'studio-ivr', 'studio-ivr-2']);

    expect((await api(runtime, 'POST', '/api/import', { data: studio, replace: 'nothing' })).status).toBe(404);
    expect((await api(runtime, 'POST', '/api/import', { data: studio, id: 'x', replace: 'studio-ivr' })).status).toBe(400);
  });
});
