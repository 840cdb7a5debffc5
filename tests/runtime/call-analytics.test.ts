import { describe, expect, test } from 'vitest';
import { createFlowsDir, createTempDir, findElement, OPEN_HOURS, TestCall, useTestRuntimes, type TestRuntime } from './helpers.ts';

// The call list and analytics of calls placed through real signed webhooks:
// each figure against values worked out by hand, a duplicate webhook and
// out-of-order status callbacks counted once.

const runtimes = useTestRuntimes();
const T0 = OPEN_HOURS.getTime();
const DAY_MS = 24 * 60 * 60 * 1000;

/** The bank flow on a clock the test moves: `at(seconds)` sets it that far after T0. */
async function startBank(): Promise<{ runtime: TestRuntime; at: (seconds: number) => void }> {
  let now = T0;
  const runtime = await runtimes.start({ flowsDir: createFlowsDir(), now: () => new Date(now) });
  return { runtime, at: (seconds) => void (now = T0 + seconds * 1000) };
}

const status = (runtime: TestRuntime, call: TestCall, callStatus: string) => runtime.post('/twilio/status', { CallSid: call.callSid, CallStatus: callStatus });

/** Three calls: P reaches the fraud line through the cards menu and scores 5; H stays silent and hangs up; O presses 0 and a queue answers after its final status came. */
async function placeCalls(runtime: TestRuntime, at: (seconds: number) => void) {
  const person = new TestCall(runtime, '+34612345601');
  at(0);
  await person.start();
  at(5);
  const gather = findElement(person.last, 'Gather')!.attributes.action!;
  await person.press('2');
  // Twilio retried the webhook: the stored answer again, nothing counted twice
  at(6);
  const duplicate = await runtime.post(gather, { CallSid: person.callSid, From: person.from, Digits: '2' });
  expect(duplicate.text).toBe(person.lastText);
  at(10);
  await person.press('1');
  at(70);
  await person.dialEnds('completed');
  at(80);
  await person.press('5');
  at(81);
  await status(runtime, person, 'completed');
  // late and repeated callbacks: ignored
  at(82);
  await status(runtime, person, 'in-progress');
  at(83);
  await status(runtime, person, 'completed');

  const silent = new TestCall(runtime, '+12125559876');
  at(100);
  await silent.start();
  at(105);
  await silent.press('');
  at(120);
  await status(runtime, silent, 'completed');

  const zero = new TestCall(runtime, '+442079460958');
  at(200);
  await zero.start();
  at(205);
  await zero.press('0');
  // the final status before the Enqueue action that says a person answered
  at(300);
  await status(runtime, zero, 'completed');
  at(301);
  await zero.queueEnds('bridged');
  return { person, silent, zero };
}

