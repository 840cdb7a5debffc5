import { connect } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import twilioHelpers from 'twilio';
import { describe, expect, test } from 'vitest';
import { interpreter } from '../../core/interpreter/index.ts';
import type { Interpreter, Wait } from '../../core/interpreter/types.ts';
import { STORE_FILE_NAME, createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import type { CallStore } from '../../runtime/store/types.ts';
import { LOCAL_MODE_REFUSAL } from '../../runtime/webhooks/verify-signature.ts';
import {
  AUTH_TOKEN,
  PUBLIC_BASE_URL,
  TestCall,
  type TestRuntime,
  createFlowsDir,
  createTempDir,
  el,
  findElement,
  readShippedFlow,
  useTestRuntimes,
  spokenTexts,
  writeFlow,
} from './helpers.ts';

const { start, stop } = useTestRuntimes();

/** A real store whose reads of a call never answer once `hang` is called: a store that stalls mid-call. */
function createHangingStore(dataDir: string): { store: CallStore; hang(): void } {
  const real = createSqliteStore(dataDir);
  let hanging = false;
  const store: CallStore = { ...real, getCall: (callSid) => (hanging ? new Promise(() => undefined) : real.getCall(callSid)) };
  return { store, hang: () => void (hanging = true) };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const APOLOGY = 'We are sorry, something went wrong on our side. Let me connect you to a person.';
const GIVE_UP = 'We are sorry, nobody could take your call. Please call us again in a few minutes. Goodbye.';

/** The fallback answer: the apology, a Dial to a person, and a goodbye should nobody answer. */
function fallbackTo(number: string, voice: Record<string, string> = { language: 'en-US', voice: 'Polly.Joanna-Neural' }) {
  return el('Response', {}, el('Say', voice, APOLOGY), el('Dial', { timeout: 30 }, el('Number', {}, number)), el('Say', voice, GIVE_UP), el('Hangup'));
}

/** The line the webhook error middleware wrote, as JSON. */
function getFailureLine(runtime: TestRuntime): Record<string, any> | undefined {
  return runtime.logs.map((line) => JSON.parse(line)).find((line) => /^webhook failed/.test(line.msg));
}

/** Sends one request over a raw socket, so the request line can be what no HTTP client would send. */
async function sendRaw(runtime: TestRuntime, requestLine: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const socket = connect(runtime.server.port, '127.0.0.1');
  const head = [
    requestLine,
    `Host: 127.0.0.1:${runtime.server.port}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries({ 'Content-Type': 'application/x-www-form-urlencoded', ...headers }).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  socket.end(`${head}\r\n\r\n${body}`, 'latin1');
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
  return { status, text: raw.slice(raw.indexOf('\r\n\r\n') + 4) };
}

describe('never stranding a caller', () => {
  test('an unknown flow id answers the fallback with HUMANLINE_FALLBACK_NUMBER', async () => {
    const runtime = await start({ flowsDir: createFlowsDir(), env: { HUMANLINE_FALLBACK_NUMBER: '+15550001111' } });
    const answer = await runtime.post('/twilio/voice/no-such-flow', { CallSid: 'CAunknownflow' });
    expect(answer.status).toBe(200);
    expect(answer.document).toEqual(fallbackTo('+15550001111', { language: 'en-US' }));
  });

  test('a thrown error inside a node routes to the flow\'s fallback person, not a 500', async () => {
    const failing: Interpreter = {
      startCall: interpreter.startCall,
      continueCall: () => {
        throw new Error('node handler exploded');
      },
      enterFlow: interpreter.enterFlow,
    };
    const runtime = await start({ flowsDir: createFlowsDir(), interpreter: failing });
    const call = new TestCall(runtime);
    await call.start();
    const answer = await runtime.post(findElement(call.last, 'Gather')!.attributes.action!, { CallSid: call.callSid, Digits: '1' });
    expect(answer.status).toBe(200);
    expect(answer.document).toEqual(fallbackTo('+12125550100'));
    expect(runtime.logText()).toMatch(/InterpreterError: Error: node handler exploded/);
  });

  test('a store failure routes to the fallback person', async () => {
    const dataDir = createTempDir('data');
    const real = createSqliteStore(dataDir);
    const broken: CallStore = { ...real, saveStep: () => Promise.reject(new Error('disk full')) };
    const runtime = await start({ flowsDir: createFlowsDir(), store: broken, dataDir });
    const answer = await runtime.post('/twilio/voice/bank', { CallSid: 'CAstorefailure' });
    expect(answer.status).toBe(200);
    expect(answer.document).toEqual(fallbackTo('+12125550100'));
  });

  test('a status callback the store cannot keep is not acknowledged: 503, never a 200 with an apology and a <Dial>', async () => {
    const dataDir = createTempDir('data');
    const real = createSqliteStore(dataDir);
    const broken: CallStore = { ...real, setStatus: () => Promise.reject(new Error('Redis is down')) };
    const runtime = await start({ flowsDir: createFlowsDir(), store: broken, dataDir });
    const answer = await runtime.post('/twilio/status', { CallSid: 'CAstatuslost', CallStatus: 'completed' });
    expect(answer.status).toBe(503);
    expect(answer.text).not.toMatch(/<Dial|<Say/);
    expect(runtime.logText()).toMatch(/status callback not kept/);
  });

  test('a call record the store cannot read is logged as a store failure with its reason, not as unexpected; the caller reaches a person', async () => {
    const flowsDir = createFlowsDir();
    const dataDir = createTempDir('data');
    const first = await start({ flowsDir, dataDir });
    const call = new TestCall(first);
    await call.start();
    await stop(first);
    // a row the store can no longer read back (a torn write, a hand edit)
    const db = new Database(path.join(dataDir, STORE_FILE_NAME));
    db.prepare('UPDATE calls SET record = ? WHERE call_sid = ?').run('{"state":"torn"}', call.callSid);
    db.close();

    const second = await start({ flowsDir, dataDir });
    const answer = await second.post(findElement(call.last, 'Gather')!.attributes.action!, { CallSid: call.callSid, Digits: '1' });
    expect(answer.status).toBe(200);
    expect(answer.document).toEqual(fallbackTo('+12125550100'));
    const failure = getFailureLine(second);
    expect(failure).toMatchObject({ reason: 'store failure', callSid: call.callSid });
    expect(failure?.msg).toMatch(/StoreError: corrupt state for call \w+: not a call record/);
    expect(second.logText()).not.toMatch(/unexpected/);
  });

  test('a step the renderer cannot answer is logged as a render failure with its reason, not as unexpected; the caller reaches a person', async () => {
    // an interpreter newer than this runtime's renderer, with a wait kind it has no TwiML for
    const newer: Interpreter = {
      ...interpreter,
      continueCall: (flow, state, event, options) => ({ ...interpreter.continueCall(flow, state, event, options), wait: { kind: 'conference', nodeId: 'main_menu' } as unknown as Wait }),
    };
    const runtime = await start({ flowsDir: createFlowsDir(), interpreter: newer });
    const call = new TestCall(runtime);
    await call.start();
    const answer = await runtime.post(findElement(call.last, 'Gather')!.attributes.action!, { CallSid: call.callSid, Digits: '1' });
    expect(answer.status).toBe(200);
    expect(answer.document).toEqual(fallbackTo('+12125550100'));
    const failure = getFailureLine(runtime);
    expect(failure).toMatchObject({ reason: 'render failure', callSid: call.callSid });
    expect(failure?.msg).toMatch(/RenderError: no renderer for a conference wait/);
    expect(runtime.logText()).not.toMatch(/unexpected/);
  });

  test('a follow-up for a call the store does not know routes to the flow\'s fallback', async () => {
    const runtime = await start({ flowsDir: createFlowsDir() });
    const answer = await runtime.post('/twilio/step/bank/4', { CallSid: 'CAneverseen', Digits: '1' });
    expect(answer.document).toEqual(fallbackTo('+12125550100'));
  });

  test('a store that hangs: the webhook answers the fallback inside the deadline', async () => {
    const dataDir = createTempDir('data');
    const { store: hanging, hang } = createHangingStore(dataDir);
    const runtime = await start({ flowsDir: createFlowsDir(), store: hanging, dataDir, deadlineMs: 300 });
    const call = new TestCall(runtime);
    await call.start();
    hang();
    const started = Date.now();
    const answer = await runtime.post(findElement(call.last, 'Gather')!.attributes.action!, { CallSid: call.callSid, Digits: '0' });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(answer.status).toBe(200);
    expect(answer.document).toEqual(fallbackTo('+12125550100'));
    expect(runtime.logText()).toMatch(/DeadlineError/);
  });

  test('without any fallback number the caller goes to the flow\'s nearest person', async () => {
    const flowsDir = createFlowsDir({ bank: (flow) => delete flow.settings.fallback });
    const failing: Interpreter = { ...interpreter, continueCall: () => { throw new Error('boom'); } };
    const runtime = await start({ flowsDir, interpreter: failing });
    expect(runtime.logText()).toMatch(/NO FALLBACK NUMBER/);
    const call = new TestCall(runtime);
    await call.start();
    await call.press('2').catch(() => undefined);
    const document = call.last;
    expect(spokenTexts(document)[0]).toBe(APOLOGY);
    // breadth first from the main menu: the card protection transfer (cards_menu, then option 1) is nearest
    expect(findElement(document, 'Number')?.text).toBe('+12125550147');
  });

  test('POST /twilio/fallback apologises and dials the flow\'s fallback number', async () => {
    const runtime = await start({ flowsDir: createFlowsDir() });
    const call = new TestCall(runtime);
    await call.start();
    const answer = await runtime.post('/twilio/fallback', {
      CallSid: call.callSid,
      ErrorCode: '11200',
      ErrorUrl: `${PUBLIC_BASE_URL}/twilio/step/bank/1`,
    });
    expect(answer.document).toEqual(fallbackTo('+12125550100'));
    const noCall = await runtime.post('/twilio/fallback', { ErrorCode: '11205', ErrorUrl: `${PUBLIC_BASE_URL}/twilio/voice/bank` });
    expect(noCall.document).toEqual(fallbackTo('+12125550100'));
  });
});

describe('failures while holding and while the agent hears the whisper', () => {
  /** A store whose reads fail once `broken` is set, as a disk that goes away mid-call. */
  function createBreakableStore(dataDir: string): { store: CallStore; breakNow(): void } {
    const real = createSqliteStore(dataDir);
    let broken = false;
    const store: CallStore = {
      ...real,
      getCall: (callSid) => (broken ? Promise.reject(new Error('disk I/O error')) : real.getCall(callSid)),
      getAnswer: (callSid, seq) => (broken ? Promise.reject(new Error('disk I/O error')) : real.getAnswer(callSid, seq)),
    };
    return { store, breakNow: () => void (broken = true) };
  }

  test('the wait URL answers <Leave/> on any failure, never the caller\'s fallback <Dial> (Twilio refuses <Dial> there)', async () => {
    const dataDir = createTempDir('data');
    const { store, breakNow } = createBreakableStore(dataDir);
    const runtime = await start({ flowsDir: createFlowsDir(), store, dataDir });
    const call = new TestCall(runtime);
    await call.start();
    await call.press('0');
    const waitUrl = findElement(call.last, 'Enqueue')!.attributes.waitUrl!;
    // a wait URL for a call the store does not know, and one at a seq the call is not at
    expect((await runtime.post(waitUrl, { CallSid: 'CAnobodyknows' })).document).toEqual(el('Response', {}, el('Leave')));
    expect((await runtime.post(waitUrl.replace(/\/2$/, '/7'), { CallSid: call.callSid })).document).toEqual(el('Response', {}, el('Leave')));
    // a wait URL path that names no seq, and the callback key's answer
    expect((await runtime.post('/twilio/queue-wait/bank', { CallSid: call.callSid })).document).toEqual(el('Response', {}, el('Leave')));
    breakNow();
    const hold = await runtime.post(waitUrl, { CallSid: call.callSid, QueuePosition: '2' });
    expect(hold.status).toBe(200);
    expect(hold.document).toEqual(el('Response', {}, el('Leave')));
    const key = await runtime.post(waitUrl.replace('/queue-wait/', '/queue-key/'), { CallSid: call.callSid, Digits: '1' });
    expect(key.document).toEqual(el('Response', {}, el('Leave')));
    expect(runtime.logText()).toMatch(/disk I\/O error/);
  });

  test('a store that hangs while the caller holds or the agent is whispered to: <Leave/> and empty TwiML inside the deadline', async () => {
    const dataDir = createTempDir('data');
    const { store: hanging, hang } = createHangingStore(dataDir);
    const runtime = await start({ flowsDir: createFlowsDir(), store: hanging, dataDir, deadlineMs: 300 });
    const call = new TestCall(runtime);
    await call.start();
    await call.press('0');
    const waitUrl = findElement(call.last, 'Enqueue')!.attributes.waitUrl!;
    hang();
    const started = Date.now();
    const [hold, key, whisper] = await Promise.all([
      runtime.post(waitUrl, { CallSid: call.callSid }),
      runtime.post(waitUrl.replace('/queue-wait/', '/queue-key/'), { CallSid: call.callSid, Digits: '1' }),
      runtime.post(waitUrl.replace('/queue-wait/', '/whisper/'), { CallSid: 'CAagentleg', ParentCallSid: call.callSid }),
    ]);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(hold.document).toEqual(el('Response', {}, el('Leave')));
    expect(key.document).toEqual(el('Response', {}, el('Leave')));
    expect(whisper.document).toEqual(el('Response'));
    expect(runtime.logText()).toMatch(/DeadlineError/);
  });

  test('the whisper answers empty TwiML on any failure, never a <Dial> on the agent\'s leg', async () => {
    const dataDir = createTempDir('data');
    const { store, breakNow } = createBreakableStore(dataDir);
    const runtime = await start({ flowsDir: createFlowsDir(), store, dataDir });
    const call = new TestCall(runtime);
    await call.start();
    await call.press('2');
    await call.press('1');
    const whisperUrl = findElement(call.last, 'Number')!.attributes.url!;
    expect((await runtime.post('/twilio/whisper/bank', { CallSid: 'CAagentleg', ParentCallSid: call.callSid })).document).toEqual(el('Response'));
    breakNow();
    const whisper = await runtime.post(whisperUrl, { CallSid: 'CAagentleg', ParentCallSid: call.callSid });
    expect(whisper.status).toBe(200);
    expect(whisper.document).toEqual(el('Response'));
    expect(runtime.logText()).toMatch(/disk I\/O error/);
  });
});

describe('a background write that fails', () => {
  test('is reported on the call it belongs to, not on the next unrelated request', async () => {
    const flowsDir = createFlowsDir();
    const dataDir = createTempDir('data');
    const runtime = await start({ flowsDir, dataDir });
    const failing = new TestCall(runtime);
    const unrelated = new TestCall(runtime);
    // the file refuses this one call's rows, as a full disk refuses a write
    const db = new Database(path.join(dataDir, STORE_FILE_NAME));
    db.exec(`CREATE TRIGGER refuse_call BEFORE INSERT ON calls WHEN NEW.call_sid = '${failing.callSid}' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    db.close();
    await failing.start();
    // the write runs right after the answer: give it its turn
    await new Promise((resolve) => setTimeout(resolve, 50));
    const menu = await unrelated.start();
    expect(spokenTexts(menu)[0]).toMatch(/Acme Bank/);
    expect(runtime.logText()).not.toMatch(/routed the caller to a person/);
    const lines = runtime.logs.map((line) => JSON.parse(line) as Record<string, any>);
    const report = lines.find((line) => line.level >= 50 && /database or disk is full/.test(JSON.stringify(line)));
    expect(report).toMatchObject({ callSid: failing.callSid });
    expect(lines.filter((line) => line.level >= 50 && line.callSid === unrelated.callSid)).toEqual([]);
    // the unrelated call's state was written
    await stop(runtime);
    const check = new Database(path.join(dataDir, STORE_FILE_NAME), { readonly: true });
    const saved = check.prepare('SELECT call_sid FROM calls').all() as Array<{ call_sid: string }>;
    check.close();
    expect(saved.map((row) => row.call_sid)).toEqual([unrelated.callSid]);
  });

  test('a batch with one failing call still saves the other calls written with it', async () => {
    const flowsDir = createFlowsDir();
    const dataDir = createTempDir('data');
    const runtime = await start({ flowsDir, dataDir });
    const calls = [new TestCall(runtime), new TestCall(runtime), new TestCall(runtime)];
    const db = new Database(path.join(dataDir, STORE_FILE_NAME));
    db.exec(`CREATE TRIGGER refuse_call BEFORE INSERT ON calls WHEN NEW.call_sid = '${calls[1]!.callSid}' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    db.close();
    await Promise.all(calls.map((call) => call.start()));
    await stop(runtime);
    const check = new Database(path.join(dataDir, STORE_FILE_NAME), { readonly: true });
    const saved = (check.prepare('SELECT call_sid FROM calls ORDER BY call_sid').all() as Array<{ call_sid: string }>).map((row) => row.call_sid);
    check.close();
    expect(saved).toEqual([calls[0]!.callSid, calls[2]!.callSid]);
    expect(runtime.logs.map((line) => JSON.parse(line)).filter((line) => line.level >= 50 && /disk is full/.test(JSON.stringify(line)))).toMatchObject([{ callSid: calls[1]!.callSid }]);
  });
});

describe('a flow version the store cannot write', () => {
  test('is reported naming the flow, on no call, and the flow still serves its new version', async () => {
    const flowsDir = createFlowsDir();
    const dataDir = createTempDir('data');
    const runtime = await start({ flowsDir, dataDir });
    const db = new Database(path.join(dataDir, STORE_FILE_NAME));
    db.exec(`CREATE TRIGGER refuse_version BEFORE INSERT ON flow_versions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    db.close();
    const bankFile = path.join(flowsDir, 'bank.json');
    const bank = JSON.parse(readFileSync(bankFile, 'utf8'));
    bank.name = 'Acme Bank, edited';
    writeFileSync(bankFile, JSON.stringify(bank));
    await runtime.runtime.flows.reloadFile('bank.json');
    // the write runs right after the publish, and the folder watcher publishes the edit once more: give both their turn
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runtime.runtime.flows.getCurrent('bank')?.flow.name).toBe('Acme Bank, edited');
    const lines = runtime.logs.map((line) => JSON.parse(line) as Record<string, any>);
    const reports = lines.filter((line) => line.level >= 50 && /disk is full/.test(JSON.stringify(line)));
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) {
      expect(report).toMatchObject({ flowId: 'bank', msg: expect.stringMatching(/^flow bank: its version was not saved in the store/) });
      expect(report).not.toHaveProperty('callSid');
    }
    const call = await new TestCall(runtime).start();
    expect(spokenTexts(call)[0]).toMatch(/Acme Bank/);
  });
});

