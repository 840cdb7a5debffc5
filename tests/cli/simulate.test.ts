import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { ServeProcess } from '../helpers/serve-process.ts';
import { runCli } from './helpers.ts';

// `humanline simulate` over loopback: in-process (the runtime inside the command,
// over the store serve reads) and against a spawned `humanline serve`.

const FLOWS = path.resolve(import.meta.dirname, '../../flows');
const AUTH_TOKEN = 'simulate-test-token-0123456789';
const PUBLIC_BASE_URL = 'https://ivr.example.test';

const folders: string[] = [];
const serves: ServeProcess[] = [];

afterEach(async () => {
  for (const serve of serves.splice(0)) await serve.kill('SIGTERM');
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function createDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'humanline-simulate-'));
  folders.push(dir);
  return dir;
}

interface StoredCalls {
  calls: number;
  completed: number;
  /** every event with its time */
  events: Array<{ type: string; at: string; digits?: string; target?: string; nodeId?: string }>;
}

function readStore(dataDir: string): StoredCalls {
  const db = new Database(path.join(dataDir, 'humanline.sqlite'), { readonly: true });
  try {
    const calls = (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
    const completed = (db.prepare("SELECT count(*) AS n FROM call_status WHERE status = 'completed'").get() as { n: number }).n;
    const rows = db.prepare('SELECT events, at FROM call_event_log').all() as Array<{ events: string; at: string }>;
    const events = rows.flatMap((row) => (JSON.parse(row.events) as Array<{ type: string }>).map((event) => ({ ...event, at: row.at })));
    return { calls, completed, events };
  } finally {
    db.close();
  }
}

/** The persona counts of the summary line `callers: decisive 5, silent 3, ...`. */
function readPersonaCounts(stdout: string): Record<string, number> {
  const line = /callers:\s+(.*)/.exec(stdout)?.[1] ?? '';
  return Object.fromEntries(line.split(', ').map((entry) => [entry.split(' ')[0], Number(entry.split(' ')[1])]));
}

describe('humanline simulate', () => {
  test('in-process: N calls through signed webhooks land in the store serve reads, every one ended, spread over days, with a mix of callers', async () => {
    const dataDir = createDataDir();
    const run = await runCli(['simulate', 'bank', '--calls', '60', '--seed', '11', '--days', '5', '--flows', FLOWS], {
      cwd: dataDir,
      env: { HUMANLINE_DATA_DIR: dataDir, HUMANLINE_FALLBACK_NUMBER: '+12125550100' },
    });
    expect(run.stderr).toMatch(/simulating 60 calls to bank in-process over the store in .* spread over the last 5 days/);
    expect(run.code).toBe(0);
    const personas = readPersonaCounts(run.stdout);
    expect(Object.keys(personas).sort()).toEqual(['confused', 'decisive', 'hangsUp', 'pressesZero', 'silent', 'surveyAnswerer']);
    expect(Object.values(personas).reduce((a, b) => a + b, 0)).toBe(60);
    expect(Object.values(personas).filter((count) => count > 0).length).toBeGreaterThanOrEqual(5);

    const store = readStore(dataDir);
    expect(store.calls).toBe(60);
    expect(store.completed).toBe(60);
    const days = new Set(store.events.map((event) => event.at.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(3);
    // silent callers leave no-input events; the survey keeps scores with the target they rate
    expect(store.events.some((event) => event.type === 'input' && event.digits === undefined)).toBe(true);
    expect(store.events.filter((event) => event.type === 'surveyScore').every((event) => typeof event.target === 'string')).toBe(true);
    expect(store.events.some((event) => event.type === 'personReached')).toBe(true);
  });

  test('the same seed places the same callers', async () => {
    const env = (dir: string) => ({ HUMANLINE_DATA_DIR: dir, HUMANLINE_FALLBACK_NUMBER: '+12125550100' });
    const first = createDataDir();
    const second = createDataDir();
    const a = await runCli(['simulate', 'bank', '--calls', '12', '--seed', '5', '--flows', FLOWS], { cwd: first, env: env(first) });
    const b = await runCli(['simulate', 'bank', '--calls', '12', '--seed', '5', '--flows', FLOWS, '--concurrency', '3'], { cwd: second, env: env(second) });
    const summary = (stdout: string) => stdout.split('\n').filter((line) => /outcomes:|callers:/.test(line));
    expect(summary(a.stdout)).toEqual(summary(b.stdout));
  });

  test('against a running serve (--url): the calls are signed with its token and public URL, and its store holds them', async () => {
    const dataDir = createDataDir();
    const serve = await ServeProcess.start({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL, HUMANLINE_DATA_DIR: dataDir, HUMANLINE_FLOWS: FLOWS, LOG_LEVEL: 'warn' });
    serves.push(serve);
    const run = await runCli(['simulate', 'bank', '--calls', '15', '--seed', '4', '--url', serve.url, '--flows', FLOWS], {
      cwd: dataDir,
      env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL },
    });
    expect(run.stderr).toContain(`placing 15 calls to bank at ${serve.url}`);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Simulated 15 calls to bank/);
    // serve stopped first, so what it had in flight is written
    await serve.kill('SIGTERM');
    const store = readStore(dataDir);
    expect(store.calls).toBe(15);
    expect(store.completed).toBe(15);
  });

  test('a serve with another token refuses the first webhook: one line saying what to set', async () => {
    const dataDir = createDataDir();
    const serve = await ServeProcess.start({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL, HUMANLINE_DATA_DIR: dataDir, HUMANLINE_FLOWS: FLOWS, LOG_LEVEL: 'warn' });
    serves.push(serve);
    const run = await runCli(['simulate', 'bank', '--calls', '5', '--url', serve.url, '--flows', FLOWS], {
      cwd: dataDir,
      env: { TWILIO_AUTH_TOKEN: 'not-the-token', PUBLIC_BASE_URL },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refused the webhook's signature .*TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL must be those humanline serve runs with/);
  });

  test('bad input: an unknown flow, an unreachable URL, a bad --calls, no --calls', async () => {
    const dataDir = createDataDir();
    const env = { HUMANLINE_DATA_DIR: dataDir, TWILIO_AUTH_TOKEN: AUTH_TOKEN };
    const unknown = await runCli(['simulate', 'nope', '--calls', '3', '--flows', FLOWS], { cwd: dataDir, env });
    expect(unknown).toMatchObject({ code: 2, stderr: `humanline: no flow "nope" in ${FLOWS} (serving: bank, clinic, multilingual, utility-outage)\n` });
    const unreachable = await runCli(['simulate', 'bank', '--calls', '3', '--url', 'http://127.0.0.1:9'], { cwd: dataDir, env });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/^humanline: cannot reach humanline serve at http:\/\/127\.0\.0\.1:9 \(.*\): start it with "humanline serve"/);
    for (const calls of ['0', 'ten', '100001']) {
      const bad = await runCli(['simulate', 'bank', '--calls', calls], { cwd: dataDir, env });
      expect(bad).toMatchObject({ code: 2, stderr: `humanline: bad --calls value "${calls}": expected a whole number from 1 to 100000\nRun "humanline --help" for usage.\n` });
    }
    const missing = await runCli(['simulate', 'bank'], { cwd: dataDir, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('simulate needs --calls N');
  });

  test('a flow its runtime refuses: says it is not served and why, in-process and at --url, not that there is no such flow', async () => {
    const flowsDir = createDataDir();
    // the silent caller is hung up on: an error, so the runtime serves no version of it
    const broken = {
      entry: 'menu',
      nodes: {
        menu: { kind: 'menu', prompt: 'Press 0 for an agent.', options: [{ key: '0', next: 'agent' }], noMatch: { next: 'agent' } },
        agent: { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
        vm: { kind: 'voicemail', prompt: 'Leave a message.' },
      },
    };
    writeFileSync(path.join(flowsDir, 'broken.json'), JSON.stringify(broken));
    const dataDir = createDataDir();
    const inProcess = await runCli(['simulate', 'broken', '--calls', '3', '--flows', flowsDir], { cwd: dataDir, env: { HUMANLINE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    expect(inProcess.code).toBe(2);
    expect(inProcess.stderr).toMatch(new RegExp(`^humanline: flow "broken" in ${flowsDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not served, so no call can reach it: .*broken\\.json: \\d+ lint errors? \\("humanline lint" on its file shows what to fix\\)\\n$`));

    const serve = await ServeProcess.start({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL, HUMANLINE_DATA_DIR: createDataDir(), HUMANLINE_FLOWS: flowsDir, LOG_LEVEL: 'silent' });
    serves.push(serve);
    const atUrl = await runCli(['simulate', 'broken', '--calls', '3', '--url', serve.url, '--flows', flowsDir], { cwd: dataDir, env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL } });
    expect(atUrl.code).toBe(2);
    expect(atUrl.stderr).toMatch(new RegExp(`^humanline: flow "broken" at ${serve.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not served, so no call can reach it: .*broken\\.json: \\d+ lint errors?`));
  });
});
