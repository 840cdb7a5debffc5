import { describe, expect, test } from 'vitest';
import { createWebhookClient } from '../../cli/test-over-webhooks/webhook-client.ts';
import { runScenarioOverWebhooks } from '../../cli/test-over-webhooks/run-scenario-over-webhooks.ts';
import { runScenario } from '../../core/testing/run-scenario.ts';
import { AUTH_TOKEN, createTempDir, PUBLIC_BASE_URL, useTestRuntimes, writeFlow } from '../runtime/helpers.ts';
import { BILLING_FAILS, BILLING_FLOW, INTO_BILLING, LINKED_FLOW } from '../testing/linked-flow.ts';
import { createProject, runCli } from './helpers.ts';

// A scenario that says a goto's link fails passes on both engines: offline, and
// against a runtime serving the whole line (where the link would succeed) over signed webhooks.
// Offline, an entered link goes on in the linked flow when the CLI finds its file.

const runtimes = useTestRuntimes();

describe('humanline test --url: scenario links', () => {
  test('a scenario whose link fails reaches the goto\'s failed route and a person, offline and over webhooks alike', async () => {
    const flowsDir = createTempDir('flows');
    writeFlow(flowsDir, 'main', { ...LINKED_FLOW, name: 'Main' });
    writeFlow(flowsDir, 'billing', BILLING_FLOW);
    const runtime = await runtimes.start({ flowsDir, env: { HUMANLINE_TEST_CALLS: 'on' } });
    expect(runtime.runtime.flows.getCurrent('billing'), 'billing published').toBeDefined();
    const client = createWebhookClient({ url: runtime.server.url, publicUrl: PUBLIC_BASE_URL, authToken: AUTH_TOKEN, timeoutMs: 10_000 });

    const offline = runScenario(BILLING_FAILS, LINKED_FLOW);
    const overWebhooks = await runScenarioOverWebhooks(BILLING_FAILS, LINKED_FLOW, { client, voiceUrl: `${PUBLIC_BASE_URL}/twilio/voice/main` });
    expect(offline.steps.filter((step) => step.status !== 'passed')).toEqual([]);
    expect(overWebhooks.steps.filter((step) => step.status !== 'passed')).toEqual([]);

    // without the scenario's links the runtime follows the link into billing: the scenario's expectation of the failed route fails there
    const { environment: _links, ...entered } = BILLING_FAILS;
    const intoBilling = await runScenarioOverWebhooks(entered, LINKED_FLOW, { client, voiceUrl: `${PUBLIC_BASE_URL}/twilio/voice/main` });
    expect(intoBilling.steps[2]).toMatchObject({ status: 'failed', failure: { heard: ['You are in billing.'] } });
  });
});

describe('humanline test: a line of flows offline', () => {
  test('a scenario goes on in the linked flow when its file is beside the flow\'s, and stops at the goto, saying so, when it is not', async () => {
    const scenario = { ...INTO_BILLING, flow: 'main' };
    const line = createProject({ 'main.json': { ...LINKED_FLOW, name: 'Main' }, 'billing.json': BILLING_FLOW, 'tests/main.test.json': scenario });
    const followed = await runCli(['test', 'tests'], { cwd: line });
    expect(followed.stdout).not.toContain('✗');
    expect(followed.code).toBe(0);

    const alone = createProject({ 'main.json': { ...LINKED_FLOW, name: 'Main' }, 'tests/main.test.json': scenario });
    const stopped = await runCli(['test', 'tests'], { cwd: alone });
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain('the call continues in flow billing, which this test does not follow');
  });
});
