import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { Fetcher } from '../../runtime/call/perform-lookup.ts';
import type { createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import {
  CLOSED_HOURS,
  PUBLIC_BASE_URL,
  TestCall,
  TestRuntime,
  createFlowsDir,
  el,
  findElement,
  removeTempDirs,
  spokenTexts,
} from './helpers.ts';

// Whole calls through the shipped bank flow, over loopback, signed as Twilio signs.

const runtimes: TestRuntime[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.stop();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  removeTempDirs();
});

async function startBank(options: Partial<ConstructorParameters<typeof TestRuntime>[0]> = {}): Promise<TestRuntime> {
  const runtime = await new TestRuntime({ flowsDir: createFlowsDir(), ...options }).start();
  runtimes.push(runtime);
  return runtime;
}

const VOICE = { language: 'en-US', voice: 'Polly.Joanna-Neural' };
const say = (text: string) => el('Say', VOICE, text);
const MAIN_MENU_PROMPT =
  'For your account balance, press 1 or say balance. For cards, including a lost or stolen card, press 2. For loans and mortgages, press 3. To speak with an agent, press 0 or just say agent.';
const MAIN_MENU_HINTS =
  'balance, cards, lost card, stolen card, loans, mortgage, agent, operator, representative, account balance, check my balance, card, credit card, debit card, loan, mortgages, a person, customer service';

function mainMenuGather(seq: number, ...prompts: string[]) {
  return el(
    'Gather',
    {
      input: 'dtmf speech',
      action: `${PUBLIC_BASE_URL}/twilio/step/bank/${seq}`,
      method: 'POST',
      actionOnEmptyResult: true,
      timeout: 5,
      bargeIn: true,
      numDigits: 1,
      language: 'en-US',
      hints: MAIN_MENU_HINTS,
      speechTimeout: 'auto',
    },
    ...prompts.map(say),
  );
}

function agentQueue(seq: number) {
  return el(
    'Response',
    {},
    say('Please hold for the next available agent.'),
    el(
      'Enqueue',
      {
        action: `${PUBLIC_BASE_URL}/twilio/step/bank/${seq}`,
        method: 'POST',
        waitUrl: `${PUBLIC_BASE_URL}/twilio/queue-wait/bank/${seq}`,
        waitUrlMethod: 'POST',
        maxQueueSize: 30,
      },
      'customer-service',
    ),
  );
}

