import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { createWebhookClient } from '../../cli/test-over-webhooks/webhook-client.ts';
import { runScenarioOverWebhooks } from '../../cli/test-over-webhooks/run-scenario-over-webhooks.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import { runScenario } from '../../core/testing/run-scenario.ts';
import { generateScenarios } from '../../core/testing/generate.ts';
import { parseScenarioFile, type Scenario } from '../../core/testing/scenario.ts';
import { SHIPPED_FLOW_IDS, SHIPPED_FLOWS_DIR, type ShippedFlowId } from '../helpers/shipped-flows.ts';
import { AUTH_TOKEN, createFlowsDir, PUBLIC_BASE_URL, useTestRuntimes, type TestRuntime } from '../runtime/helpers.ts';
import { createProject, runCli } from './helpers.ts';

// The second engine: the shipped scenarios played end to end against a real
// runtime on loopback, over signed webhooks, and compared step by step with
// the offline engine.

const REPO = path.resolve(import.meta.dirname, '../..');
const SCENARIOS_DIR = path.join(REPO, 'tests/scenarios');

function loadFlow(flowId: ShippedFlowId): Flow {
  const parsed = parseFlow(JSON.parse(readFileSync(path.join(SHIPPED_FLOWS_DIR, `${flowId}.json`), 'utf8')));
  if (!parsed.ok) throw new Error(`shipped flow ${flowId} does not parse`);
  return parsed.flow;
}

/** The scenarios both engines must agree on, per flow: the hand-written ones and the whole generated suite. */
function getScenariosOf(flowId: ShippedFlowId, flow: Flow): Scenario[] {
  const parsed = parseScenarioFile(parse(readFileSync(path.join(SCENARIOS_DIR, `${flowId}.test.yaml`), 'utf8')));
  if (!parsed.ok) throw new Error(`tests/scenarios/${flowId}.test.yaml does not parse`);
  return [...parsed.scenarios, ...generateScenarios(flow, `../../flows/${flowId}.json`)];
}

const isCallerStep = (step: Scenario['steps'][number]) => step.press !== undefined || step.say !== undefined || step.silence !== undefined || step.hangup !== undefined;

const runtimes = useTestRuntimes();
const startRuntime = (env: Record<string, string> = { HUMANLINE_TEST_CALLS: 'on' }): Promise<TestRuntime> =>
  runtimes.start({ flowsDir: createFlowsDir(Object.fromEntries(SHIPPED_FLOW_IDS.map((id) => [id, () => undefined]))), env });

