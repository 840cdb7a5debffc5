import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, test } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { runScenario } from '../../core/testing/run-scenario.ts';
import { parseScenarioFile } from '../../core/testing/scenario.ts';
import { createFlowsDir, createTempDir, removeTempDirs, TestRuntime } from './helpers.ts';
import { PROJECT_ROOT, runBin } from '../cli/helpers.ts';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';
const AUTH = { Authorization: `Bearer ${ADMIN_TOKEN}` };

const runtimes: TestRuntime[] = [];

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.stop();
  removeTempDirs();
});

async function startRuntime(): Promise<{ runtime: TestRuntime; testsDir: string; flowsDir: string }> {
  const flowsDir = createFlowsDir();
  const testsDir = path.join(createTempDir('project'), 'tests', 'scenarios');
  const runtime = await new TestRuntime({ flowsDir, dataDir: createTempDir('data'), env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN, HUMANLINE_TESTS: testsDir } }).start();
  runtimes.push(runtime);
  return { runtime, testsDir, flowsDir };
}

async function api(runtime: TestRuntime, method: string, apiPath: string, body?: unknown, headers: Record<string, string> = AUTH): Promise<{ status: number; body: any }> {
  const response = await fetch(`${runtime.server.url}${apiPath}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: await response.json() };
}

const PRESS_ZERO = {
  name: 'Press 0 → an agent',
  environment: { at: '2026-06-01T12:00:00-04:00' },
  steps: [{ expect: { prompt: { contains: 'press 0 or just say agent' } } }, { press: '0' }, { reaches: { node: 'agent_queue' } }, { reaches: { person: true } }],
};

describe('the designer API\'s tests folder (HUMANLINE_TESTS)', () => {
  test('saves a scenario as <flowId>-<slug>.test.yaml with the schema line and the flow relative to the folder; the file passes on the flow', async () => {
    const { runtime, testsDir, flowsDir } = await startRuntime();
    const saved = await api(runtime, 'POST', '/api/flows/bank/tests', { scenario: PRESS_ZERO });
    expect(saved).toEqual({ status: 201, body: { file: 'bank-press-0-an-agent.test.yaml' } });

    const text = readFileSync(path.join(testsDir, 'bank-press-0-an-agent.test.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+core\/testing\/scenario\.schema\.json\n/);
    const schemaPath = text.split('\n')[0]!.split('$schema=')[1]!;
    expect(existsSync(path.resolve(testsDir, schemaPath))).toBe(true);
    expect(text).toContain('  - press: "0"');
    const parsed = parseScenarioFile(parse(text));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const [scenario] = parsed.scenarios;
    expect(path.resolve(testsDir, scenario!.flow)).toBe(path.join(flowsDir, 'bank.json'));
    const flow = JSON.parse(readFileSync(path.join(flowsDir, 'bank.json'), 'utf8')) as Flow;
    expect(runScenario(scenario!, flow).passed).toBe(true);
  });

  test('a saved file passes under the built humanline test, run on the folder from inside it or from elsewhere: its flow path holds from where it lands', async () => {
    const { runtime, testsDir } = await startRuntime();
    await api(runtime, 'POST', '/api/flows/bank/tests', { scenario: PRESS_ZERO });
    const callBack = {
      name: 'Lost card, call back from hold',
      environment: { at: '2026-06-01T12:00:00-04:00', agents: { fraud_transfer: 'busy' }, queues: { fraud_queue: 'callback' } },
      steps: [{ say: 'lost card' }, { say: 'lost card' }, { reaches: { node: 'fraud_callback' } }, { reaches: { followUp: true } }],
    };
    expect((await api(runtime, 'POST', '/api/flows/bank/tests', { scenario: callBack })).status).toBe(201);

    const inside = await runBin(['test', '.', '-f', 'json'], testsDir);
    expect(inside.stderr).toBe('');
    expect(inside.code).toBe(0);
    const results = JSON.parse(inside.stdout).scenarios as Array<{ name: string; passed: boolean }>;
    expect(results.map(({ name, passed }) => [name, passed]).sort()).toEqual([['Lost card, call back from hold', true], ['Press 0 → an agent', true]]);
    const elsewhere = await runBin(['test', testsDir], PROJECT_ROOT);
    expect(elsewhere.code).toBe(0);
  });

  test('lists the flow\'s scenario files with their scenarios, and none of another flow\'s', async () => {
    const { runtime, testsDir } = await startRuntime();
    expect(await api(runtime, 'GET', '/api/flows/bank/tests')).toEqual({ status: 200, body: { files: [] } });
    await api(runtime, 'POST', '/api/flows/bank/tests', { scenario: PRESS_ZERO });
    writeFileSync(path.join(testsDir, 'other.test.yaml'), 'flow: ../other.json\nname: elsewhere\nsteps:\n  - press: "1"\n');
    writeFileSync(path.join(testsDir, 'broken.test.yaml'), 'flow: [');
    const listed = await api(runtime, 'GET', '/api/flows/bank/tests');
    expect(listed.status).toBe(200);
    expect(listed.body.files).toHaveLength(1);
    expect(listed.body.files[0].file).toBe('bank-press-0-an-agent.test.yaml');
    expect(listed.body.files[0].scenarios[0]).toMatchObject({ name: 'Press 0 → an agent', steps: PRESS_ZERO.steps });
  });

  test('refuses to overwrite a file of the same name (409) unless the user confirmed', async () => {
    const { runtime, testsDir } = await startRuntime();
    await api(runtime, 'POST', '/api/flows/bank/tests', { scenario: PRESS_ZERO });
    const changed = { ...PRESS_ZERO, steps: [{ press: '0' }] };
    const again = await api(runtime, 'POST', '/api/flows/bank/tests', { scenario: changed });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/bank-press-0-an-agent\.test\.yaml exists already/);
    expect(readFileSync(path.join(testsDir, 'bank-press-0-an-agent.test.yaml'), 'utf8')).toContain('press 0 or just say agent');
    expect((await api(runtime, 'POST', '/api/flows/bank/tests', { scenario: changed, overwrite: true })).status).toBe(201);
    expect(readFileSync(path.join(testsDir, 'bank-press-0-an-agent.test.yaml'), 'utf8')).not.toContain('press 0 or just say agent');
  });

  test('a name with ../ or slashes cannot leave the folder: the server makes the file name', async () => {
    const { runtime, testsDir } = await startRuntime();
    const saved = await api(runtime, 'POST', '/api/flows/bank/tests', { scenario: { ...PRESS_ZERO, name: '../../../etc/passwd' } });
    expect(saved).toEqual({ status: 201, body: { file: 'bank-etc-passwd.test.yaml' } });
    expect(readdirSync(testsDir)).toEqual(['bank-etc-passwd.test.yaml']);
    expect((await api(runtime, 'POST', '/api/flows/..%2F..%2Fx/tests', { scenario: PRESS_ZERO })).status).toBe(400);
    expect((await api(runtime, 'POST', '/api/flows/bank/tests', { scenario: { ...PRESS_ZERO, name: '../..' } })).status).toBe(400);
  });

  test('refuses a bad body with 400 and what is wrong, writing nothing', async () => {
    const { runtime, testsDir } = await startRuntime();
    for (const body of [{ scenario: { ...PRESS_ZERO, steps: [{ press: 'x' }] } }, { scenario: { ...PRESS_ZERO, flow: '/etc/passwd' } }, { scenario: PRESS_ZERO, file: '../x.yaml' }, 'not json']) {
      const answer = await api(runtime, 'POST', '/api/flows/bank/tests', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toEqual(expect.any(String));
    }
    expect(existsSync(testsDir)).toBe(false);
  });

  test('refuses a cross-site request and one without the token', async () => {
    const { runtime, testsDir } = await startRuntime();
    const login = await fetch(`${runtime.server.url}/login?token=${ADMIN_TOKEN}`, { redirect: 'manual' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await api(runtime, 'POST', '/api/flows/bank/tests', { scenario: PRESS_ZERO }, { Cookie: cookie, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await api(runtime, 'POST', '/api/flows/bank/tests', { scenario: PRESS_ZERO }, {})).status).toBe(401);
    expect((await api(runtime, 'GET', '/api/flows/bank/tests', undefined, {})).status).toBe(401);
    expect(existsSync(testsDir)).toBe(false);
  });
});
