import { describe, expect, test } from 'vitest';
import { createFlowsDir, OPEN_HOURS, TestCall, useTestRuntimes, type TestRuntime } from './helpers.ts';

// A compliance report's measured evidence, over calls placed through real
// signed webhooks: Twilio's Enqueue action tells how long the caller held
// (QueueTime), a Dial's how long the agent's call lasted (DialCallDuration),
// both only after the agent's call has ended.

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';
const runtimes = useTestRuntimes();
const T0 = OPEN_HOURS.getTime();

async function get(runtime: TestRuntime, apiPath: string, token = ADMIN_TOKEN): Promise<{ status: number; body: any }> {
  const response = await fetch(`${runtime.server.url}${apiPath}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

/** The bank flow, whose agent queue, when it cannot take a caller, says goodbye: the line ends the wait. */
async function startBank(): Promise<{ runtime: TestRuntime; at: (seconds: number) => void }> {
  let now = T0;
  const flowsDir = createFlowsDir({
    bank: (flow) => {
      flow.nodes.agent_queue.on.full = 'goodbye';
      // the rules that would refuse to serve such a flow
      flow.rules = { 'dead-end': 'off', 'silent-caller': 'off' };
    },
  });
  const runtime = await runtimes.start({ flowsDir, now: () => new Date(now), env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN } });
  return { runtime, at: (seconds) => void (now = T0 + seconds * 1000) };
}

async function placeCalls(runtime: TestRuntime, at: (seconds: number) => void): Promise<void> {
  // Q: presses 0 at 10 s and holds; the Enqueue action at 400 s says bridged after 50 s held: answered at 60 s
  const queued = new TestCall(runtime);
  at(0);
  await queued.start();
  at(10);
  await queued.press('0');
  at(400);
  await queued.queueEnds('bridged', { QueueTime: '50' });
  // T: cards at 1005 s, the fraud line's transfer at 1010 s; the Dial action at 1500 s, the agent's call 300 s long: answered at 1200 s
  const transferred = new TestCall(runtime);
  at(1000);
  await transferred.start();
  at(1005);
  await transferred.press('2');
  at(1010);
  await transferred.press('1');
  at(1500);
  await transferred.dialEnds('completed', { DialCallDuration: '300' });
  // F: presses 0 at 2010 s; the queue cannot take the caller and the flow says goodbye: the line ended the wait
  const full = new TestCall(runtime);
  at(2000);
  await full.start();
  at(2010);
  await full.press('0');
  at(2070);
  await full.queueEnds('queue-full', { QueueTime: '0' });
  // H: presses 0 at 3010 s and hangs up holding at 3100 s: the caller's doing, not the line's
  const hungUp = new TestCall(runtime);
  at(3000);
  await hungUp.start();
  at(3010);
  await hungUp.press('0');
  at(3100);
  await hungUp.queueEnds('hangup', { QueueTime: '90' });
  // S: silent at the main menu, hangs up: never asked for a person
  const silent = new TestCall(runtime);
  at(4000);
  await silent.start();
  at(4020);
  await runtime.post('/twilio/status', { CallSid: silent.callSid, CallStatus: 'completed' });
}

describe('GET /api/flows/:id/measures', () => {
  test("the period's measured evidence, as worked out by hand", async () => {
    const { runtime, at } = await startBank();
    await placeCalls(runtime, at);
    at(5000);
    const answer = await get(runtime, '/api/flows/bank/measures?from=2026-03-10T15:00:00Z&to=2026-03-10T17:00:00Z');
    expect(answer.status).toBe(200);
    // 5 calls; Q, T, F and H asked for a person (4); Q alone was answered within 180 s: 1 / 4
    // from the start: Q 60 s, T 200 s -> nearest rank ceil(0.95 * 2) = 2nd = 200 s
    // from the ask: Q 60 - 10 = 50 s, T 1200 - 1010 = 190 s -> 190 s
    // the line ended F's wait; H hung up holding
    expect(answer.body).toEqual({
      flowId: 'bank',
      from: '2026-03-10T15:00:00.000Z',
      to: '2026-03-10T17:00:00.000Z',
      calls: 5,
      measures: {
        attendedWithin180s: { value: 0.25, calls: 4 },
        secondsToPersonP95FromStart: { value: 200, calls: 2 },
        secondsToPersonP95FromRequest: { value: 190, calls: 2 },
        lineDisconnectsWhileWaiting: { value: 1, calls: 4 },
      },
    });
    // by default the 30 days to now: the same calls
    expect((await get(runtime, '/api/flows/bank/measures')).body).toMatchObject({ from: new Date(T0 + 5000_000 - 30 * 86_400_000).toISOString(), calls: 5 });
  });

  test('the period is checked: ISO times, from before to, at most 366 days; the admin token is required', async () => {
    const { runtime } = await startBank();
    const refused = async (query: string) => {
      const answer = await get(runtime, `/api/flows/bank/measures?${query}`);
      expect(answer.status).toBe(400);
      return answer.body.error as string;
    };
    expect(await refused('from=yesterday')).toMatch(/^bad query: from: must be an ISO date/);
    expect(await refused('from=2026-03-10&to=2026-03-09')).toMatch(/^bad query: from: must be before to/);
    expect(await refused('from=2025-01-01&to=2026-03-10')).toMatch(/^bad query: from: must be at most 366 days before to/);
    expect(await refused('version=v1')).toMatch(/^bad query: unknown parameter version/);
    expect((await get(runtime, '/api/flows/bank/measures?from=2025-03-10&to=2026-03-10')).status).toBe(200);
    expect((await get(runtime, '/api/flows/Bad%20Id/measures')).status).toBe(400);
    expect((await get(runtime, '/api/flows/bank/measures', 'wrong-token-0123456789abcdefghijkl')).status).toBe(401);
  });
});
