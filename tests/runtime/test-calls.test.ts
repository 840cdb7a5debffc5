import { describe, expect, test } from 'vitest';
import type { Fetcher } from '../../runtime/call/perform-lookup.ts';
import { TEST_CALL_PARAM, TEST_CALLS_OFF_REFUSAL, TEST_TRACE_HEADER } from '../../runtime/webhooks/test-call.ts';
import { BILLING_FLOW, LINKED_FLOW } from '../testing/linked-flow.ts';
import { AUTH_TOKEN, createFlowsDir, createTempDir, parseTwiml, PUBLIC_BASE_URL, spokenTexts, useTestRuntimes, writeFlow, type TestRuntime } from './helpers.ts';
import twilio from 'twilio';

// Test-call mode (HUMANLINE_TEST_CALLS=on): a signed webhook may carry a
// scenario's clock, look-up answers and split draws; off, such a webhook is
// refused. Test calls stay out of the store the dashboards read.

const runtimes = useTestRuntimes();
/** Saturday 11 PM in New York: the bank is closed. */
const SATURDAY_NIGHT = '2026-06-06T23:00:00-04:00';

/** POSTs a signed webhook and returns its status, text and trace header. */
async function postTestWebhook(runtime: TestRuntime, path: string, params: Record<string, string>, token = AUTH_TOKEN) {
  const signature = twilio.getExpectedTwilioSignature(token, `${PUBLIC_BASE_URL}${path}`, params);
  const response = await fetch(`${runtime.server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  const header = response.headers.get(TEST_TRACE_HEADER);
  return { status: response.status, text: await response.text(), trace: header === null ? undefined : (JSON.parse(decodeURIComponent(header)) as Record<string, unknown>) };
}

/** The line of the scenario-links flow: `main`, whose goto `go` links to a published `billing`. */
async function startLine(env: Record<string, string>): Promise<TestRuntime> {
  const flowsDir = createTempDir('flows');
  writeFlow(flowsDir, 'main', { ...LINKED_FLOW, name: 'Main' });
  writeFlow(flowsDir, 'billing', BILLING_FLOW);
  const runtime = await runtimes.start({ flowsDir, env });
  expect(runtime.runtime.flows.getCurrent('main'), 'main published').toBeDefined();
  expect(runtime.runtime.flows.getCurrent('billing'), 'billing published').toBeDefined();
  return runtime;
}

const startBank = (env: Record<string, string>, fetcher?: Fetcher) => runtimes.start({ flowsDir: createFlowsDir({ bank: () => undefined, 'utility-outage': () => undefined }), env, ...(fetcher ? { fetch: fetcher } : {}) });

describe('test calls', () => {
  test('with test calls off (the default) a signed webhook carrying the test parameter is refused, and no call starts', async () => {
    const runtime = await startBank({});
    const answer = await postTestWebhook(runtime, '/twilio/voice/bank', { CallSid: 'CAoff1', [TEST_CALL_PARAM]: JSON.stringify({ at: SATURDAY_NIGHT }) });
    expect(answer.status).toBe(403);
    expect(answer.text).toBe(TEST_CALLS_OFF_REFUSAL);
    expect(await runtime.runtime.store.getCall('CAoff1')).toBeUndefined();
  });

  test('with test calls on, a badly signed test webhook is refused like any other', async () => {
    const runtime = await startBank({ HUMANLINE_TEST_CALLS: 'on' });
    const answer = await postTestWebhook(runtime, '/twilio/voice/bank', { CallSid: 'CAbad1', [TEST_CALL_PARAM]: JSON.stringify({ at: SATURDAY_NIGHT }) }, 'not-the-token');
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('X-Twilio-Signature');
    expect(answer.trace).toBeUndefined();
  });

  test('a malformed test parameter is refused, not ignored', async () => {
    const runtime = await startBank({ HUMANLINE_TEST_CALLS: 'on' });
    const answer = await postTestWebhook(runtime, '/twilio/voice/bank', { CallSid: 'CAbad2', [TEST_CALL_PARAM]: '{"at":"tomorrow"}' });
    expect(answer.status).toBe(403);
  });

  test('a test call runs on its own clock, reports its trace, and stays out of the calls the dashboards read', async () => {
    // the runtime's own clock says the bank is open (a Tuesday morning)
    const runtime = await startBank({ HUMANLINE_TEST_CALLS: 'on' });
    const world = JSON.stringify({ at: SATURDAY_NIGHT });
    const first = await postTestWebhook(runtime, '/twilio/voice/bank', { CallSid: 'CAtest1', [TEST_CALL_PARAM]: world });
    expect(first.status).toBe(200);
    expect(first.trace).toMatchObject({ reached: 'none', steps: 1, wait: { kind: 'input', nodeId: 'main_menu' }, drawsUsed: 0 });
    const closed = await postTestWebhook(runtime, '/twilio/step/bank/1', { CallSid: 'CAtest1', Digits: '0', [TEST_CALL_PARAM]: world });
    expect(closed.text).toContain("We're open weekdays from 8 AM to 8 PM");
    expect(closed.trace?.path).toEqual(['agent_hours', 'closed_menu']);
    expect(await runtime.runtime.store.getCall('CAtest1')).toBeUndefined();

    // the same keys on an ordinary call: the server's clock, no trace, kept in the store
    await postTestWebhook(runtime, '/twilio/voice/bank', { CallSid: 'CAreal1' });
    const open = await postTestWebhook(runtime, '/twilio/step/bank/1', { CallSid: 'CAreal1', Digits: '0' });
    expect(open.text).not.toContain("We're open weekdays");
    expect(open.trace).toBeUndefined();
    expect(await runtime.runtime.store.getCall('CAreal1')).toBeDefined();
  });

  test('a test call answers look-ups from its map: nothing is fetched', async () => {
    let fetched = 0;
    const fetcher: Fetcher = async () => {
      fetched++;
      return new Response('{}', { status: 200 });
    };
    const runtime = await startBank({ HUMANLINE_TEST_CALLS: 'on' }, fetcher);
    const world = JSON.stringify({ lookups: { outage_lookup: { ok: { active: true, customersAffected: 1200, crewStatus: 'on site', estimatedRestoration: '6 PM' } } } });
    const answer = await postTestWebhook(runtime, '/twilio/voice/utility-outage', { CallSid: 'CAlook1', [TEST_CALL_PARAM]: world });
    expect(answer.text).toContain('power back by 6 PM');
    expect(fetched).toBe(0);
  });

  test('a test call whose world says a link fails takes the goto\'s failed route; an ordinary call on the same server still enters the linked flow', async () => {
    const runtime = await startLine({ HUMANLINE_TEST_CALLS: 'on' });
    const world = JSON.stringify({ links: { go: 'failed' } });
    await postTestWebhook(runtime, '/twilio/voice/main', { CallSid: 'CAlink1', [TEST_CALL_PARAM]: world });
    const failed = await postTestWebhook(runtime, '/twilio/step/main/1', { CallSid: 'CAlink1', Digits: '1', [TEST_CALL_PARAM]: world });
    expect(spokenTexts(parseTwiml(failed.text))).toEqual(['Billing is closed.']);
    expect(failed.trace?.path).toEqual(['go', 'sorry', 't']);

    // a test call that names the link entered, and an ordinary call: billing, as published
    const entered = JSON.stringify({ links: { go: 'entered' } });
    await postTestWebhook(runtime, '/twilio/voice/main', { CallSid: 'CAlink2', [TEST_CALL_PARAM]: entered });
    const linked = await postTestWebhook(runtime, '/twilio/step/main/1', { CallSid: 'CAlink2', Digits: '1', [TEST_CALL_PARAM]: entered });
    expect(spokenTexts(parseTwiml(linked.text))).toEqual(['You are in billing.']);
    await postTestWebhook(runtime, '/twilio/voice/main', { CallSid: 'CAreal2' });
    const real = await postTestWebhook(runtime, '/twilio/step/main/1', { CallSid: 'CAreal2', Digits: '1' });
    expect(spokenTexts(parseTwiml(real.text))).toEqual(['You are in billing.']);
    expect(real.trace).toBeUndefined();
  });

  test('with test calls off, a webhook whose world says a link fails is refused, and the call never takes the failed route', async () => {
    const runtime = await startLine({});
    const answer = await postTestWebhook(runtime, '/twilio/voice/main', { CallSid: 'CAlinkoff', [TEST_CALL_PARAM]: JSON.stringify({ links: { go: 'failed' } }) });
    expect(answer.status).toBe(403);
    expect(await runtime.runtime.store.getCall('CAlinkoff')).toBeUndefined();
  });

  test('what a flow says before a look-up is spoken with the answer that follows it', async () => {
    const fetcher: Fetcher = async () => new Response(JSON.stringify({ active: false }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    const runtime = await startBank({}, fetcher);
    const answer = await runtime.post('/twilio/voice/utility-outage', { CallSid: 'CAgreet1', From: '+13125550123' });
    expect(spokenTexts(answer.document!)[0]).toContain('Thank you for calling Northwind Power');
  });
});
