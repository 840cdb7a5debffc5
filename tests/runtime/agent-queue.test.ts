import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TestRedisServer } from '../helpers/redis-server.ts';
import { StoreError } from '../../runtime/errors.ts';
import { createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import { PUBLIC_BASE_URL, TestCall, createFlowsDir, createTempDir, el, spokenTexts, useTestRuntimes, type TestRuntime } from './helpers.ts';

// The agent's side of a queue: an agent dials /twilio/agent-queue/<queue>, hears the whisper of the caller
// holding longest in it, and is put through to the queue. Over loopback, signed as Twilio signs.

const runtimes = useTestRuntimes();
const startBank = () => runtimes.start({ flowsDir: createFlowsDir() });

const AGENT = { CallSid: 'CAagent00000000000000000000000001', From: 'client:agent-anna', To: '+12125550100' };
const whisperSay = (text: string) => el('Say', { language: 'en-US' }, text);
const agentAnswer = (spoken: ReturnType<typeof el>, queue: string, whispered: string) =>
  el('Response', {}, spoken, el('Dial', {}, el('Queue', { url: `${PUBLIC_BASE_URL}/twilio/queue-connect/${whispered}`, method: 'POST' }, queue)));

/** The whisper a transfer's agent would hear for this call at its wait `seq`: the same text the queue's agent must hear. */
async function getTransferWhisper(runtime: TestRuntime, call: TestCall, seq: number): Promise<string> {
  const answer = await runtime.post(`/twilio/whisper/bank/${seq}`, { CallSid: 'CAagentleg', ParentCallSid: call.callSid });
  return spokenTexts(answer.document!)[0]!;
}

describe('an agent dialling a queue', () => {
  test('hears the whisper of the caller holding in it (what they chose), then is put through to the queue', async () => {
    const runtime = await startBank();
    const caller = new TestCall(runtime);
    await caller.start();
    await caller.press('2');
    await caller.press('0');
    const whisper = await getTransferWhisper(runtime, caller, 3);
    expect(whisper).toMatch(/^Caller chose: Main menu press 2 \(Cards\)/);

    const answer = await runtime.post('/twilio/agent-queue/customer-service', AGENT);
    expect(answer.status).toBe(200);
    expect(answer.document).toEqual(agentAnswer(whisperSay(whisper), 'customer-service', caller.callSid));
  });

  test('of two callers, hears the one waiting longest; once Twilio hands that caller over, the next agent hears the other', async () => {
    const runtime = await startBank();
    const first = new TestCall(runtime, '+12125551111');
    const second = new TestCall(runtime, '+12125552222');
    await first.start();
    await first.press('0');
    await second.start();
    await second.press('2');
    await second.press('0');

    const toFirst = await runtime.post('/twilio/agent-queue/customer-service', AGENT);
    expect(toFirst.document).toEqual(agentAnswer(whisperSay(await getTransferWhisper(runtime, first, 2)), 'customer-service', first.callSid));

    // Twilio's <Queue url> on the dequeued caller's leg, just before the bridge: an empty document lets it go on
    const connect = await runtime.post(`/twilio/queue-connect/${first.callSid}`, { CallSid: first.callSid, DequeingCallSid: AGENT.CallSid, QueueSid: 'QU0001', QueueTime: '12' });
    expect(connect.document).toEqual(el('Response'));

    const toSecond = await runtime.post('/twilio/agent-queue/customer-service', { ...AGENT, CallSid: 'CAagent00000000000000000000000002' });
    expect(toSecond.document).toEqual(agentAnswer(whisperSay(await getTransferWhisper(runtime, second, 3)), 'customer-service', second.callSid));
  });

  test('is told when another agent took the whispered caller first, in the log at info without any caller number', async () => {
    const runtime = await startBank();
    const first = new TestCall(runtime, '+12125551111');
    const second = new TestCall(runtime, '+12125552222');
    await first.start();
    await first.press('0');
    await second.start();
    await second.press('0');
    // both agents dial at once and are whispered about the first caller; Twilio hands this one the second
    await runtime.post(`/twilio/queue-connect/${first.callSid}`, { CallSid: first.callSid, DequeingCallSid: AGENT.CallSid });
    const late = await runtime.post(`/twilio/queue-connect/${first.callSid}`, { CallSid: second.callSid, DequeingCallSid: 'CAagent00000000000000000000000002' });
    expect(late.document).toEqual(el('Response'));
    const line = runtime.logs.map((text) => JSON.parse(text)).find((entry) => /whisper about another caller/.test(entry.msg));
    expect(line).toMatchObject({ level: 30, whisperedCallSid: first.callSid, callSid: second.callSid });
    expect(runtime.logs.join('\n')).not.toMatch(/2125551111|2125552222/);
  });

  test('a caller who hung up while holding is not whispered', async () => {
    const runtime = await startBank();
    const gone = new TestCall(runtime);
    const holding = new TestCall(runtime);
    await gone.start();
    await gone.press('0');
    await holding.start();
    await holding.press('0');
    await runtime.post('/twilio/status', { CallSid: gone.callSid, CallStatus: 'completed' });
    const answer = await runtime.post('/twilio/agent-queue/customer-service', AGENT);
    expect(answer.document).toEqual(agentAnswer(whisperSay(await getTransferWhisper(runtime, holding, 2)), 'customer-service', holding.callSid));
  });

  test('with nobody holding, hears so and still waits on the queue for the next caller', async () => {
    const runtime = await startBank();
    const answer = await runtime.post('/twilio/agent-queue/support', AGENT);
    expect(answer.document).toEqual(agentAnswer(whisperSay('No caller is waiting in queue support.'), 'support', 'none'));
  });

  test('a queue name with spaces, as Twilio escapes it in the URL, is the queue of that name', async () => {
    const runtime = await startBank();
    const answer = await runtime.post('/twilio/agent-queue/card%20team', AGENT);
    expect(answer.document).toEqual(agentAnswer(whisperSay('No caller is waiting in queue card team.'), 'card team', 'none'));
  });

  test('only a request signed by Twilio hears the whisper: an unsigned or wrongly signed one is refused with 403', async () => {
    const runtime = await startBank();
    const caller = new TestCall(runtime);
    await caller.start();
    await caller.press('0');
    for (const signing of ['unsigned', 'wrong'] as const) {
      const answer = await runtime.post('/twilio/agent-queue/customer-service', AGENT, signing);
      expect(answer.status).toBe(403);
      expect(answer.text).not.toMatch(/Caller chose/);
    }
    const signed = await runtime.post('/twilio/agent-queue/customer-service', AGENT);
    expect(spokenTexts(signed.document!)[0]).toMatch(/^Caller chose: Main menu press 0/);
    expect((await runtime.post(`/twilio/queue-connect/${caller.callSid}`, { CallSid: caller.callSid }, 'unsigned')).status).toBe(403);
    // the refused connect left the caller at the queue's head
    expect(spokenTexts((await runtime.post('/twilio/agent-queue/customer-service', AGENT)).document!)[0]).toMatch(/^Caller chose/);
  });

  test('when the store fails, is still put through to the queue, without a whisper, and never to the fallback number', async () => {
    const store = { ...createSqliteStore(createTempDir('data')), getQueueHead: () => Promise.reject(new StoreError('the store is down')) };
    const runtime = await runtimes.start({ flowsDir: createFlowsDir(), store });
    const answer = await runtime.post('/twilio/agent-queue/customer-service', AGENT);
    expect(answer.document).toEqual(agentAnswer(el('Pause', { length: 1 }), 'customer-service', 'none'));
  });

  test('a queue name longer than Twilio allows gets no whisper and no fallback dial, and is not logged', async () => {
    const runtime = await startBank();
    const name = `q${'x'.repeat(64)}`;
    const answer = await runtime.post(`/twilio/agent-queue/${name}`, AGENT);
    expect(answer.status).toBe(200);
    expect(answer.document).toEqual(el('Response'));
    expect(runtime.logs.map((text) => JSON.parse(text).msg as string).join('\n')).not.toContain(name);
  });
});

describe('with replicas on one Redis', () => {
  let redis: TestRedisServer;
  beforeAll(async () => {
    redis = await TestRedisServer.start();
  });
  afterAll(async () => {
    await redis.remove();
  });

  test('an agent whose dial lands on another replica hears the caller holding longest, then the next once that one is taken', async () => {
    const flowsDir = createFlowsDir();
    const [one, two] = await Promise.all([1, 2].map(() => runtimes.start({ flowsDir, env: { HUMANLINE_REDIS_URL: redis.url } })));
    const first = new TestCall(one!);
    const second = new TestCall(two!);
    await first.start();
    await first.press('0');
    await second.start();
    await second.press('2');
    await second.press('0');

    const toFirst = await two!.post('/twilio/agent-queue/customer-service', AGENT);
    expect(toFirst.document).toEqual(agentAnswer(whisperSay(await getTransferWhisper(one!, first, 2)), 'customer-service', first.callSid));
    await one!.post(`/twilio/queue-connect/${first.callSid}`, { CallSid: first.callSid, DequeingCallSid: AGENT.CallSid });
    const toSecond = await one!.post('/twilio/agent-queue/customer-service', AGENT);
    expect(toSecond.document).toEqual(agentAnswer(whisperSay(await getTransferWhisper(two!, second, 3)), 'customer-service', second.callSid));
  });
});
