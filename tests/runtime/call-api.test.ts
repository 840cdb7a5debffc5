import { describe, expect, test } from 'vitest';
import { createFlowsDir, OPEN_HOURS, TestCall, useTestRuntimes, type TestRuntime } from './helpers.ts';

// The calls and analytics routes of the designer API, over calls placed through signed webhooks.

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';
const runtimes = useTestRuntimes();
const T0 = OPEN_HOURS.getTime();

async function startWithCalls(env: Record<string, string> = {}): Promise<{ runtime: TestRuntime; calls: TestCall[] }> {
  let now = T0;
  const runtime = await runtimes.start({ flowsDir: createFlowsDir(), now: () => new Date(now), env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN, ...env } });
  const first = new TestCall(runtime, '+34612345601');
  await first.start();
  now += 5000;
  await first.press('9');
  now += 5000;
  await runtime.post('/twilio/status', { CallSid: first.callSid, CallStatus: 'completed' });
  const second = new TestCall(runtime, '+12125559876');
  now += 60_000;
  await second.start();
  now += 4000;
  await second.press('0');
  now += 30_000;
  await second.queueEnds('bridged');
  now += 1000;
  await runtime.post('/twilio/status', { CallSid: second.callSid, CallStatus: 'completed' });
  return { runtime, calls: [first, second] };
}

