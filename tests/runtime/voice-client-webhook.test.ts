import twilio from 'twilio';
import { afterEach, describe, expect, test } from 'vitest';
import { interpreter } from '../../core/interpreter/index.ts';
import type { Interpreter } from '../../core/interpreter/types.ts';
import { LOCAL_MODE_REFUSAL } from '../../runtime/webhooks/verify-signature.ts';
import { AUTH_TOKEN, PUBLIC_BASE_URL, createFlowsDir, findElement, removeTempDirs, spokenTexts, TestRuntime, type TestRuntimeOptions } from './helpers.ts';

// /twilio/client: the TwiML App's Voice URL, which a call from the browser designer reaches.

const runtimes: TestRuntime[] = [];

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.stop();
  removeTempDirs();
});

async function start(options: Partial<TestRuntimeOptions> = {}): Promise<TestRuntime> {
  const runtime = await new TestRuntime({ flowsDir: createFlowsDir(), ...options }).start();
  runtimes.push(runtime);
  return runtime;
}

/** What Twilio posts for a Voice SDK call to a TwiML App, with device.connect's custom parameters. */
function clientCallParams(callSid: string, custom: Record<string, string>): Record<string, string> {
  return {
    AccountSid: `AC${'0'.repeat(32)}`,
    ApplicationSid: `AP${'0'.repeat(32)}`,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: 'ringing',
    Caller: 'client:designer-0123456789abcdef',
    From: 'client:designer-0123456789abcdef',
    To: '',
    Direction: 'inbound',
    ...custom,
  };
}

describe('POST /twilio/client', () => {
  test('signed, with flow=bank: the bank greeting, exactly as /twilio/voice/bank answers it', async () => {
    const runtime = await start();
    const fromBrowser = await runtime.post('/twilio/client', clientCallParams('CAbrowser1', { flow: 'bank' }));
    const fromPhone = await runtime.post('/twilio/voice/bank', { CallSid: 'CAphone1', From: '+12125559876', To: '+12125550000' });
    expect(fromBrowser.status).toBe(200);
    expect(fromBrowser.contentType).toMatch(/^text\/xml/);
    expect(fromBrowser.document).toEqual(fromPhone.document);
    expect(spokenTexts(fromBrowser.document!)[0]).toBe('Thank you for calling Acme Bank. This call may be recorded for quality and training.');

    // the call is pinned like any other: its keys go on through the step URLs
    const gather = findElement(fromBrowser.document!, 'Gather')!;
    const pressed = await runtime.post(gather.attributes.action!, { CallSid: 'CAbrowser1', Digits: '0' });
    expect(findElement(pressed.document!, 'Enqueue')?.text).toBe('customer-service');
  });

  test('unsigned or wrongly signed: refused with 403 like every webhook', async () => {
    const runtime = await start();
    for (const signing of ['unsigned', 'wrong'] as const) {
      const answer = await runtime.post('/twilio/client', clientCallParams('CAbrowser2', { flow: 'bank' }), signing);
      expect(answer.status, signing).toBe(403);
      expect(answer.text).toBe('Forbidden: bad or missing X-Twilio-Signature\n');
    }
    expect(runtime.logText()).toMatch(/webhook refused: bad or missing X-Twilio-Signature/);
  });

  test('the flow parameter is covered by the signature: a signed call cannot be turned to another flow', async () => {
    const runtime = await start();
    const signed = clientCallParams('CAbrowser6', { flow: 'bank' });
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}/twilio/client`, signed);
    const response = await fetch(`${runtime.server.url}/twilio/client`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
      body: new URLSearchParams({ ...signed, flow: 'other' }).toString(),
    });
    expect(response.status).toBe(403);
  });

  test('in local mode it is refused as the other webhooks are', async () => {
    const runtime = await start({ env: { TWILIO_AUTH_TOKEN: undefined, PUBLIC_BASE_URL: undefined } });
    const answer = await runtime.post('/twilio/client', clientCallParams('CAbrowser3', { flow: 'bank' }));
    expect(answer.status).toBe(403);
    expect(answer.text).toBe(LOCAL_MODE_REFUSAL);
  });

  const FLOWLESS_PARAMS: Array<Record<string, string>> = [{ flow: 'no-such-flow' }, {}, { flow: '../bank' }];

  test('an unknown, missing or malformed flow gets the same apology and person as an unknown /twilio/voice/<flow>', async () => {
    const runtime = await start({ env: { HUMANLINE_FALLBACK_NUMBER: '+15550001111' } });
    const unknownByPath = await runtime.post('/twilio/voice/no-such-flow', { CallSid: 'CAphone4' });
    expect(findElement(unknownByPath.document!, 'Number')?.text).toBe('+15550001111');
    for (const [index, custom] of FLOWLESS_PARAMS.entries()) {
      const answer = await runtime.post('/twilio/client', clientCallParams(`CAbrowser4${index}`, custom));
      expect(answer.status, JSON.stringify(custom)).toBe(200);
      expect(answer.document, JSON.stringify(custom)).toEqual(unknownByPath.document);
    }
  });

  test('a failure while answering a known flow routes to that flow\'s own person, as /twilio/voice/<flow> does', async () => {
    const failing: Interpreter = {
      startCall: () => {
        throw new Error('start exploded');
      },
      continueCall: interpreter.continueCall,
      enterFlow: interpreter.enterFlow,
    };
    const runtime = await start({ interpreter: failing });
    const fromPhone = await runtime.post('/twilio/voice/bank', { CallSid: 'CAphone5' });
    const fromBrowser = await runtime.post('/twilio/client', clientCallParams('CAbrowser5', { flow: 'bank' }));
    expect(fromBrowser.status).toBe(200);
    expect(fromBrowser.document).toEqual(fromPhone.document);
    // the bank's settings.fallback.number, which only the flow id leads to
    expect(findElement(fromBrowser.document!, 'Number')?.text).toBe('+12125550100');
  });
});