describe('humanline test --url: the same scenarios end to end over signed webhooks', () => {
  test('both engines agree step by step on every scenario of every shipped flow: statuses and the prompts heard before each caller step', async () => {
    const runtime = await startRuntime();
    const client = createWebhookClient({ url: runtime.server.url, publicUrl: PUBLIC_BASE_URL, authToken: AUTH_TOKEN, timeoutMs: 10_000 });
    let compared = 0;
    for (const flowId of SHIPPED_FLOW_IDS) {
      const flow = loadFlow(flowId);
      for (const scenario of getScenariosOf(flowId, flow)) {
        const offlineHeard = new Map<number, string[]>();
        const webhookHeard = new Map<number, string[]>();
        const offline = runScenario(scenario, flow, (index, heard) => offlineHeard.set(index, heard));
        const overWebhooks = await runScenarioOverWebhooks(scenario, flow, { client, voiceUrl: `${PUBLIC_BASE_URL}/twilio/voice/${flowId}` }, (index, heard) =>
          webhookHeard.set(index, heard),
        );
        const where = `${flowId}: ${scenario.name}`;
        expect(overWebhooks.steps.map((step) => step.status), where).toEqual(offline.steps.map((step) => step.status));
        expect(overWebhooks.passed, where).toBe(offline.passed);
        scenario.steps.forEach((step, index) => {
          if (isCallerStep(step) && offlineHeard.has(index)) expect(webhookHeard.get(index), `${where}, step ${index + 1}`).toEqual(offlineHeard.get(index));
        });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(SHIPPED_FLOW_IDS.length);
  });

  test('the CLI runs the shipped scenarios against the runtime and they pass (exit 0)', async () => {
    const runtime = await startRuntime();
    const run = await runCli(['test', 'tests/scenarios', '--url', runtime.server.url, '--public-url', PUBLIC_BASE_URL, '--auth-token', AUTH_TOKEN, '-f', 'json'], { cwd: REPO });
    // progress only: a run of many scenarios says how many, and over the network where it is
    for (const line of run.stderr.trim().split('\n')) expect(line).toMatch(/^humanline: (scenario \d+ of \d+ against |running \d+ scenarios from \d+ files$)/);
    type Results = Array<{ name: string; passed: boolean }>;
    // the report is a list of results, or (with coverage) { scenarios }
    const report = JSON.parse(run.stdout) as Results | { scenarios: Results };
    const results = Array.isArray(report) ? report : report.scenarios;
    expect(results.filter((result) => !result.passed)).toEqual([]);
    expect(results.length).toBeGreaterThan(4);
    expect(run.code).toBe(0);
  });

  test('a broken copy of a shipped scenario fails over webhooks naming the step, what was expected and what was heard (exit 1)', async () => {
    const runtime = await startRuntime();
    const project = createProject({
      'broken.test.yaml': [
        'flow: bank',
        'name: the balance prompt, misremembered',
        'steps:',
        '  - press: "1"',
        '  - expect: { prompt: { contains: "your savings account" } }',
        '',
      ].join('\n'),
      'bank.json': readFileSync(path.join(SHIPPED_FLOWS_DIR, 'bank.json'), 'utf8'),
    });
    const run = await runCli(['test', 'broken.test.yaml', '--url', runtime.server.url, '--public-url', PUBLIC_BASE_URL, '--auth-token', AUTH_TOKEN], { cwd: project });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('expect a prompt containing "your savings account"');
    expect(run.stdout).toContain('ten-digit account number');
  });

  test('with test calls off, a scenario that needs them stops with one line saying to turn them on (exit 2)', async () => {
    const runtime = await startRuntime({});
    const run = await runCli(['test', 'tests/scenarios/bank.test.yaml', '--url', runtime.server.url, '--public-url', PUBLIC_BASE_URL], { cwd: REPO, env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`humanline: ${runtime.server.url} does not take test calls: start the server with HUMANLINE_TEST_CALLS=on\n`);
  });

  test('with test calls off, a scenario that only presses and listens runs as an ordinary call on the server\'s own clock', async () => {
    const runtime = await startRuntime({});
    const project = createProject({
      'listen.test.yaml': ['flow: bank', 'name: the balance asks for the account', 'steps:', '  - press: "1"', '  - expect: { prompt: { contains: "ten-digit account number" } }', ''].join('\n'),
      'bank.json': readFileSync(path.join(SHIPPED_FLOWS_DIR, 'bank.json'), 'utf8'),
    });
    const run = await runCli(['test', 'listen.test.yaml', '--url', runtime.server.url, '--public-url', PUBLIC_BASE_URL, '--auth-token', AUTH_TOKEN], { cwd: project });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test('a wrong auth token is one line naming --auth-token (exit 2)', async () => {
    const runtime = await startRuntime();
    const run = await runCli(['test', 'tests/scenarios/bank.test.yaml', '--url', runtime.server.url, '--public-url', PUBLIC_BASE_URL, '--auth-token', 'not-the-token'], { cwd: REPO });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--auth-token');
  });

  test('an unreachable runtime is one clear line, not a stack trace (exit 2)', async () => {
    // a port nothing listens on: a runtime started and stopped
    const runtime = await startRuntime();
    const url = runtime.server.url;
    await runtimes.stop(runtime);
    const run = await runCli(['test', 'tests/scenarios/bank.test.yaml', '--url', url, '--auth-token', AUTH_TOKEN], { cwd: REPO });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^humanline: cannot reach ${url.replace(/[.]/g, '\\.')}: is humanline serve running there\\?.*\\n$`));
  });

  test('--url without a token is a usage error', async () => {
    const run = await runCli(['test', 'tests/scenarios/bank.test.yaml', '--url', 'http://127.0.0.1:9'], { cwd: REPO });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--auth-token');
  });
});
