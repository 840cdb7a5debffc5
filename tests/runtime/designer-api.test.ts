import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { UNRECOGNISED_MESSAGE } from '../../core/import/index.ts';
import { lintSource } from '../../core/lint/lint-source.ts';
import { ServeProcess } from '../helpers/serve-process.ts';
import { createFlowsDir, createTempDir, readShippedFlow, removeTempDirs, TestCall, TestRuntime } from './helpers.ts';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';
const STUDIO_FIXTURE = path.resolve(import.meta.dirname, '../fixtures/import/studio-ivr.json');

const runtimes: TestRuntime[] = [];

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) {
    // whatever a test did, the token never reaches the JSON log
    expect(runtime.logs.join('\n')).not.toContain(ADMIN_TOKEN);
    await runtime.stop();
  }
  removeTempDirs();
});

async function startRuntime(flowsDir = createFlowsDir(), designerDir?: string): Promise<{ runtime: TestRuntime; dataDir: string; flowsDir: string }> {
  const dataDir = createTempDir('data');
  const runtime = await new TestRuntime({ flowsDir, dataDir, env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN }, ...(designerDir ? { designerDir } : {}) }).start();
  runtimes.push(runtime);
  return { runtime, dataDir, flowsDir };
}

interface ApiAnswer {
  status: number;
  body: any;
}

/** A request to the designer API, with the bearer token unless told otherwise. */
async function api(runtime: TestRuntime, method: string, apiPath: string, body?: unknown, headers: Record<string, string> = { Authorization: `Bearer ${ADMIN_TOKEN}` }): Promise<ApiAnswer> {
  const response = await fetch(`${runtime.server.url}${apiPath}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: await response.json() };
}

/** The bank flow as shipped, without the schema line the helpers drop too. */
function getBankFlow(): any {
  const flow = readShippedFlow('bank');
  delete flow.$schema;
  return flow;
}

const EVERY_ROUTE: Array<[string, string, unknown?]> = [
  ['GET', '/api/flows'],
  ['GET', '/api/flows/bank'],
  ['PUT', '/api/flows/bank', { flow: { nodes: {} } }],
  ['POST', '/api/flows/bank/publish'],
  ['GET', '/api/flows/bank/versions'],
  ['POST', '/api/flows/bank/rename', { to: 'other' }],
  ['POST', '/api/flows/bank/duplicate', { to: 'other' }],
  ['DELETE', '/api/flows/bank'],
  ['POST', '/api/import', { data: {}, id: 'other' }],
  ['GET', '/api/flows/bank/calls'],
  ['GET', '/api/flows/bank/calls.csv'],
  ['GET', `/api/calls/CA${'0'.repeat(32)}`],
  ['GET', '/api/flows/bank/analytics'],
  ['GET', '/api/flows/bank/analytics/nodes.csv'],
  ['GET', '/api/no-such-route'],
];

describe('designer API: the admin token', () => {
  test('every route refuses without the token, with a wrong bearer and with a wrong cookie, and changes nothing', async () => {
    const { runtime, flowsDir, dataDir } = await startRuntime();
    const refusals: Array<Record<string, string>> = [
      {},
      { Authorization: 'Bearer wrong-token' },
      { Authorization: `Bearer ${ADMIN_TOKEN}x` },
      { Authorization: ADMIN_TOKEN },
      { Cookie: 'humanline_token=wrong-token' },
    ];
    for (const headers of refusals) {
      for (const [method, apiPath, body] of EVERY_ROUTE) {
        const answer = await api(runtime, method, apiPath, body, headers);
        expect(answer.status, `${method} ${apiPath} with ${JSON.stringify(headers)}`).toBe(401);
        expect(answer.body.error).toMatch(/admin token/);
      }
    }
    expect(existsSync(path.join(flowsDir, 'bank.json'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'drafts'))).toBe(false);
  });

  test('the login URL sets an HttpOnly SameSite=Strict cookie and redirects to /; the cookie then works', async () => {
    const { runtime } = await startRuntime();
    for (const loginPath of ['/login', '/']) {
      const response = await fetch(`${runtime.server.url}${loginPath}?token=${ADMIN_TOKEN}`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/');
      const setCookie = response.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(new RegExp(`^humanline_token=${ADMIN_TOKEN};`));
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      const cookie = setCookie.split(';')[0]!;
      const answer = await api(runtime, 'GET', '/api/flows', undefined, { Cookie: `other=1; ${cookie}` });
      expect(answer.status).toBe(200);
      expect(answer.body.map((flow: { id: string }) => flow.id)).toEqual(['bank']);
    }
  });

  test('a wrong or missing token at /login is 401 and sets no cookie', async () => {
    const { runtime } = await startRuntime();
    for (const query of ['?token=wrong', `?token=${ADMIN_TOKEN.slice(0, -1)}`, '', `?token=${ADMIN_TOKEN}&token=${ADMIN_TOKEN}`]) {
      const response = await fetch(`${runtime.server.url}/login${query}`, { redirect: 'manual' });
      expect(response.status, query).toBe(401);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  test('the bearer token works', async () => {
    const { runtime } = await startRuntime();
    const answer = await api(runtime, 'GET', '/api/flows');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([{ id: 'bank', name: getBankFlow().name, published: true, draft: false, errorCount: 0, warningCount: expect.any(Number) }]);
  });

  test('without an admin token there is no designer API', async () => {
    const runtime = await new TestRuntime({ flowsDir: createFlowsDir() }).start();
    runtimes.push(runtime);
    const response = await fetch(`${runtime.server.url}/api/flows`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(404);
  });

  test('`humanline serve` without HUMANLINE_ADMIN_TOKEN prints a login URL with a generated token on stderr, never in the log', async () => {
    const flowsDir = createFlowsDir();
    const dataDir = createTempDir('data');
    const env = { ...process.env, HUMANLINE_FLOWS: flowsDir, HUMANLINE_DATA_DIR: dataDir, HUMANLINE_ADMIN_TOKEN: '', TWILIO_AUTH_TOKEN: '', PUBLIC_BASE_URL: '', PORT: '0', LOG_LEVEL: 'info' };
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../bin/humanline.js'), 'serve', '--host', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const loginUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no login URL printed:\n${stderr}`)), 15_000);
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const match = /humanline: designer at (http:\/\/127\.0\.0\.1:\d+\/\?token=([0-9a-f]{64}))\n/.exec(stderr);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      const token = new URL(loginUrl).searchParams.get('token')!;
      const login = await fetch(loginUrl, { redirect: 'manual' });
      expect(login.status).toBe(303);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const base = new URL(loginUrl).origin;
      expect((await fetch(`${base}/api/flows`, { headers: { Cookie: cookie } })).status).toBe(200);
      expect((await fetch(`${base}/api/flows`)).status).toBe(401);
      child.kill('SIGTERM');
      await exited;
      expect(stdout).toMatch(/humanline serving 1 flow/);
      expect(stdout).not.toContain(token);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    }
  }, 30_000);
});

