import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TestRedisServer } from '../helpers/redis-server.ts';
import { PUBLIC_BASE_URL, TestCall, createFlowsDir, findElement, spokenTexts, useTestRuntimes, type WebhookAnswer } from './helpers.ts';

// On Redis a round trip is most of a webhook's cost: a call on one replica
// makes one per webhook, and a replica answering from its own last save still
// refuses a step another replica has moved the call past.

const { start } = useTestRuntimes();
let redis: TestRedisServer;
let inspector: Redis;
let monitor: Redis;
/** the commands clients sent Redis (not those a script ran inside it), as MONITOR shows them */
const sent: string[] = [];

beforeAll(async () => {
  redis = await TestRedisServer.start();
  inspector = new Redis(redis.url);
  monitor = await new Redis(redis.url).monitor();
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (source !== 'lua') sent.push(String(args[0]).toLowerCase());
  });
});
afterAll(async () => {
  monitor.disconnect();
  inspector.disconnect();
  await redis.remove();
});

/** The commands the runtime sent since the last call (an ECHO of the inspector's marks where they end). */
async function takeSentCommands(): Promise<string[]> {
  await inspector.echo('mark');
  for (let attempt = 0; !sent.includes('echo'); attempt++) {
    if (attempt > 100) throw new Error('MONITOR never showed the mark');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return sent.splice(0).filter((command) => command !== 'echo');
}

const startOnRedis = () => start({ flowsDir: createFlowsDir(), env: { HUMANLINE_REDIS_URL: redis.url } });

describe('a call on one replica on Redis', () => {
  test('makes one Redis round trip per webhook: the Voice URL, each step and the final status', async () => {
    const runtime = await startOnRedis();
    // a first call loads the scripts into Redis (EVALSHA, refused, then EVAL): the second call is the one counted
    const warmUp = new TestCall(runtime);
    await warmUp.start();
    await warmUp.press('2');
    await runtime.post('/twilio/status', { CallSid: warmUp.callSid, CallStatus: 'completed' });
    const call = new TestCall(runtime);
    await takeSentCommands();
    await call.start();
    expect(await takeSentCommands(), 'the Voice URL').toEqual(['evalsha']);
    await call.press('2');
    expect(await takeSentCommands(), 'a key press').toEqual(['evalsha']);
    expect(findElement(await call.press('1'), 'Dial')).toBeDefined();
    expect(await takeSentCommands(), 'a key press that dials').toEqual(['evalsha']);
    await runtime.post('/twilio/status', { CallSid: call.callSid, CallStatus: 'completed' });
    expect(await takeSentCommands(), 'the final status').toEqual(['evalsha']);
    expect(await inspector.lrange(`humanline:events:${call.callSid}`, -1, -1)).toEqual([expect.stringContaining('"type":"hangup","reason":"completed"')]);
  });

  test("a replica holding the call's last save still refuses a step another replica has answered, and replays that answer", async () => {
    const [first, second] = [await startOnRedis(), await startOnRedis()];
    const call = new TestCall(first);
    const greeting = await call.start();
    const action = findElement(greeting, 'Gather')!.attributes.action!;
    expect(action).toBe(`${PUBLIC_BASE_URL}/twilio/step/bank/1`);
    const params = { CallSid: call.callSid, From: call.from, To: '+12125550000', Digits: '2' };

    // the other replica answers the key press; the first one, which saved the greeting, then gets it again
    const answered: WebhookAnswer = await second.post(action, params);
    const again: WebhookAnswer = await first.post(action, params);
    expect(again.status).toBe(200);
    expect(again.text).toBe(answered.text);
    expect(spokenTexts(again.document!)[0]).toMatch(/If your card is lost or stolen/);
    expect(first.logText()).toMatch(/duplicate webhook/);
    // the caller's key counted once, and the call goes on from the other replica's step
    const inputs = (await inspector.lrange(`humanline:events:${call.callSid}`, 0, -1)).filter((entry) => entry.includes('"type":"input"'));
    expect(inputs).toHaveLength(1);
    expect(findElement(again.document!, 'Gather')?.attributes.action).toBe(`${PUBLIC_BASE_URL}/twilio/step/bank/2`);
  });
});