describe('a call to the bank', () => {
  test('is greeted with the main menu, as text/xml with its length', async () => {
    const runtime = await startBank();
    const call = new TestCall(runtime);
    const answer = await runtime.post('/twilio/voice/bank', { CallSid: call.callSid, From: call.from });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^text\/xml/);
    expect(Number(answer.contentLength)).toBe(Buffer.byteLength(answer.text));
    expect(answer.document).toEqual(
      el('Response', {}, say('Thank you for calling Acme Bank. This call may be recorded for quality and training.'), mainMenuGather(1, MAIN_MENU_PROMPT)),
    );
  });

  test('pressing 0 in open hours reaches the agent queue at once', async () => {
    const call = new TestCall(await startBank());
    await call.start();
    expect(await call.press('0')).toEqual(agentQueue(2));
  });

  test('saying "agent" does the same', async () => {
    const call = new TestCall(await startBank());
    await call.start();
    expect(await call.say('agent')).toEqual(agentQueue(2));
  });

  test('pressing 2 then 1 dials the card protection team, with a whisper for the agent', async () => {
    const runtime = await startBank();
    const call = new TestCall(runtime);
    await call.start();
    await call.press('2');
    const document = await call.press('1');
    expect(document).toEqual(
      el(
        'Response',
        {},
        say('Connecting you to our 24-hour card protection team.'),
        el(
          'Dial',
          { action: `${PUBLIC_BASE_URL}/twilio/step/bank/3`, method: 'POST', timeout: 25 },
          el('Number', { url: `${PUBLIC_BASE_URL}/twilio/whisper/bank/3`, method: 'POST' }, '+12125550147'),
        ),
      ),
    );
    // the agent's leg fetches the whisper with the caller's call as parent
    const whisper = await runtime.post(`/twilio/whisper/bank/3`, { CallSid: 'CAagentleg', ParentCallSid: call.callSid });
    const [text] = spokenTexts(whisper.document!);
    expect(text).toMatch(/Cards/);
    expect(text).toMatch(/Lost or stolen card/);
  });

  test('a silent caller hears the re-prompt once, then is taken to a person (noInput route)', async () => {
    const call = new TestCall(await startBank());
    await call.start();
    expect(await call.press('')).toEqual(el('Response', {}, mainMenuGather(2, "Sorry, I didn't hear anything.", MAIN_MENU_PROMPT)));
    expect(await call.press('')).toEqual(agentQueue(3));
  });

  test('a caller pressing nonsense is re-prompted twice, then taken to a person (noMatch route)', async () => {
    const call = new TestCall(await startBank());
    await call.start();
    expect(await call.press('7')).toEqual(el('Response', {}, mainMenuGather(2, "Sorry, I didn't catch that.", MAIN_MENU_PROMPT)));
    expect(await call.press('*')).toEqual(el('Response', {}, mainMenuGather(3, "Sorry, I didn't catch that.", MAIN_MENU_PROMPT)));
    expect(await call.say('blah blah')).toEqual(agentQueue(4));
  });

  test('out of hours, pressing 0 gets the closed menu (message or call back)', async () => {
    const call = new TestCall(await startBank({ now: CLOSED_HOURS }));
    await call.start();
    const document = await call.press('0');
    expect(spokenTexts(document)).toEqual([
      "We're open weekdays from 8 AM to 8 PM, and Saturdays from 9 AM to 2 PM. For a call back when we open, press 1. To leave a message, press 2.",
    ]);
    expect(findElement(document, 'Gather')?.attributes).toMatchObject({ input: 'dtmf', actionOnEmptyResult: 'true' });
    const voicemail = await call.press('2');
    expect(voicemail.children.map((child) => child.tag)).toEqual(['Say', 'Record', 'Redirect']);
    expect(findElement(voicemail, 'Record')?.attributes).toMatchObject({ maxLength: '120', transcribe: 'true' });
  });

  test('a busy transfer takes its busy route (the card protection queue)', async () => {
    const call = new TestCall(await startBank());
    await call.start();
    await call.press('2');
    await call.press('1');
    const document = await call.dialEnds('busy');
    expect(findElement(document, 'Enqueue')?.text).toBe('card-protection');
    expect(spokenTexts(document)[0]).toMatch(/All card protection specialists are helping other customers/);
  });

  test('a dial status Twilio does not define, even an Object member\'s name, takes the failed route like any unknown one', async () => {
    const call = new TestCall(await startBank());
    await call.start();
    await call.press('2');
    await call.press('1');
    const document = await call.dialEnds('constructor');
    expect(findElement(document, 'Enqueue')?.text).toBe('card-protection');
  });

  test('an answered transfer leads to the survey, whose score is recorded', async () => {
    const runtime = await startBank();
    const call = new TestCall(runtime);
    await call.start();
    await call.press('2');
    await call.press('1');
    const survey = await call.dialEnds('completed');
    expect(spokenTexts(survey)[0]).toMatch(/how satisfied were you/);
    expect(findElement(survey, 'Gather')?.attributes.numDigits).toBe('1');
    expect(await call.press('5')).toEqual(el('Response', {}, say('Thank you for banking with Acme Bank. Goodbye.'), el('Hangup')));
    const store = runtime.runtime.store as unknown as { events(callSid: string): Array<{ type: string }> };
    const types = store.events(call.callSid).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['nodeEntered', 'input', 'outcome', 'personReached', 'surveyScore', 'hangup']));
  });

  test('a full queue takes the call-back route; pressing 1 confirms the caller\'s number', async () => {
    const call = new TestCall(await startBank());
    await call.start();
    await call.press('0');
    const callback = await call.queueEnds('queue-full');
    expect(callback).toEqual(
      el(
        'Response',
        {},
        say("We'll call you back at this number as soon as an agent is free, in the order you called. You don't need to stay on the line."),
        el(
          'Gather',
          { input: 'dtmf', action: `${PUBLIC_BASE_URL}/twilio/step/bank/3`, method: 'POST', actionOnEmptyResult: true, timeout: 10, finishOnKey: '#' },
          say('To be called back at 1 2 1 2 5 5 5 9 8 7 6, press 1. To use a different number, enter it now, followed by the pound key.'),
        ),
      ),
    );
    expect(await call.press('1')).toEqual(el('Response', {}, say('Thank you for banking with Acme Bank. Goodbye.'), el('Hangup')));
  });

  test('holding: the wait URL announces position and wait, and the callback key leaves the queue for a call back', async () => {
    const runtime = await startBank();
    const call = new TestCall(runtime);
    await call.start();
    await call.press('0');
    const hold = await call.hold({ QueuePosition: '3', AvgQueueTime: '240', QueueTime: '12' });
    expect(hold).toEqual(
      el(
        'Response',
        {},
        say('You are number 3 in line.'),
        say('The estimated wait is about 4 minutes.'),
        el(
          'Gather',
          { input: 'dtmf', numDigits: 1, action: `${PUBLIC_BASE_URL}/twilio/queue-key/bank/2`, method: 'POST', timeout: 60 },
          say('To keep your place in line and get a call back instead, press 1.'),
          say('Thanks for your patience. You can also check balances and recent transactions any time in the Acme Bank app.'),
          el('Play', {}, 'https://assets.acmebank.example/ivr/hold-calm.mp3'),
        ),
        el('Redirect', { method: 'POST' }, `${PUBLIC_BASE_URL}/twilio/queue-wait/bank/2`),
      ),
    );
    const otherKey = await runtime.post(`/twilio/queue-key/bank/2`, { CallSid: call.callSid, Digits: '5' });
    expect(otherKey.document).toEqual(el('Response', {}, el('Redirect', { method: 'POST' }, `${PUBLIC_BASE_URL}/twilio/queue-wait/bank/2`)));
    const leave = await runtime.post(`/twilio/queue-key/bank/2`, { CallSid: call.callSid, Digits: '1' });
    expect(leave.document).toEqual(el('Response', {}, el('Leave')));
    const callback = await call.queueEnds('leave');
    expect(spokenTexts(callback)[0]).toMatch(/We'll call you back at this number/);
  });

  test('a queue the caller left without pressing the callback key (the wait URL failed and answered <Leave/>) takes the queue\'s failure route, not the call back', async () => {
    // full goes somewhere the callback offer does not, so the two routes can be told apart
    const flowsDir = createFlowsDir({ bank: (flow) => (flow.nodes.agent_queue.on.full = 'closed_voicemail') });
    const call = new TestCall(await startBank({ flowsDir }));
    await call.start();
    await call.press('0');
    const after = await call.queueEnds('leave');
    expect(spokenTexts(after).join(' ')).not.toMatch(/as soon as an agent is free/);
    expect(spokenTexts(after)[0]).toMatch(/^Please leave your name, number and a short message/);
  });

  test('a duplicate webhook gets the identical TwiML again', async () => {
    const runtime = await startBank();
    const call = new TestCall(runtime);
    const first = await runtime.post('/twilio/voice/bank', { CallSid: call.callSid, From: call.from });
    const again = await runtime.post('/twilio/voice/bank', { CallSid: call.callSid, From: call.from });
    expect(again.text).toBe(first.text);
    const pressed = await runtime.post('/twilio/step/bank/1', { CallSid: call.callSid, Digits: '2' });
    const duplicate = await runtime.post('/twilio/step/bank/1', { CallSid: call.callSid, Digits: '2' });
    expect(duplicate.status).toBe(200);
    expect(duplicate.text).toBe(pressed.text);
    expect(spokenTexts(duplicate.document!)[0]).toMatch(/If your card is lost or stolen/);
    // the call goes on from where the first answer left it
    const next = await runtime.post('/twilio/step/bank/2', { CallSid: call.callSid, Digits: '1' });
    expect(findElement(next.document!, 'Number')?.text).toBe('+12125550147');
  });
});