describe('`humanline serve` with HUMANLINE_ADMIN_TOKEN set by the operator', () => {
  test('prints the designer URL without the token and says to log in with it; the token appears nowhere in the output', async () => {
    const serve = await ServeProcess.start({
      HUMANLINE_FLOWS: createFlowsDir(),
      HUMANLINE_DATA_DIR: createTempDir('data'),
      HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'info',
    });
    try {
      const designerUrl = (await serve.waitFor(/humanline: designer at (\S+) .*\n/))[1]!;
      expect(designerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(serve.log).toMatch(/log in with your HUMANLINE_ADMIN_TOKEN/);
      // the operator's token logs in at the URL printed
      const login = await fetch(`${designerUrl}?token=${ADMIN_TOKEN}`, { redirect: 'manual' });
      expect(login.status).toBe(303);
      await serve.kill('SIGTERM');
      // stdout (the JSON log) and stderr alike
      expect(serve.log).not.toContain(ADMIN_TOKEN);
    } finally {
      await serve.kill();
    }
  }, 30_000);
});

describe('designer API: requests from other pages', () => {
  /** Logs in as the browser does and returns the cookie it got. */
  async function logIn(runtime: TestRuntime): Promise<string> {
    const response = await fetch(`${runtime.server.url}/login?token=${ADMIN_TOKEN}`, { redirect: 'manual' });
    return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  async function listIds(runtime: TestRuntime): Promise<string[]> {
    return (await api(runtime, 'GET', '/api/flows')).body.map((flow: { id: string }) => flow.id);
  }

  test('a plain HTML form on another page of the site, posting with the admin\'s cookie, renames nothing', async () => {
    const { runtime, flowsDir } = await startRuntime();
    const cookie = await logIn(runtime);
    const siblingPort = new URL(runtime.server.url).port === '8080' ? '8081' : '8080';
    const forms: Array<Record<string, string>> = [
      // what a browser sends for a form on another port of the same host
      { Cookie: cookie, Origin: `http://127.0.0.1:${siblingPort}`, 'Sec-Fetch-Site': 'same-site' },
      // a form whose browser sends no Origin at all
      { Cookie: cookie },
      // even from the designer's own origin, a form body is not the API's
      { Cookie: cookie, Origin: runtime.server.url, 'Sec-Fetch-Site': 'same-origin' },
      { Authorization: `Bearer ${ADMIN_TOKEN}` },
    ];
    for (const headers of forms) {
      const response = await fetch(`${runtime.server.url}/api/flows/bank/rename`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'to=pwned',
      });
      expect([403, 415], JSON.stringify(headers)).toContain(response.status);
      expect((await response.json()).error).toMatch(/JSON|origin|other site/i);
    }
    const text = await fetch(`${runtime.server.url}/api/flows/bank/rename`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'text/plain' }, body: '{"to":"pwned"}' });
    expect(text.status).toBe(415);
    expect(await listIds(runtime)).toEqual(['bank']);
    expect(existsSync(path.join(flowsDir, 'bank.json'))).toBe(true);
    expect(existsSync(path.join(flowsDir, 'pwned.json'))).toBe(false);
  });

  test('a JSON request with the cookie from another site or origin is refused 403 and changes nothing', async () => {
    const { runtime } = await startRuntime();
    const cookie = await logIn(runtime);
    const refused: Array<Record<string, string>> = [
      { Origin: 'https://evil.example' },
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: runtime.server.url, 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'https://sibling.ivr.example.test', 'Sec-Fetch-Site': 'same-site' },
      {},
    ];
    for (const headers of refused) {
      for (const [method, apiPath, body] of [
        ['POST', '/api/flows/bank/rename', { to: 'pwned' }],
        ['PUT', '/api/flows/bank', { flow: { nodes: {} } }],
        ['DELETE', '/api/flows/bank', undefined],
        ['POST', '/api/flows/bank/publish', undefined],
      ] as const) {
        const answer = await api(runtime, method, apiPath, body, { Cookie: cookie, ...headers });
        expect(answer.status, `${method} ${apiPath} ${JSON.stringify(headers)}`).toBe(403);
        expect(answer.body.error).toMatch(/another site|origin/i);
      }
    }
    expect(await listIds(runtime)).toEqual(['bank']);
    expect((await api(runtime, 'GET', '/api/flows/bank')).body.flow).toEqual(getBankFlow());
  });

  test('the designer\'s own requests work: same origin (PUBLIC_BASE_URL\'s or the loopback address it was opened at), and scripts with the bearer token', async () => {
    const { runtime } = await startRuntime();
    const cookie = await logIn(runtime);
    const own = await api(runtime, 'POST', '/api/flows/bank/duplicate', { to: 'copy-one' }, { Cookie: cookie, Origin: runtime.server.url, 'Sec-Fetch-Site': 'same-origin' });
    expect(own.status).toBe(201);
    const proxied = await api(runtime, 'POST', '/api/flows/bank/duplicate', { to: 'copy-two' }, { Cookie: cookie, Origin: 'https://ivr.example.test' });
    expect(proxied.status).toBe(201);
    const typed = await api(runtime, 'POST', '/api/flows/bank/duplicate', { to: 'copy-three' }, { Cookie: cookie, 'Sec-Fetch-Site': 'none' });
    expect(typed.status).toBe(201);
    // a script's bearer token is not something a browser sends on its own, so no origin is asked for
    const script = await api(runtime, 'POST', '/api/flows/bank/duplicate', { to: 'copy-four' }, { Authorization: `Bearer ${ADMIN_TOKEN}`, Origin: 'https://ci.example' });
    expect(script.status).toBe(201);
    const publish = await fetch(`${runtime.server.url}/api/flows/copy-one/publish`, { method: 'POST', headers: { Cookie: cookie, Origin: runtime.server.url } });
    expect(publish.status).toBe(200);
    expect(await listIds(runtime)).toEqual(['bank', 'copy-four', 'copy-one', 'copy-three', 'copy-two']);
  });

  test('without PUBLIC_BASE_URL (local mode) the origin is the address the designer was opened at', async () => {
    const dataDir = createTempDir('data');
    const runtime = await new TestRuntime({
      flowsDir: createFlowsDir(),
      dataDir,
      env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN, TWILIO_AUTH_TOKEN: undefined, PUBLIC_BASE_URL: undefined },
    }).start();
    runtimes.push(runtime);
    const cookie = await logIn(runtime);
    expect((await api(runtime, 'POST', '/api/flows/bank/duplicate', { to: 'copy' }, { Cookie: cookie, Origin: runtime.server.url })).status).toBe(201);
    expect((await api(runtime, 'POST', '/api/flows/bank/duplicate', { to: 'other' }, { Cookie: cookie, Origin: 'https://ivr.example.test' })).status).toBe(403);
  });

  test('the designer and its API cannot be framed by another page', async () => {
    const designerDir = createTempDir('designer');
    writeFileSync(path.join(designerDir, 'index.html'), '<!doctype html><title>designer</title>');
    const { runtime } = await startRuntime(createFlowsDir(), designerDir);
    for (const page of ['/', '/index.html', '/api/flows', '/login', `/?token=${ADMIN_TOKEN}`]) {
      const response = await fetch(`${runtime.server.url}${page}`, { redirect: 'manual', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(response.headers.get('x-frame-options'), page).toBe('DENY');
      expect(response.headers.get('content-security-policy'), page).toMatch(/frame-ancestors 'none'/);
    }
  });

  test('the login cookie is Secure when PUBLIC_BASE_URL is https, and not when it is a plain-http loopback address', async () => {
    const { runtime } = await startRuntime();
    expect(runtime.config.publicBaseUrl).toMatch(/^https:/);
    const secure = await fetch(`${runtime.server.url}/login?token=${ADMIN_TOKEN}`, { redirect: 'manual' });
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure/);
    const plain = await new TestRuntime({
      flowsDir: createFlowsDir(),
      env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN, PUBLIC_BASE_URL: 'http://127.0.0.1:3000' },
    }).start();
    runtimes.push(plain);
    const insecure = await fetch(`${plain.server.url}/login?token=${ADMIN_TOKEN}`, { redirect: 'manual' });
    expect(insecure.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(insecure.headers.get('set-cookie')).not.toMatch(/Secure/);
  });
});

