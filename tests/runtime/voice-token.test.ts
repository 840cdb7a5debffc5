import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { BROWSER_CALL_VARIABLES, ConfigError, parseRuntimeConfig } from '../../runtime/config.ts';
import { createFlowsDir, removeTempDirs, TestRuntime } from './helpers.ts';

// The designer's "Call from browser": the configuration, the status and the access token.

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const API_KEY = `SK${'fedcba9876543210'.repeat(2)}`;
const API_SECRET = 'secretFORtestsONLY0123456789abcd';
const TWIML_APP_SID = `AP${'00112233445566778899aabbccddeeff'}`;
const BROWSER_CALL_ENV = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_API_KEY: API_KEY, TWILIO_API_SECRET: API_SECRET, TWILIO_TWIML_APP_SID: TWIML_APP_SID };
const SIGNED_WEBHOOKS = { TWILIO_AUTH_TOKEN: 'test-auth-token-0123456789abcdef', PUBLIC_BASE_URL: 'https://ivr.example.test' };

const runtimes: TestRuntime[] = [];

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) {
    // neither the API secret nor the admin token ever reaches the JSON log
    const log = runtime.logs.join('\n');
    expect(log).not.toContain(API_SECRET);
    expect(log).not.toContain(ADMIN_TOKEN);
    await runtime.stop();
  }
  removeTempDirs();
});

async function startRuntime(env: Record<string, string | undefined>): Promise<TestRuntime> {
  const runtime = await new TestRuntime({ flowsDir: createFlowsDir(), env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN, ...env } }).start();
  runtimes.push(runtime);
  return runtime;
}

interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any;
}