describe('the language of the fallback', () => {
  test('a flow with languages but no defaultLanguage: with or without the call\'s state, the apology is spoken as the interpreter speaks the flow', async () => {
    const flowsDir = createFlowsDir({
      bank: (flow) => {
        delete flow.settings.defaultLanguage;
        flow.settings.languages = ['en-GB'];
        flow.settings.voice = 'Polly.Amy-Neural';
      },
    });
    const runtime = await start({ flowsDir });
    const call = new TestCall(runtime);
    const greeting = await call.start();
    const flowVoice = findElement(greeting, 'Say')!.attributes;
    expect(flowVoice).toEqual({ language: 'en-GB', voice: 'Polly.Amy-Neural' });
    const known = await runtime.post('/twilio/fallback', { CallSid: call.callSid, ErrorUrl: `${PUBLIC_BASE_URL}/twilio/step/bank/1` });
    const stateless = await runtime.post('/twilio/step/bank/4', { CallSid: 'CAneverseen', Digits: '1' });
    expect(known.document).toEqual(fallbackTo('+12125550100', flowVoice));
    expect(stateless.document).toEqual(fallbackTo('+12125550100', flowVoice));
  });

  test('languages: [nl-NL, ...] and no defaultLanguage: the call is in nl-NL, so the apology is Dutch in the Dutch voice, with or without the call\'s state', async () => {
    const flowsDir = createFlowsDir({
      multilingual: (flow) => {
        delete flow.settings.defaultLanguage;
        flow.settings.voice = 'Polly.Lotte';
      },
    });
    const runtime = await start({ flowsDir });
    const call = new TestCall(runtime);
    const menu = await call.start('multilingual');
    expect(findElement(menu, 'Say')!.attributes).toEqual({ language: 'nl-NL', voice: 'Polly.Lotte' });
    const known = await runtime.post('/twilio/fallback', { CallSid: call.callSid, ErrorUrl: `${PUBLIC_BASE_URL}/twilio/step/multilingual/1` });
    const stateless = await runtime.post('/twilio/fallback', { ErrorUrl: `${PUBLIC_BASE_URL}/twilio/voice/multilingual` });
    const dutch = { language: 'nl-NL', voice: 'Polly.Lotte' };
    const dutchFallback = el(
      'Response',
      {},
      el('Say', dutch, 'Excuses, er is aan onze kant iets misgegaan. We verbinden u door met een medewerker.'),
      el('Dial', { timeout: 30 }, el('Number', {}, '+31205550100')),
      el('Say', dutch, 'Excuses, niemand kon uw gesprek aannemen. Wilt u over een paar minuten opnieuw bellen? Tot ziens.'),
      el('Hangup'),
    );
    expect(known.document).toEqual(dutchFallback);
    expect(stateless.document).toEqual(dutchFallback);
  });
});