describe('designer API: files', () => {
  test('list, open, save, duplicate, rename and delete round trip', async () => {
    const { runtime, flowsDir, dataDir } = await startRuntime();

    const opened = await api(runtime, 'GET', '/api/flows/bank');
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ id: 'bank', source: 'published', flow: getBankFlow(), lint: { errorCount: 0 } });

    const edited = { ...getBankFlow(), name: 'Bank, edited' };
    const saved = await api(runtime, 'PUT', '/api/flows/bank', { flow: edited });
    expect(saved.status).toBe(200);
    expect(saved.body.lint).toMatchObject({ errorCount: 0, flowName: 'Bank, edited' });
    // pretty JSON with a trailing newline, in the data folder; the published file is untouched
    expect(readFileSync(path.join(dataDir, 'drafts', 'bank.json'), 'utf8')).toBe(`${JSON.stringify(edited, null, 2)}\n`);
    expect(JSON.parse(readFileSync(path.join(flowsDir, 'bank.json'), 'utf8')).name).toBe(getBankFlow().name);

    expect((await api(runtime, 'GET', '/api/flows/bank')).body).toMatchObject({ source: 'draft', flow: edited });

    // a work-in-progress draft with lint errors is saved all the same
    const unfinished = await api(runtime, 'PUT', '/api/flows/scratch', { flow: { name: 'Scratch', nodes: {} } });
    expect(unfinished.status).toBe(200);
    expect(unfinished.body.lint.errorCount).toBeGreaterThan(0);

    expect((await api(runtime, 'POST', '/api/flows/bank/duplicate', { to: 'bank-copy' })).status).toBe(201);
    expect((await api(runtime, 'POST', '/api/flows/bank/duplicate', { to: 'scratch' })).status).toBe(409);
    expect((await api(runtime, 'POST', '/api/flows/bank-copy/rename', { to: 'bank' })).status).toBe(409);
    expect((await api(runtime, 'POST', '/api/flows/missing/rename', { to: 'found' })).status).toBe(404);
    expect((await api(runtime, 'POST', '/api/flows/missing/duplicate', { to: 'found' })).status).toBe(404);
    const renamed = await api(runtime, 'POST', '/api/flows/bank-copy/rename', { to: 'bank_two' });
    expect(renamed).toEqual({ status: 200, body: { id: 'bank_two' } });

    const listed = await api(runtime, 'GET', '/api/flows');
    expect(listed.body).toEqual([
      { id: 'bank', name: 'Bank, edited', published: true, draft: true, errorCount: 0, warningCount: expect.any(Number) },
      { id: 'bank_two', name: 'Bank, edited', published: false, draft: true, errorCount: 0, warningCount: expect.any(Number) },
      { id: 'scratch', name: 'Scratch', published: false, draft: true, errorCount: unfinished.body.lint.errorCount, warningCount: expect.any(Number) },
    ]);

    expect(await api(runtime, 'DELETE', '/api/flows/bank_two')).toEqual({ status: 200, body: { deleted: true } });
    expect((await api(runtime, 'GET', '/api/flows/bank_two')).status).toBe(404);
    expect((await api(runtime, 'DELETE', '/api/flows/bank_two')).status).toBe(404);
    expect(existsSync(path.join(dataDir, 'drafts', 'bank_two.json'))).toBe(false);
  });

  test('renaming and deleting a published flow moves and removes the served file', async () => {
    const { runtime, flowsDir } = await startRuntime();
    expect((await api(runtime, 'POST', '/api/flows/bank/rename', { to: 'acme' })).status).toBe(200);
    expect(existsSync(path.join(flowsDir, 'bank.json'))).toBe(false);
    expect(existsSync(path.join(flowsDir, 'acme.json'))).toBe(true);
    expect(runtime.runtime.flows.getCurrent('bank')).toBeUndefined();
    expect(runtime.runtime.flows.getCurrent('acme')?.flow.name).toBe(getBankFlow().name);

    expect((await api(runtime, 'DELETE', '/api/flows/acme')).status).toBe(200);
    expect(existsSync(path.join(flowsDir, 'acme.json'))).toBe(false);
    expect(runtime.runtime.flows.getCurrent('acme')).toBeUndefined();
    expect((await api(runtime, 'GET', '/api/flows')).body).toEqual([]);
  });

  test('ids that are not plain names are refused with 400, so nothing leaves the folders', async () => {
    const { runtime } = await startRuntime();
    // (a bare `..` segment never arrives: URL parsing resolves it before the request is sent)
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '...', '.hidden', 'Bank', 'a.b', '-x', 'a%00b', 'x'.repeat(65), '%2Ftmp%2Fx']) {
      expect((await api(runtime, 'GET', `/api/flows/${id}`)).status, id).toBe(400);
      expect((await api(runtime, 'PUT', `/api/flows/${id}`, { flow: { nodes: {} } })).status, id).toBe(400);
      expect((await api(runtime, 'DELETE', `/api/flows/${id}`)).status, id).toBe(400);
    }
    for (const to of ['../bank', '/tmp/x', 'a/b', '', 'UPPER']) {
      expect((await api(runtime, 'POST', '/api/flows/bank/duplicate', { to })).status, to).toBe(400);
      expect((await api(runtime, 'POST', '/api/flows/bank/rename', { to })).status, to).toBe(400);
      expect((await api(runtime, 'POST', '/api/import', { data: getBankFlow(), id: to })).status, to).toBe(400);
    }
    expect((await api(runtime, 'GET', '/api/flows')).body.map((flow: { id: string }) => flow.id)).toEqual(['bank']);
  });

  test('bodies are checked: a draft must be an object with a nodes object, unknown keys and bad JSON are refused', async () => {
    const { runtime } = await startRuntime();
    const refused: unknown[] = [{}, { flow: [] }, { flow: 'x' }, { flow: {} }, { flow: { nodes: [] } }, { flow: { nodes: 'x' } }, { flow: { nodes: {} }, extra: 1 }, [1]];
    for (const body of refused) {
      const answer = await api(runtime, 'PUT', '/api/flows/bank', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(typeof answer.body.error).toBe('string');
    }
    expect(await api(runtime, 'PUT', '/api/flows/bank', '{"flow": ')).toEqual({ status: 400, body: { error: 'the body is not valid JSON' } });
    expect((await api(runtime, 'POST', '/api/flows/bank/rename', { to: 'x', also: 'y' })).status).toBe(400);
    expect((await api(runtime, 'POST', '/api/flows/bank/publish', { force: true })).status).toBe(400);
    expect((await api(runtime, 'POST', '/api/import', { id: 'x' })).status).toBe(400);
    expect((await api(runtime, 'POST', '/api/import', { data: {}, id: 'x', from: 'genesys' })).status).toBe(400);
    // larger than 2 MB
    const large = { flow: { nodes: {}, description: 'x'.repeat(2.1 * 1024 * 1024) } };
    expect((await api(runtime, 'PUT', '/api/flows/bank', large)).status).toBe(413);
    expect((await api(runtime, 'GET', '/api/flows/bank')).body.source).toBe('published');
  });
});

