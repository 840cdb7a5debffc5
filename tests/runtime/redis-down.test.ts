import { afterAll, beforeAll, expect, test } from 'vitest';
import { TestRedisServer } from '../helpers/redis-server.ts';
import { TestCall, TestRuntime, createFlowsDir, findElement, removeTempDirs, spokenTexts, type WebhookAnswer } from './helpers.ts';

// Redis is where every replica keeps its calls. When it goes away, callers must
// still be answered (by a person, through the fallback) well inside Twilio's
// 15 s; when it comes back, the runtime uses it again without a restart.

const DEADLINE_MS = 5000;
/** The bank flow's settings.fallback.number. */
const BANK_FALLBACK = '+12125550100';
const CALLER = { From: '+12125559876', To: '+12125550000' };

let redis: TestRedisServer;
let runtime: TestRuntime;

beforeAll(async () => {
  redis = await TestRedisServer.start();
  runtime = await new TestRuntime({ flowsDir: createFlowsDir(), env: { HUMANLINE_REDIS_URL: redis.url }, deadlineMs: DEADLINE_MS }).start();
});
afterAll(async () => {
  await runtime.stop();
  await redis.remove();
  removeTempDirs();
});

/** Posts and measures how long the answer took. */
async function timedPost(path: string, params: Record<string, string>): Promise<{ answer: WebhookAnswer; ms: number }> {
  const started = performance.now();
  const answer = await runtime.post(path, params);
  return { answer, ms: performance.now() - started };
}

const dialedNumber = (answer: WebhookAnswer) => (answer.document === undefined ? undefined : findElement(answer.document, 'Number')?.text ?? findElement(answer.document, 'Dial')?.text);

test('Redis down: every webhook answers with the person at once; Redis back: new calls run the flow again', async () => {
  const inProgress = new TestCall(runtime);
  await inProgress.start();
  const action = findElement(inProgress.last, 'Gather')!.attributes.action!;

  await redis.stop();

  const answers = [
    await timedPost('/twilio/voice/bank', { CallSid: 'CAdown0000000000000000000000000001', ...CALLER }),
    await timedPost(action, { CallSid: inProgress.callSid, ...CALLER, Digits: '7' }),
    await timedPost('/twilio/voice/bank', { CallSid: 'CAdown0000000000000000000000000002', ...CALLER }),
  ];
  for (const { answer, ms } of answers) {
    expect(answer.status).toBe(200);
    expect(dialedNumber(answer)).toBe(BANK_FALLBACK);
    // the store fails fast: far from the webhook's deadline, let alone Twilio's 15 s
    expect(ms).toBeLessThan(2000);
  }
  expect(runtime.logText()).toMatch(/Redis unreachable/);
  expect(runtime.logText().match(/Redis unreachable/g)).toHaveLength(1);

  await redis.start();
  // reconnects on its own, at most a second apart
  const deadline = Date.now() + 10_000;
  let greeting: WebhookAnswer | undefined;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const { answer } = await timedPost('/twilio/voice/bank', { CallSid: `CAback${String(attempt).padStart(28, '0')}`, ...CALLER });
    if (answer.document !== undefined && findElement(answer.document, 'Gather') !== undefined) {
      greeting = answer;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(greeting, 'a new call after Redis came back').toBeDefined();
  expect(spokenTexts(greeting!.document!).join(' ')).toMatch(/account balance/);
  expect(runtime.logText()).toMatch(/Redis reachable again/);

  const after = new TestCall(runtime);
  await after.start();
  expect(findElement(await after.press('7'), 'Gather')?.attributes.action).toMatch(/\/twilio\/step\/bank\/2$/);
}, 30_000);