describe('signatures', () => {
  test('an unsigned and a wrongly signed request are refused with 403', async () => {
    const runtime = await start({ flowsDir: createFlowsDir() });
    const unsigned = await runtime.post('/twilio/voice/bank', { CallSid: 'CAunsigned' }, 'unsigned');
    expect(unsigned.status).toBe(403);
    expect(unsigned.contentType).toMatch(/^text\/plain/);
    const wrong = await runtime.post('/twilio/voice/bank', { CallSid: 'CAwrong' }, 'wrong');
    expect(wrong.status).toBe(403);
    expect(runtime.logText()).not.toMatch(/test-auth-token/);
  });

  test('the URL is never rebuilt from Host or X-Forwarded headers', async () => {
    const runtime = await start({ flowsDir: createFlowsDir() });
    const twilio = (await import('twilio')).default;
    const params = { CallSid: 'CAforwarded' };
    // signed for the address an attacker claims in the headers, not PUBLIC_BASE_URL
    const signature = twilio.getExpectedTwilioSignature('test-auth-token-0123456789abcdef', 'https://evil.example/twilio/voice/bank', params);
    const response = await fetch(`${runtime.server.url}/twilio/voice/bank`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature, 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(403);
  });

  test('an absolute-form request target with a bogus signature is refused 403, and nothing is stored', async () => {
    const flowsDir = createFlowsDir({ clinic: () => undefined });
    // with a port in PUBLIC_BASE_URL, the URL the check builds does not parse
    const publicBaseUrl = 'https://ivr.example.test:8443';
    const runtime = await start({ flowsDir, env: { PUBLIC_BASE_URL: publicBaseUrl } });
    const targets = ['http://evil.example/twilio/voice/clinic', 'https://ivr.example.test/twilio/voice/clinic'];
    for (const target of targets) {
      const answer = await sendRaw(runtime, `POST ${target} HTTP/1.1`, 'CallSid=CAabsoluteform&From=%2B15550001234', { 'X-Twilio-Signature': 'bogus' });
      expect(answer.status, target).toBe(403);
      expect(answer.text, target).not.toMatch(/<Dial/);
    }
    // signed for the very URL the check would build: still not a path Twilio calls
    const signed = twilioHelpers.getExpectedTwilioSignature(AUTH_TOKEN, `${publicBaseUrl}http://evil.example/twilio/voice/clinic`, { CallSid: 'CAabsoluteform' });
    const answer = await sendRaw(runtime, 'POST http://evil.example/twilio/voice/clinic HTTP/1.1', 'CallSid=CAabsoluteform', { 'X-Twilio-Signature': signed });
    expect(answer.status).toBe(403);
    await stop(runtime);
    const db = new Database(path.join(runtime.config.dataDir, STORE_FILE_NAME), { readonly: true });
    const rows = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect({ calls: rows('calls'), events: rows('call_event_log'), statuses: rows('call_status') }).toEqual({ calls: 0, events: 0, statuses: 0 });
    db.close();
  });

  test('odd signatures and bodies are refused 403, never answered with TwiML', async () => {
    const runtime = await start({ flowsDir: createFlowsDir() });
    const url = `${PUBLIC_BASE_URL}/twilio/voice/bank`;
    const cases: Array<{ what: string; body: string; signature: string }> = [
      { what: 'a repeated parameter', body: 'CallSid=CArepeated&CallSid=CAother', signature: 'bogus' },
      { what: 'a signature of non-ASCII bytes', body: 'CallSid=CAnonascii', signature: '\u00ff\u00fe' },
      { what: 'an over-long signature', body: 'CallSid=CAlong', signature: 'A'.repeat(8000) },
      { what: 'a signature for other parameters', body: 'CallSid=CAswapped', signature: twilioHelpers.getExpectedTwilioSignature(AUTH_TOKEN, url, { CallSid: 'CAother' }) },
    ];
    for (const { what, body, signature } of cases) {
      const answer = await sendRaw(runtime, 'POST /twilio/voice/bank HTTP/1.1', body, { 'X-Twilio-Signature': signature });
      expect(answer.status, what).toBe(403);
    }
    // bodies the parser refuses cannot have their signature checked: refused the same way
    const unreadable: Array<{ what: string; body: string; headers: Record<string, string> }> = [
      { what: 'a body over 64 KB', body: `CallSid=CAbig&Pad=${'x'.repeat(70 * 1024)}`, headers: {} },
      { what: 'too many parameters', body: Array.from({ length: 300 }, (_, index) => `p${index}=1`).join('&'), headers: {} },
      { what: 'a charset nobody supports', body: 'CallSid=CAcharset', headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=klingon' } },
    ];
    for (const { what, body, headers } of unreadable) {
      const answer = await sendRaw(runtime, 'POST /twilio/voice/bank HTTP/1.1', body, { 'X-Twilio-Signature': 'bogus', ...headers });
      expect(answer.status, what).toBe(403);
    }
    expect(await runtime.runtime.store.getCall('CArepeated')).toBeUndefined();
  });

  test('local mode refuses every webhook and says so; /healthz reports it', async () => {
    const runtime = await start({ flowsDir: createFlowsDir(), env: { TWILIO_AUTH_TOKEN: undefined, PUBLIC_BASE_URL: undefined } });
    const answer = await runtime.post('/twilio/voice/bank', { CallSid: 'CAlocal' });
    expect(answer.status).toBe(403);
    expect(answer.text).toBe(LOCAL_MODE_REFUSAL);
    const health = await (await fetch(`${runtime.server.url}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, localMode: true, flows: [{ id: 'bank', name: 'Acme Bank customer line' }] });
  });
});

describe('state and flow versions', () => {
  test('a restart in the middle of a call: the state survives', async () => {
    const flowsDir = createFlowsDir();
    const dataDir = createTempDir('data');
    const first = await start({ flowsDir, dataDir });
    const call = new TestCall(first);
    await call.start();
    await call.press('2');
    await stop(first);

    const second = await start({ flowsDir, dataDir });
    const resumed = new TestCall(second);
    Object.assign(resumed, { callSid: call.callSid, last: call.last });
    const document = await resumed.press('1');
    expect(findElement(document, 'Number')?.text).toBe('+12125550147');
  });

  test('a flow edited mid-call: the call keeps its version, a new call gets the new one', async () => {
    const flowsDir = createFlowsDir();
    const runtime = await start({ flowsDir });
    const before = runtime.runtime.flows.getCurrent('bank')!.versionId;
    const call = new TestCall(runtime);
    await call.start();

    const edited = readShippedFlow('bank');
    edited.nodes.greeting.prompt = 'Welcome to Acme Bank, now with a new greeting.';
    edited.nodes.cards_menu.prompt = 'New cards menu. For a lost card press 1, for charges press 2, for anything else press 3, for an agent press 0.';
    writeFlow(flowsDir, 'bank', edited);
    await waitFor(() => runtime.runtime.flows.getCurrent('bank')?.versionId !== before, 'the edit to be published');

    const cards = await call.press('2');
    expect(spokenTexts(cards)[0]).toMatch(/^If your card is lost or stolen/);
    const fresh = new TestCall(runtime);
    const greeting = await fresh.start();
    expect(spokenTexts(greeting)[0]).toBe('Welcome to Acme Bank, now with a new greeting.');
  });

  test('an invalid flow edit is refused with the linter\'s report; the old version keeps serving', async () => {
    const flowsDir = createFlowsDir();
    const runtime = await start({ flowsDir });
    const before = runtime.runtime.flows.getCurrent('bank')!.versionId;
    const broken = readShippedFlow('bank');
    // no operator key any more: a caller could be kept from a person
    broken.nodes.main_menu.options = broken.nodes.main_menu.options.filter((option: { key: string }) => option.key !== '0');
    writeFlow(flowsDir, 'bank', broken);
    await waitFor(() => /flow bank refused/.test(runtime.logText()), 'the refusal in the log');
    expect(runtime.logText()).toMatch(/operator-key/);
    expect(runtime.logText()).toMatch(new RegExp(`version ${before} keeps serving`));
    expect(runtime.runtime.flows.getCurrent('bank')?.versionId).toBe(before);

    writeFlow(flowsDir, 'bank', '{ "name": "half a file",');
    await waitFor(() => /flow bank refused[\s\S]*flow bank refused/.test(runtime.logText()), 'the second refusal');
    const call = new TestCall(runtime);
    const greeting = await call.start();
    expect(spokenTexts(greeting)[0]).toBe('Thank you for calling Acme Bank. This call may be recorded for quality and training.');
  });

  test('status callbacks out of order: completed is final', async () => {
    const runtime = await start({ flowsDir: createFlowsDir() });
    const send = (status: string) => runtime.post('/twilio/status', { CallSid: 'CAstatus', CallStatus: status });
    expect((await send('in-progress')).status).toBe(200);
    await send('completed');
    await send('ringing');
    await send('in-progress');
    expect(await runtime.runtime.store.getStatus('CAstatus')).toBe('completed');
    expect(runtime.logText()).toMatch(/status callback ignored/);
    // a late ringing does not overwrite in-progress either
    await runtime.post('/twilio/status', { CallSid: 'CAother', CallStatus: 'in-progress' });
    await runtime.post('/twilio/status', { CallSid: 'CAother', CallStatus: 'ringing' });
    expect(await runtime.runtime.store.getStatus('CAother')).toBe('in-progress');
  });

  test('every log line of a webhook carries its CallSid', async () => {
    const runtime = await start({ flowsDir: createFlowsDir() });
    const call = new TestCall(runtime);
    await call.start();
    await call.press('0');
    const webhookLines = runtime.logs.map((line) => JSON.parse(line)).filter((line) => typeof line.path === 'string');
    expect(webhookLines.length).toBeGreaterThan(0);
    for (const line of webhookLines) expect(line.callSid).toBe(call.callSid);
  });
});
