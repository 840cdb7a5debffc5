import { afterEach, describe, expect, test } from 'vitest';
import type { createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import { TestCall, TestRuntime, createFlowsDir, el, findElement, removeTempDirs, spokenTexts } from './helpers.ts';

// The post-call survey over signed webhooks: the bank flow asks for a score after
// every agent call (a transfer answered, or a queue bridged), once the agent hangs up.

const runtimes: TestRuntime[] = [];

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.stop();
  removeTempDirs();
});

async function startBank(): Promise<TestRuntime> {
  const runtime = await new TestRuntime({ flowsDir: createFlowsDir() }).start();
  runtimes.push(runtime);
  return runtime;
}

const SURVEY_PROMPT = 'Before you go: how satisfied were you with your call today? Press a key from 1, not satisfied, to 5, very satisfied.';
const GOODBYE = el('Response', {}, el('Say', { language: 'en-US', voice: 'Polly.Joanna-Neural' }, 'Thank you for banking with Acme Bank. Goodbye.'), el('Hangup'));

type EventStore = ReturnType<typeof createSqliteStore>;

function surveyEvents(runtime: TestRuntime, callSid: string) {
  return (runtime.runtime.store as unknown as EventStore).events(callSid).filter((event) => event.type === 'surveyScore');
}

/** A caller put through to the card protection team (a transfer), whose agent has just hung up. */
async function afterTransfer(runtime: TestRuntime): Promise<TestCall> {
  const call = new TestCall(runtime);
  await call.start();
  await call.press('2');
  await call.press('1');
  await call.dialEnds('completed');
  return call;
}

/** A caller who waited in the customer service queue, was bridged to an agent, and the agent has just hung up. */
async function afterQueue(runtime: TestRuntime): Promise<TestCall> {
  const call = new TestCall(runtime);
  await call.start();
  await call.press('0');
  await call.queueEnds('bridged');
  return call;
}

function expectSurveyGather(document: ReturnType<typeof findElement>): void {
  const gather = findElement(document!, 'Gather');
  expect(gather?.attributes).toMatchObject({ input: 'dtmf', numDigits: '1', actionOnEmptyResult: 'true' });
  expect(spokenTexts(gather!)).toEqual([SURVEY_PROMPT]);
}

describe('post-call survey', () => {
  test('after a transfer the agent ended, the caller scores 1-5 by key; the score is kept with the number that was dialled', async () => {
    const runtime = await startBank();
    const call = await afterTransfer(runtime);
    expectSurveyGather(call.last);
    expect(await call.press('4')).toEqual(GOODBYE);
    expect(surveyEvents(runtime, call.callSid)).toEqual([{ type: 'surveyScore', nodeId: 'post_call_survey', score: 4, target: '+12125550147' }]);
  });

  test('after a bridged queue call, an invalid key asks once more; the valid score is kept with the queue it rates', async () => {
    const runtime = await startBank();
    const call = await afterQueue(runtime);
    expectSurveyGather(call.last);
    const again = await call.press('9');
    expectSurveyGather(again);
    expect(await call.press('2')).toEqual(GOODBYE);
    expect(surveyEvents(runtime, call.callSid)).toEqual([{ type: 'surveyScore', nodeId: 'post_call_survey', score: 2, target: 'customer-service' }]);
  });

  test('a second invalid key is not asked again: the caller hears goodbye and no score is kept', async () => {
    const runtime = await startBank();
    const call = await afterQueue(runtime);
    await call.press('7');
    expect(await call.press('#')).toEqual(GOODBYE);
    expect(surveyEvents(runtime, call.callSid)).toEqual([]);
  });

  test('silence ends the call politely at once, without asking again', async () => {
    const runtime = await startBank();
    const call = await afterTransfer(runtime);
    expect(await call.press('')).toEqual(GOODBYE);
    expect(surveyEvents(runtime, call.callSid)).toEqual([]);
  });

  test('the survey follows the agent call on the path the store keeps, after the person was reached', async () => {
    const runtime = await startBank();
    const call = await afterQueue(runtime);
    await call.press('5');
    const events = (runtime.runtime.store as unknown as EventStore).events(call.callSid);
    const entered = events.flatMap((event) => (event.type === 'nodeEntered' ? [event.nodeId] : []));
    expect(entered).toEqual(['greeting', 'main_menu', 'agent_hours', 'agent_queue', 'post_call_survey', 'goodbye']);
    const order = events.map((event) => event.type);
    expect(order.indexOf('personReached')).toBeLessThan(order.indexOf('surveyScore'));
  });
});