describe('look-ups', () => {
  async function reachLookup(runtime: TestRuntime): Promise<TestCall> {
    const call = new TestCall(runtime);
    await call.start();
    await call.press('1');
    return call;
  }

  test('a successful look-up reads the answer out', async () => {
    const requests: Array<{ url: string; body: unknown }> = [];
    const fetcher: Fetcher = async (url, init) => {
      requests.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify({ lastFour: '7890', availableBalance: '1,234.56' }), { status: 200 });
    };
    const call = await reachLookup(await startBank({ fetch: fetcher }));
    const document = await call.press('1234567890');
    expect(spokenTexts(document)[0]).toBe('The available balance on your account ending in 7890 is 1,234.56 dollars.');
    expect(requests).toEqual([{ url: 'https://api.acmebank.example/ivr/v1/balance', body: { accountNumber: '1234567890', callerNumber: '+12125559876' } }]);
  });

  test('a failing look-up takes its failure route to a person', async () => {
    const fetcher: Fetcher = async () => new Response('upstream down', { status: 503 });
    const call = await reachLookup(await startBank({ fetch: fetcher }));
    const document = await call.press('1234567890');
    expect(spokenTexts(document)).toEqual([
      "Sorry, I can't look up your balance right now. Let me get you to an agent.",
      'Please hold for the next available agent.',
    ]);
    expect(findElement(document, 'Enqueue')?.text).toBe('customer-service');
  });

  test('a look-up whose server never answers times out inside the node timeout and takes the failure route', async () => {
    const hanging = createServer(() => {
      // never answers
    });
    servers.push(hanging);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const port = (hanging.address() as AddressInfo).port;
    const flowsDir = createFlowsDir({
      bank: (flow) => {
        flow.nodes.balance_lookup.request.url = `http://127.0.0.1:${port}/balance`;
        flow.nodes.balance_lookup.timeout = 1;
      },
    });
    const runtime = await new TestRuntime({ flowsDir }).start();
    runtimes.push(runtime);
    const call = await reachLookup(runtime);
    const started = Date.now();
    const document = await call.press('1234567890');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(3000);
    expect(spokenTexts(document)[0]).toBe("Sorry, I can't look up your balance right now. Let me get you to an agent.");
    expect(findElement(document, 'Enqueue')?.text).toBe('customer-service');
  });

  test('a look-up answer larger than 256 KB is a failed look-up: the read stops early, endless or not', async () => {
    let sent = 0;
    let closed = false;
    const endless = createServer((req, res) => {
      res.on('close', () => void (closed = true));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      req.resume();
      pump();
    });
    servers.push(endless);
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    const flowsDir = createFlowsDir({
      bank: (flow) => void (flow.nodes.balance_lookup.request.url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/balance`),
    });
    const runtime = await new TestRuntime({ flowsDir }).start();
    runtimes.push(runtime);
    const call = await reachLookup(runtime);
    const started = Date.now();
    const document = await call.press('1234567890');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(spokenTexts(document)[0]).toBe("Sorry, I can't look up your balance right now. Let me get you to an agent.");
    const store = runtime.runtime.store as ReturnType<typeof createSqliteStore>;
    expect(store.events(call.callSid)).toContainEqual({ type: 'outcome', nodeId: 'balance_lookup', outcome: 'failed' });
    // the look-up node is in the call's transcript, before its outcome
    expect(store.events(call.callSid).flatMap((event) => ('nodeId' in event && event.nodeId === 'balance_lookup' ? [event.type] : []))).toEqual(['nodeEntered', 'outcome']);
    await expect.poll(() => closed).toBe(true);
    // what the kernel's socket buffers hold, not the gigabytes the server would go on sending
    expect(sent).toBeLessThan(32 * 1024 * 1024);
  });

  test('a look-up answer that declares more than 256 KB is failed before it is read; one just under the limit is read', async () => {
    const big = JSON.stringify({ lastFour: '7890', availableBalance: '1,234.56', padding: 'x'.repeat(300 * 1024) });
    const small = JSON.stringify({ lastFour: '7890', availableBalance: '1,234.56', padding: 'x'.repeat(200 * 1024) });
    let answer = big;
    const fetcher: Fetcher = async () => new Response(answer, { status: 200, headers: { 'Content-Length': String(Buffer.byteLength(answer)) } });
    const runtime = await startBank({ fetch: fetcher });
    const refused = await reachLookup(runtime);
    expect(spokenTexts(await refused.press('1234567890'))[0]).toBe("Sorry, I can't look up your balance right now. Let me get you to an agent.");
    answer = small;
    const read = await reachLookup(runtime);
    expect(spokenTexts(await read.press('1234567890'))[0]).toBe('The available balance on your account ending in 7890 is 1,234.56 dollars.');
  });

  test('a fetcher that throws is a failed look-up, not an error', async () => {
    const fetcher: Fetcher = () => {
      throw new Error('socket hang up');
    };
    const call = await reachLookup(await startBank({ fetch: fetcher }));
    const document = await call.press('1234567890');
    expect(spokenTexts(document)[0]).toBe("Sorry, I can't look up your balance right now. Let me get you to an agent.");
  });
});