async function api(runtime: TestRuntime, method: string, apiPath: string, body?: unknown, headers: Record<string, string> = { Authorization: `Bearer ${ADMIN_TOKEN}` }): Promise<ApiAnswer> {
  const response = await fetch(`${runtime.server.url}${apiPath}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** A JWT's parts, decoded by hand, and whether its HS256 signature verifies with `secret`. */
function readJwt(token: string, secret: string): { header: any; payload: any; verified: boolean } {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) throw new Error(`not a JWT: ${token}`);
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
    verified: signature === expected,
  };
}

function getConfigProblems(env: Record<string, string>): string[] {
  try {
    parseRuntimeConfig(env, '/');
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
}

describe('browser call configuration', () => {
  test('all four variables make one credentials object', () => {
    expect(parseRuntimeConfig({ ...SIGNED_WEBHOOKS, ...BROWSER_CALL_ENV }, '/').browserCall).toEqual({
      accountSid: ACCOUNT_SID,
      apiKeySid: API_KEY,
      apiKeySecret: API_SECRET,
      twimlAppSid: TWIML_APP_SID,
    });
    expect(parseRuntimeConfig(SIGNED_WEBHOOKS, '/').browserCall).toBeUndefined();
  });

  test('a partial set fails at parse, naming the missing variables', () => {
    const { TWILIO_API_SECRET: _secret, TWILIO_TWIML_APP_SID: _app, ...twoOfFour } = BROWSER_CALL_ENV;
    expect(getConfigProblems({ ...SIGNED_WEBHOOKS, ...twoOfFour })).toEqual([
      expect.stringMatching(/^TWILIO_API_SECRET, TWILIO_TWIML_APP_SID are missing: a call from the browser designer needs all four .*\(set: TWILIO_ACCOUNT_SID, TWILIO_API_KEY\)$/),
    ]);
    expect(getConfigProblems({ ...SIGNED_WEBHOOKS, TWILIO_API_SECRET: API_SECRET })).toEqual([
      expect.stringMatching(/^TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_TWIML_APP_SID are missing/),
    ]);
    // the secret's value never appears in a message
    expect(getConfigProblems({ ...SIGNED_WEBHOOKS, TWILIO_API_SECRET: API_SECRET }).join('\n')).not.toContain(API_SECRET);
  });

  test('SIDs and the secret are checked for their format; a bad secret is not echoed', () => {
    const problems = getConfigProblems({
      ...SIGNED_WEBHOOKS,
      TWILIO_ACCOUNT_SID: 'AC123',
      TWILIO_API_KEY: ACCOUNT_SID,
      // the key's SID pasted where its secret belongs
      TWILIO_API_SECRET: API_KEY,
      TWILIO_TWIML_APP_SID: `PN${'0'.repeat(32)}`,
    });
    expect(problems).toEqual([
      expect.stringMatching(/^TWILIO_ACCOUNT_SID must be the account's SID: AC followed by 32 hex digits \(34 characters\) \(got "AC123"\)$/),
      expect.stringMatching(/^TWILIO_API_KEY must be an API key's SID: SK followed by 32 hex digits/),
      "TWILIO_API_SECRET must be the API key's secret: 32 letters and digits",
      expect.stringMatching(/^TWILIO_TWIML_APP_SID must be a TwiML App's SID: AP followed by 32 hex digits/),
    ]);
  });

  test('the browser call needs signed webhooks: in local mode its Voice URL would be refused', () => {
    expect(getConfigProblems(BROWSER_CALL_ENV)).toEqual([expect.stringMatching(/^TWILIO_AUTH_TOKEN is required when TWILIO_ACCOUNT_SID, .* are set: the browser call reaches \/twilio\/client/)]);
  });
});

describe('GET /api/voice/status and POST /api/voice/token', () => {
  test('both refuse without the admin token, with a wrong bearer and with a wrong cookie', async () => {
    const runtime = await startRuntime(BROWSER_CALL_ENV);
    const refusals: Array<Record<string, string>> = [{}, { Authorization: 'Bearer wrong-token' }, { Cookie: 'humanline_token=wrong-token' }];
    for (const headers of refusals) {
      const status = await api(runtime, 'GET', '/api/voice/status', undefined, headers);
      const token = await api(runtime, 'POST', '/api/voice/token', { flow: 'bank' }, headers);
      for (const answer of [status, token]) {
        expect(answer.status).toBe(401);
        expect(answer.body).toEqual({ error: expect.stringMatching(/admin token/) });
      }
    }
  });

  test('with credentials: a JWT signed with the API secret, granting calls to the TwiML App only', async () => {
    const runtime = await startRuntime(BROWSER_CALL_ENV);
    expect((await api(runtime, 'GET', '/api/voice/status')).body).toEqual({ configured: true, missing: [] });

    const answer = await api(runtime, 'POST', '/api/voice/token', { flow: 'bank' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.body).toEqual({ token: expect.any(String), identity: expect.stringMatching(/^designer-[0-9a-f]{16}$/), expiresInSeconds: 600 });

    const jwt = readJwt(answer.body.token, API_SECRET);
    expect(jwt.verified).toBe(true);
    expect(readJwt(answer.body.token, 'another-secret-0123456789abcdefgh').verified).toBe(false);
    expect(jwt.header).toMatchObject({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    expect(jwt.payload).toMatchObject({
      iss: API_KEY,
      sub: ACCOUNT_SID,
      grants: { identity: answer.body.identity, voice: { outgoing: { application_sid: TWIML_APP_SID } } },
    });
    // never rung: no incoming grant
    expect(jwt.payload.grants.voice.incoming).toBeUndefined();
    expect(jwt.payload.exp - jwt.payload.iat).toBe(600);
    expect(Math.abs(jwt.payload.iat - Date.now() / 1000)).toBeLessThan(60);

    // a fresh identity per token
    const second = await api(runtime, 'POST', '/api/voice/token', { flow: 'bank' });
    expect(second.body.identity).not.toBe(answer.body.identity);
    expect(runtime.logs.join('\n')).not.toContain(answer.body.token);
  });

  test('the body is checked: a flow id, nothing else, and a published flow', async () => {
    const runtime = await startRuntime(BROWSER_CALL_ENV);
    for (const body of [{}, { flow: '../bank' }, { flow: 'bank', extra: 1 }, { flow: 7 }]) {
      const answer = await api(runtime, 'POST', '/api/voice/token', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toMatch(/^bad body: /);
    }
    const unpublished = await api(runtime, 'POST', '/api/voice/token', { flow: 'not-published' });
    expect(unpublished.status).toBe(409);
    expect(unpublished.body).toEqual({ error: 'flow "not-published" is not published: a real call runs the published version, so publish it first' });
  });

  test('without credentials: the status lists the four variables, and the token is a 409 explaining what to set', async () => {
    const runtime = await startRuntime({});
    expect((await api(runtime, 'GET', '/api/voice/status')).body).toEqual({ configured: false, missing: [...BROWSER_CALL_VARIABLES] });
    const answer = await api(runtime, 'POST', '/api/voice/token', { flow: 'bank' });
    expect(answer.status).toBe(409);
    expect(Object.keys(answer.body)).toEqual(['error']);
    for (const name of BROWSER_CALL_VARIABLES) expect(answer.body.error).toContain(name);
    expect(answer.body.error).toContain("the TwiML App's Voice URL to <PUBLIC_BASE_URL>/twilio/client");
  });
});