async function get(runtime: TestRuntime, apiPath: string): Promise<{ status: number; type: string | null; body: any; text: string }> {
  const response = await fetch(`${runtime.server.url}${apiPath}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  const text = await response.text();
  const type = response.headers.get('content-type');
  return { status: response.status, type, text, body: type?.startsWith('application/json') ? JSON.parse(text) : undefined };
}

describe('GET /api/flows/:id/calls', () => {
  test('newest first, caller numbers masked, paged on the server with the total', async () => {
    const { runtime, calls } = await startWithCalls();
    const first = await get(runtime, '/api/flows/bank/calls?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(2);
    expect(first.body.calls).toEqual([expect.objectContaining({ callSid: calls[1]!.callSid, caller: '+1 2•• ••• ••76', outcome: 'person', secondsToPerson: 34, stepsToPerson: 1 })]);
    const second = await get(runtime, `/api/flows/bank/calls?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.calls).toEqual([expect.objectContaining({ callSid: calls[0]!.callSid, caller: '+34 6•• ••• •01', outcome: 'hungUp', endNodeId: 'main_menu' })]);
    expect(second.body.nextCursor).toBeNull();
    const filtered = await get(runtime, '/api/flows/bank/calls?outcome=person&from=2026-03-10&to=2026-03-11');
    expect(filtered.body.calls.map((call: { callSid: string }) => call.callSid)).toEqual([calls[1]!.callSid]);
    expect((await get(runtime, '/api/flows/bank/calls?from=2026-03-11&to=2026-03-12')).body.total).toBe(0);
    // no whole number in a log line, whatever was asked
    expect(runtime.logs.join('\n')).not.toMatch(/612345601|2125559876/);
  });

  test('numbers=shown is refused unless HUMANLINE_SHOW_CALLER_NUMBERS=true, then shows them whole', async () => {
    const masked = await startWithCalls();
    const refused = await get(masked.runtime, '/api/flows/bank/calls?numbers=shown');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/HUMANLINE_SHOW_CALLER_NUMBERS=true/);
    expect((await get(masked.runtime, `/api/calls/${masked.calls[0]!.callSid}?numbers=shown`)).status).toBe(403);
    expect((await get(masked.runtime, '/api/flows/bank/calls.csv?numbers=shown')).status).toBe(403);
    const shown = await startWithCalls({ HUMANLINE_SHOW_CALLER_NUMBERS: 'true' });
    const answer = await get(shown.runtime, '/api/flows/bank/calls?numbers=shown');
    expect(answer.body.calls.map((call: { caller: string }) => call.caller)).toEqual(['+12125559876', '+34612345601']);
    // allowed, but not asked for: still masked
    expect((await get(shown.runtime, '/api/flows/bank/calls')).body.calls[0].caller).toBe('+1 2•• ••• ••76');
  });

  test.each([
    ['limit=0', /^bad query: limit: must be from 1 to 200/],
    ['limit=many', /^bad query: limit: must be a number from 1 to 200/],
    ['outcome=lost', /^bad query: outcome: must be one of person, followUp, callerChoice, hungUp, fallback, inProgress/],
    ['from=yesterday', /^bad query: from: must be an ISO date or time/],
    ['from=2026-03-11&to=2026-03-10', /^bad query: from: must be before to/],
    ['from=2020-01-01&to=2026-03-10', /^bad query: from: must be at most 400 days before to/],
    ['version=../x', /^bad query: version: must be a version id/],
    ['cursor=bm90LWEtY3Vyc29y', /^bad query: cursor: must be the nextCursor of the previous page/],
    ['numbers=all', /^bad query: numbers: must be masked or shown/],
    ['sort=caller', /^bad query: unknown parameter sort; the parameters are from, to, version, outcome, cursor, limit, numbers/],
    ['limit=1&limit=2', /^bad query: limit: /],
  ])('?%s is a 400 naming the parameter and what it takes', async (query, message) => {
    const { runtime } = await startWithCalls();
    const answer = await get(runtime, `/api/flows/bank/calls?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(message);
  });
});

describe('GET /api/calls/:sid', () => {
  test("the call, its timeline, its path and the flow as that version ran; unknown and malformed sids refused", async () => {
    const { runtime, calls } = await startWithCalls();
    const answer = await get(runtime, `/api/calls/${calls[1]!.callSid}`);
    expect(answer.status).toBe(200);
    expect(answer.body.call).toMatchObject({ callSid: calls[1]!.callSid, caller: '+1 2•• ••• ••76', outcome: 'person' });
    expect(answer.body.path).toEqual(['greeting', 'main_menu', 'agent_hours', 'agent_queue', 'post_call_survey']);
    expect(answer.body.timeline.map((event: { type: string }) => event.type)).toEqual(['nodeEntered', 'nodeEntered', 'input', 'nodeEntered', 'nodeEntered', 'outcome', 'personReached', 'nodeEntered', 'hangup']);
    // the greeting heard before the first menu is in the timeline too
    expect(answer.body.timeline[0]).toMatchObject({ type: 'nodeEntered', nodeId: 'greeting' });
    expect(answer.body.timeline[2]).toEqual({ at: new Date(T0 + 74_000).toISOString(), type: 'input', nodeId: 'main_menu', digits: '0' });
    expect(answer.body.flow.nodes.agent_queue.kind).toBe('queue');
    const unknown = await get(runtime, `/api/calls/CA${'f'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    const malformed = await get(runtime, '/api/calls/not-a-sid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/^bad call sid: must be a call sid/);
  });
});

describe('GET /api/flows/:id/analytics', () => {
  test('the figures for the range, with the target asked for; bad parameters refused', async () => {
    const { runtime } = await startWithCalls();
    const answer = await get(runtime, '/api/flows/bank/analytics?target=30');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      flowId: 'bank',
      calls: 2,
      outcomes: { person: 1, hungUp: 1 },
      timeToPerson: { p50: 34, p90: 34, p95: 34, targetSeconds: 30, withinTarget: 0 },
      abandonment: { inMenu: 1, inQueue: 0 },
    });
    expect(answer.body.nodes.main_menu).toMatchObject({ visits: 2, zeroOuts: 1, noMatches: 1, dropOffs: 1 });
    expect((await get(runtime, '/api/flows/bank/analytics')).body.timeToPerson.targetSeconds).toBe(180);
    const bad = await get(runtime, '/api/flows/bank/analytics?target=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^bad query: target: must be from 1 to 3600 seconds/);
    expect((await get(runtime, '/api/flows/Bad%20Id/analytics')).status).toBe(400);
    const partHour = await get(runtime, '/api/flows/bank/analytics?from=2026-03-10T09:30:00Z');
    expect(partHour.status).toBe(400);
    expect(partHour.body.error).toMatch(/^bad query: from: analytics count per hour of the calls' start: give a whole hour/);
    expect((await get(runtime, '/api/flows/bank/analytics?from=2026-03-10&to=2026-03-10T15:00:00Z')).body.calls).toBe(0);
    expect((await get(runtime, '/api/flows/bank/analytics?from=2026-03-10&to=2026-03-10T16:00:00Z')).body.calls).toBe(2);
  });
});

describe('CSV exports', () => {
  test('the call list with numbers masked, safe for spreadsheets, and the per-node figures', async () => {
    const { runtime, calls } = await startWithCalls();
    const list = await get(runtime, '/api/flows/bank/calls.csv');
    expect(list.status).toBe(200);
    expect(list.type).toMatch(/^text\/csv/);
    const lines = list.text.split('\r\n');
    expect(lines[0]).toBe('callSid,startedAt,durationSeconds,caller,flowId,versionId,outcome,endNodeId,secondsToPerson,stepsToPerson,surveyScore');
    // a leading + would be a formula to a spreadsheet: the apostrophe keeps it text
    expect(lines[2]).toMatch(new RegExp(`^${calls[0]!.callSid},${new Date(T0).toISOString()},10,'\\+34 6•• ••• •01,bank,[0-9a-f]+,hungUp,main_menu,,,$`));
    expect(list.text).not.toMatch(/612345601/);
    const nodes = await get(runtime, '/api/flows/bank/analytics/nodes.csv');
    expect(nodes.type).toMatch(/^text\/csv/);
    const nodeLines = nodes.text.split('\r\n');
    expect(nodeLines[0]).toBe('nodeId,visits,dropOffs,zeroOuts,noInputs,noMatches,medianStepsToPerson,medianSecondsToPerson');
    // one call reached a person from the main menu: 1 step and 34 s later
    expect(nodeLines).toContain('main_menu,2,1,1,0,1,1,34');
  });
});
