import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../../runtime/logger.ts';
import { createRedisStore, type RedisStore } from '../../runtime/store/redis-store.ts';
import { TestRedisServer } from '../helpers/redis-server.ts';
import { ServeProcess } from '../helpers/serve-process.ts';
import {
  AUTH_TOKEN,
  PUBLIC_BASE_URL,
  TestCall,
  TestRuntime,
  createFlowsDir,
  createTempDir,
  el,
  findElement,
  postWebhook,
  removeTempDirs,
  spokenTexts,
  type WebhookAnswer,
  type WebhookTarget,
} from './helpers.ts';

// Several `humanline serve` replicas on one Redis: Twilio's webhooks for one
// call land on any of them, and each must carry on the call where another left it.

let redis: TestRedisServer;
let inspector: RedisStore;
const runtimes: TestRuntime[] = [];
const processes: ServeProcess[] = [];

beforeAll(async () => {
  redis = await TestRedisServer.start();
  inspector = await createRedisStore({ url: redis.url, logger: createLogger('silent') });
});
afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.stop();
  for (const child of processes.splice(0)) await child.kill();
  removeTempDirs();
});
afterAll(async () => {
  await inspector.close();
  await redis.remove();
});

/** A replica in this process: its own data folder, the shared flows folder and Redis. */
async function startReplica(flowsDir: string): Promise<TestRuntime> {
  const runtime = await new TestRuntime({ flowsDir, env: { HUMANLINE_REDIS_URL: redis.url } }).start();
  runtimes.push(runtime);
  return runtime;
}

/** A balancer that sends each webhook to the next replica in turn, and remembers which answered. */
function createRoundRobin(replicas: WebhookTarget[]): WebhookTarget & { answeredBy: number[] } {
  let next = 0;
  const answeredBy: number[] = [];
  return {
    answeredBy,
    post(pathOrUrl, params) {
      const index = next++ % replicas.length;
      answeredBy.push(index);
      return replicas[index]!.post(pathOrUrl, params);
    },
  };
}

const MAIN_MENU_PROMPT =
  'For your account balance, press 1 or say balance. For cards, including a lost or stolen card, press 2. For loans and mortgages, press 3. To speak with an agent, press 0 or just say agent.';

/** The action URL of the Gather (or other verb) a caller answers next. */
const getAction = (document: ReturnType<typeof el>, tag = 'Gather') => findElement(document, tag)?.attributes.action;

describe('two replicas on one Redis', () => {
  test('one call walks across both, webhook by webhook, as if one process answered', async () => {
    const flowsDir = createFlowsDir();
    const replicas = [await startReplica(flowsDir), await startReplica(flowsDir)];
    const balancer = createRoundRobin(replicas);
    const call = new TestCall(balancer);

    const greeting = await call.start();
    expect(spokenTexts(greeting)).toContain(MAIN_MENU_PROMPT);
    expect(getAction(greeting)).toBe(`${PUBLIC_BASE_URL}/twilio/step/bank/1`);
    const reprompt = await call.press('7');
    expect(spokenTexts(reprompt)).toEqual(["Sorry, I didn't catch that.", MAIN_MENU_PROMPT]);
    expect(getAction(reprompt)).toBe(`${PUBLIC_BASE_URL}/twilio/step/bank/2`);
    expect(getAction(await call.press('*'))).toBe(`${PUBLIC_BASE_URL}/twilio/step/bank/3`);
    const queue = await call.say('blah blah');
    expect(findElement(queue, 'Enqueue')?.text).toBe('customer-service');
    // Twilio fetches the hold music from one replica and ends the queue on the other.
    expect(spokenTexts(await call.hold({ QueuePosition: '3', AvgQueueTime: '240', QueueTime: '12' }))).toContain('You are number 3 in line.');
    await call.queueEnds('bridged');
    expect(balancer.answeredBy).toEqual([0, 1, 0, 1, 0, 1]);

    const events = await inspector.getEvents(call.callSid);
    expect(events.filter((event) => event.type === 'input').map((event) => event.type === 'input' && (event.digits ?? event.speech))).toEqual([
      '7',
      '*',
      'blah blah',
    ]);
  });

  test('a duplicate webhook sent to both at once gets the same TwiML from each, and the call moves one step', async () => {
    const flowsDir = createFlowsDir();
    const replicas = [await startReplica(flowsDir), await startReplica(flowsDir)];
    const call = new TestCall(replicas[0]!);
    const greeting = await call.start();
    const greetingText = call.lastText;
    const action = getAction(greeting)!;
    const params = { CallSid: call.callSid, From: call.from, To: '+12125550000', Digits: '7' };

    const answers: WebhookAnswer[] = await Promise.all(replicas.map((replica) => replica.post(action, params)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers[1]!.text).toBe(answers[0]!.text);
    expect(getAction(answers[0]!.document!)).toBe(`${PUBLIC_BASE_URL}/twilio/step/bank/2`);
    // the caller's key counted once: the next webhook is seq 2's, not seq 3's
    const inputs = (await inspector.getEvents(call.callSid)).filter((event) => event.type === 'input');
    expect(inputs).toEqual([{ type: 'input', nodeId: expect.any(String), digits: '7' }]);
    expect(replicas.map((replica) => replica.logText()).join('\n')).toMatch(/duplicate webhook/);

    // and a duplicate Voice URL webhook to both replays the greeting
    const voice = await Promise.all(replicas.map((replica) => replica.post('/twilio/voice/bank', { CallSid: call.callSid, From: call.from, To: '+12125550000' })));
    expect(voice.map((answer) => answer.text)).toEqual([greetingText, greetingText]);
  });

  test('a replica killed mid-call (SIGKILL): the other finishes the call', async () => {
    const flowsDir = createFlowsDir();
    const doomed = await ServeProcess.start({
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      PUBLIC_BASE_URL,
      HUMANLINE_FLOWS: flowsDir,
      HUMANLINE_DATA_DIR: createTempDir('doomed-data'),
      HUMANLINE_REDIS_URL: redis.url,
      HUMANLINE_ADMIN_TOKEN: 'replica-test-admin-token',
      LOG_LEVEL: 'warn',
    });
    processes.push(doomed);
    const survivor = await startReplica(flowsDir);
    const toDoomed: WebhookTarget = { post: (pathOrUrl, params) => postWebhook(doomed.url, pathOrUrl, params) };
    let target: WebhookTarget = toDoomed;
    const call = new TestCall({ post: (pathOrUrl, params) => target.post(pathOrUrl, params) });

    expect(getAction(await call.start())).toBe(`${PUBLIC_BASE_URL}/twilio/step/bank/1`);
    expect(getAction(await call.press('7'))).toBe(`${PUBLIC_BASE_URL}/twilio/step/bank/2`);
    await doomed.kill('SIGKILL');
    await expect(toDoomed.post('/twilio/voice/bank', { CallSid: 'CAgone', From: call.from, To: '+12125550000' })).rejects.toThrow();

    target = survivor;
    const reprompt = await call.press('*');
    expect(spokenTexts(reprompt)).toEqual(["Sorry, I didn't catch that.", MAIN_MENU_PROMPT]);
    expect(getAction(reprompt)).toBe(`${PUBLIC_BASE_URL}/twilio/step/bank/3`);
    expect(findElement(await call.say('agent'), 'Enqueue')?.text).toBe('customer-service');
    await survivor.post('/twilio/status', { CallSid: call.callSid, CallStatus: 'completed' });
    expect(await inspector.getStatus(call.callSid)).toBe('completed');
    expect(survivor.logText()).not.toMatch(/fallback/);
  }, 40_000);
});