describe('designer API: deeply nested bodies', () => {
  test('a draft nested 10,000 levels deep is a 400 saying so, not a 500; nothing is saved', async () => {
    const { runtime, dataDir } = await startRuntime();
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    for (const body of [`{"flow":{"nodes":{"menu":${deep}}}}`, `{"flow":{"nodes":{},"settings":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}`]) {
      const answer = await api(runtime, 'PUT', '/api/flows/bank', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatch(/nest/);
    }
    const imported = await api(runtime, 'POST', '/api/import', `{"id":"deep","data":${deep}}`);
    expect(imported.status).toBe(400);
    expect(existsSync(path.join(dataDir, 'drafts'))).toBe(false);
    // an ordinary flow still saves
    expect((await api(runtime, 'PUT', '/api/flows/bank', { flow: getBankFlow() })).status).toBe(200);
  });
});

describe('designer API: publishing', () => {
  test('a flow with lint errors is refused with 409 naming the rule and node; the served version stays', async () => {
    const { runtime, flowsDir } = await startRuntime();
    const withoutZero = getBankFlow();
    withoutZero.nodes.main_menu.options = withoutZero.nodes.main_menu.options.filter((option: { key: string }) => option.key !== '0');
    expect((await api(runtime, 'PUT', '/api/flows/bank', { flow: withoutZero })).status).toBe(200);

    const refused = await api(runtime, 'POST', '/api/flows/bank/publish');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/operator-key at node "main_menu"/);
    expect(refused.body.findings).toContainEqual(expect.objectContaining({ ruleId: 'operator-key', nodeId: 'main_menu', severity: 'error' }));
    // nothing changed on disk or on the line
    expect(JSON.parse(readFileSync(path.join(flowsDir, 'bank.json'), 'utf8'))).toEqual(getBankFlow());
    expect((await api(runtime, 'GET', '/api/flows/bank')).body.source).toBe('draft');
    const call = new TestCall(runtime);
    await call.start('bank');
    expect(call.lastText).toContain('Thank you for calling Acme Bank');
  });

  test('a clean draft is published: written to the flows folder, the draft removed, the next call hears it', async () => {
    const { runtime, flowsDir, dataDir } = await startRuntime();
    const changed = getBankFlow();
    changed.nodes.greeting.prompt = 'Welcome to the new Acme Bank line.';
    expect((await api(runtime, 'PUT', '/api/flows/bank', { flow: changed })).status).toBe(200);

    expect(await api(runtime, 'POST', '/api/flows/bank/publish')).toEqual({ status: 200, body: { published: true } });
    expect(readFileSync(path.join(flowsDir, 'bank.json'), 'utf8')).toBe(`${JSON.stringify(changed, null, 2)}\n`);
    expect(existsSync(path.join(dataDir, 'drafts', 'bank.json'))).toBe(false);
    expect((await api(runtime, 'GET', '/api/flows/bank')).body.source).toBe('published');

    const call = new TestCall(runtime);
    await call.start('bank');
    expect(call.lastText).toContain('Welcome to the new Acme Bank line.');
    expect(call.lastText).not.toContain('Thank you for calling Acme Bank');
    const health = (await (await fetch(`${runtime.server.url}/healthz`)).json()) as { flows: unknown[] };
    expect(health.flows).toContainEqual(expect.objectContaining({ id: 'bank', version: runtime.runtime.flows.getCurrent('bank')!.versionId }));
  });

  test('a new flow id starts answering calls once published', async () => {
    const { runtime } = await startRuntime();
    const fresh = getBankFlow();
    fresh.nodes.greeting.prompt = 'You reached the second line.';
    expect((await api(runtime, 'POST', '/api/flows/bank/duplicate', { to: 'second-line' })).status).toBe(201);
    expect((await api(runtime, 'PUT', '/api/flows/second-line', { flow: fresh })).status).toBe(200);
    expect(runtime.runtime.flows.getCurrent('second-line')).toBeUndefined();
    expect((await api(runtime, 'POST', '/api/flows/second-line/publish', {})).status).toBe(200);
    const call = new TestCall(runtime);
    await call.start('second-line');
    expect(call.lastText).toContain('You reached the second line.');
    expect((await api(runtime, 'GET', '/api/flows')).body.map((flow: { id: string; published: boolean }) => [flow.id, flow.published])).toEqual([
      ['bank', true],
      ['second-line', true],
    ]);
  });

  test("each publish goes into the flow's history with who published it; a restart or the watcher seeing the same file adds nothing", async () => {
    const { runtime, flowsDir, dataDir } = await startRuntime();
    const changed = getBankFlow();
    changed.nodes.greeting.prompt = 'Welcome to the new Acme Bank line.';
    expect((await api(runtime, 'PUT', '/api/flows/bank', { flow: changed })).status).toBe(200);
    expect((await api(runtime, 'POST', '/api/flows/bank/publish')).status).toBe(200);
    const publishedVersion = runtime.runtime.flows.getCurrent('bank')!.versionId;
    // the watcher sees the written file too
    await new Promise((resolve) => setTimeout(resolve, 300));

    const versions = (await api(runtime, 'GET', '/api/flows/bank/versions')).body.versions;
    expect(versions.map((version: { by: string; versionId: string }) => [version.by, version.versionId === publishedVersion])).toEqual([
      ['admin', true],
      ['flows folder', false],
    ]);
    expect(Date.parse(versions[0].publishedAt)).not.toBeNaN();

    runtimes.splice(runtimes.indexOf(runtime), 1);
    await runtime.stop();
    const restarted = await new TestRuntime({ flowsDir, dataDir, env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN } }).start();
    runtimes.push(restarted);
    expect((await api(restarted, 'GET', '/api/flows/bank/versions')).body.versions).toEqual(versions);
    expect((await api(restarted, 'GET', '/api/flows/nothing/versions')).body.versions).toEqual([]);
  });

  test('publishing a flow that does not exist is 404', async () => {
    const { runtime } = await startRuntime();
    expect((await api(runtime, 'POST', '/api/flows/nothing/publish')).status).toBe(404);
  });
});