describe('calls placed over signed webhooks', () => {
  test('the call list: outcome, where it ended, duration, time and steps to a person, survey score', async () => {
    const { runtime, at } = await startBank();
    const { person, silent, zero } = await placeCalls(runtime, at);
    const page = await runtime.runtime.store.listCalls({ flowId: 'bank', from: new Date(T0), to: new Date(T0 + 3600_000) }, { limit: 10 });
    expect(page.total).toBe(3);
    expect(page.calls.map((call) => call.callSid)).toEqual([zero.callSid, silent.callSid, person.callSid]);
    const [zeroCall, silentCall, personCall] = page.calls;
    expect(personCall).toMatchObject({ outcome: 'person', endNodeId: 'goodbye', durationSeconds: 81, secondsToPerson: 70, stepsToPerson: 2, surveyScore: 5, caller: '+34612345601' });
    expect(silentCall).toMatchObject({ outcome: 'hungUp', endNodeId: 'main_menu', durationSeconds: 20, secondsToPerson: null, surveyScore: null });
    expect(zeroCall).toMatchObject({ outcome: 'person', secondsToPerson: 101, stepsToPerson: 1, durationSeconds: 101 });
  });

  test('the flow analytics, as worked out by hand', async () => {
    const { runtime, at } = await startBank();
    await placeCalls(runtime, at);
    const analytics = await runtime.runtime.store.getFlowAnalytics({ flowId: 'bank', from: new Date(T0), to: new Date(T0 + 3600_000) }, 90);
    expect(analytics).toMatchObject({
      calls: 3,
      outcomes: { person: 2, followUp: 0, callerChoice: 0, hungUp: 1, fallback: 0, inProgress: 0 },
      timeToPerson: { p50: 70, p90: 101, p95: 101, targetSeconds: 90, withinTarget: 1 },
      abandonment: { inMenu: 1, inQueue: 0 },
      containment: 0,
      survey: { distribution: [0, 0, 0, 0, 1], mean: 5, byTarget: [{ target: 'fraud_transfer', count: 1, mean: 5 }] },
      fallbacks: 0,
    });
    expect(analytics.nodes.main_menu).toEqual({ visits: 3, dropOffs: 1, zeroOuts: 1, noInputs: 1, noMatches: 0, medianStepsToPerson: 1, medianSecondsToPerson: 70 });
    // the lost-card option leads straight to a transfer: a zero-out by definition
    expect(analytics.nodes.cards_menu).toEqual({ visits: 1, dropOffs: 0, zeroOuts: 1, noInputs: 0, noMatches: 0, medianStepsToPerson: 1, medianSecondsToPerson: 65 });
    expect(analytics.nodes.fraud_transfer).toMatchObject({ visits: 1, medianStepsToPerson: 0, medianSecondsToPerson: 60 });
    expect(analytics.nodes.agent_queue).toMatchObject({ visits: 1, medianStepsToPerson: 0, medianSecondsToPerson: 96 });
    expect(analytics.edges).toEqual([
      { from: 'agent_hours', to: 'agent_queue', calls: 1 },
      { from: 'agent_queue', to: 'post_call_survey', calls: 1 },
      { from: 'cards_menu', to: 'fraud_transfer', calls: 1 },
      { from: 'fraud_transfer', to: 'post_call_survey', calls: 1 },
      { from: 'greeting', to: 'main_menu', calls: 3 },
      { from: 'main_menu', to: 'agent_hours', calls: 1 },
      { from: 'main_menu', to: 'cards_menu', calls: 1 },
      { from: 'post_call_survey', to: 'goodbye', calls: 1 },
    ]);
  });

  test('a key that matches nothing is a no-match at its menu, in the figures and on the timeline', async () => {
    const { runtime, at } = await startBank();
    const call = new TestCall(runtime);
    at(0);
    await call.start();
    at(3);
    await call.press('7');
    const detail = await runtime.runtime.store.getCallDetail(call.callSid);
    expect(detail?.timeline.filter((event) => event.type === 'noMatch')).toEqual([{ at: new Date(T0 + 3000).toISOString(), type: 'noMatch', nodeId: 'main_menu' }]);
    expect(detail?.path).toEqual(['greeting', 'main_menu']);
    expect(detail?.call.outcome).toBe('inProgress');
    const analytics = await runtime.runtime.store.getFlowAnalytics({ flowId: 'bank', from: new Date(T0), to: new Date(T0 + 3600_000) }, 180);
    expect(analytics.nodes.main_menu).toMatchObject({ visits: 1, noMatches: 1, noInputs: 0 });
  });
});

describe('the fallback', () => {
  test("a call Twilio's Fallback URL took counts as the runtime's fallback, where it was", async () => {
    const { runtime, at } = await startBank();
    const call = new TestCall(runtime);
    at(0);
    await call.start();
    at(4);
    await runtime.post('/twilio/fallback', { CallSid: call.callSid, ErrorCode: '11200', ErrorUrl: 'https://ivr.example.test/twilio/step/bank/1' });
    at(9);
    await status(runtime, call, 'completed');
    const range = { flowId: 'bank', from: new Date(T0), to: new Date(T0 + 3600_000) };
    await expect.poll(async () => (await runtime.runtime.store.listCalls(range, { limit: 1 })).calls[0]).toMatchObject({ outcome: 'fallback', endNodeId: 'main_menu', durationSeconds: 9 });
    expect(await runtime.runtime.store.getFlowAnalytics(range, 180)).toMatchObject({ calls: 1, fallbacks: 1, outcomes: { fallback: 1 }, abandonment: { inMenu: 0, inQueue: 0 } });
  });
});

describe('HUMANLINE_RETENTION_DAYS', () => {
  test('a runtime started later purges the calls older than the retention, and keeps the others', async () => {
    const flowsDir = createFlowsDir();
    const dataDir = createTempDir('data');
    const first = await runtimes.start({ flowsDir, dataDir, now: () => new Date(T0) });
    const call = new TestCall(first);
    await call.start();
    await runtimes.stop(first);
    const range = { flowId: 'bank', from: new Date(T0 - DAY_MS), to: new Date(T0 + DAY_MS) };
    const kept = await runtimes.start({ flowsDir, dataDir, now: () => new Date(T0 + 91 * DAY_MS), env: { HUMANLINE_RETENTION_DAYS: '100' } });
    expect((await kept.runtime.store.getCallDetail(call.callSid))?.call.callSid).toBe(call.callSid);
    await runtimes.stop(kept);
    const purging = await runtimes.start({ flowsDir, dataDir, now: () => new Date(T0 + 91 * DAY_MS) });
    await expect.poll(async () => (await purging.runtime.store.listCalls(range, { limit: 10 })).total, { timeout: 2000 }).toBe(0);
    expect(await purging.runtime.store.getCall(call.callSid)).toBeUndefined();
  });
});