describe('designer API: import', () => {
  test('a Twilio Studio export becomes a draft, with what could not be mapped', async () => {
    const { runtime, dataDir } = await startRuntime();
    const studio = JSON.parse(readFileSync(STUDIO_FIXTURE, 'utf8'));
    const imported = await api(runtime, 'POST', '/api/import', { data: studio, from: 'twilio-studio', id: 'acme-studio' });
    expect(imported.status).toBe(201);
    expect(imported.body.id).toBe('acme-studio');
    expect(Array.isArray(imported.body.findings)).toBe(true);
    for (const finding of imported.body.findings) expect(finding.ruleId).toBe('import');
    expect(existsSync(path.join(dataDir, 'drafts', 'acme-studio.json'))).toBe(true);

    const opened = await api(runtime, 'GET', '/api/flows/acme-studio');
    expect(opened.body).toMatchObject({ id: 'acme-studio', source: 'draft', flow: { nodes: expect.any(Object) } });
    expect(opened.body.lint.stats).not.toBeNull();
    // detected without `from` too; an id in use is refused
    expect((await api(runtime, 'POST', '/api/import', { data: studio, id: 'acme-studio' })).status).toBe(409);
    expect((await api(runtime, 'POST', '/api/import', { data: studio, id: 'acme-two' })).status).toBe(201);
  });

  test('a Studio export in the flows folder opens as the flow it converts to, linted as the registry and `humanline lint` lint it', async () => {
    const flowsDir = createFlowsDir();
    const studio = JSON.parse(readFileSync(STUDIO_FIXTURE, 'utf8'));
    writeFileSync(path.join(flowsDir, 'studio-line.json'), JSON.stringify(studio));
    const { runtime } = await startRuntime(flowsDir);
    const expected = lintSource(studio, { file: 'studio-line.json' });
    expect(expected.result.findings.filter((finding) => finding.ruleId === 'import')).not.toEqual([]);

    const opened = await api(runtime, 'GET', '/api/flows/studio-line');
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ id: 'studio-line', source: 'published', flow: JSON.parse(JSON.stringify(expected.flow)) });
    // the importer's findings come first, as in the registry's report
    expect(opened.body.lint).toEqual(JSON.parse(JSON.stringify(expected.result)));
    const listed = (await api(runtime, 'GET', '/api/flows')).body.find((flow: { id: string }) => flow.id === 'studio-line');
    expect(listed).toMatchObject({ errorCount: expected.result.errorCount, warningCount: expected.result.warningCount });
  });

  test('a flow with no name goes by its id: listed, imported and served so', async () => {
    const flowsDir = createFlowsDir();
    const { name: _name, ...nameless } = getBankFlow();
    writeFileSync(path.join(flowsDir, 'plain-line.json'), JSON.stringify(nameless));
    const { runtime } = await startRuntime(flowsDir);

    const listed = (await api(runtime, 'GET', '/api/flows')).body.find((flow: { id: string }) => flow.id === 'plain-line');
    expect(listed).toMatchObject({ name: null, errorCount: 0 });
    const health = await (await fetch(`${runtime.server.url}/healthz`)).json();
    expect(health.flows).toContainEqual(expect.objectContaining({ id: 'plain-line', name: 'plain-line' }));

    const imported = await api(runtime, 'POST', '/api/import', { data: nameless, id: 'plain-copy' });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ id: 'plain-copy', name: 'plain-copy' });
  });

  test('a refused import is 400 with the importer\'s message and saves nothing', async () => {
    const { runtime, dataDir } = await startRuntime();
    expect(await api(runtime, 'POST', '/api/import', { data: { hello: 'world' }, id: 'odd' })).toEqual({ status: 400, body: { error: UNRECOGNISED_MESSAGE } });
    const forced = await api(runtime, 'POST', '/api/import', { data: { hello: 'world' }, from: 'twilio-studio', id: 'odd' });
    expect(forced.status).toBe(400);
    expect(typeof forced.body.error).toBe('string');
    expect(existsSync(path.join(dataDir, 'drafts', 'odd.json'))).toBe(false);
  });
});

describe('the front page while the designer is not built', () => {
  test('says what is running instead of a bare 404', async () => {
    const { runtime } = await startRuntime();
    const response = await fetch(`${runtime.server.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/browser designer is not built yet; its API is at \/api/);
  });
});

describe('the designer build', () => {
  test('index.html is revalidated on every load, so a rebuild never leaves the browser on removed assets; hashed assets are cached', async () => {
    const designerDir = createTempDir('designer');
    mkdirSync(path.join(designerDir, 'assets'));
    writeFileSync(path.join(designerDir, 'index.html'), '<!doctype html><script src="/assets/index-abc123.js"></script>');
    writeFileSync(path.join(designerDir, 'assets/index-abc123.js'), 'console.log(1)');
    const { runtime } = await startRuntime(createFlowsDir(), designerDir);
    for (const page of ['/', '/index.html']) {
      const response = await fetch(`${runtime.server.url}${page}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('index-abc123.js');
      expect(response.headers.get('cache-control'), page).toBe('no-cache');
    }
    const asset = await fetch(`${runtime.server.url}/assets/index-abc123.js`);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=3600/);
  });
});
