import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { createFlowRegistry } from '../../runtime/flows/registry.ts';
import { createLogger } from '../../runtime/logger.ts';
import { STORE_FILE_NAME, createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import type { CallStore } from '../../runtime/store/types.ts';
import { runCliWithoutRoot } from '../helpers/cli-without-root.ts';
import { runCli } from '../cli/helpers.ts';
import { getFreePort } from '../helpers/redis-server.ts';
import { TestCall, createFlowsDir, createTempDir, findElement, readShippedFlow, spokenTexts, useTestRuntimes, writeFlow, type TestRuntime } from './helpers.ts';

const { start, stop } = useTestRuntimes();

const APOLOGY = 'We are sorry, something went wrong on our side. Let me connect you to a person.';

async function getHealth(runtime: TestRuntime): Promise<any> {
  return (await fetch(`${runtime.server.url}/healthz`)).json();
}

describe('a flow file broken while the runtime was down', () => {
  const breakages: Array<[string, (flowsDir: string) => void, RegExp]> = [
    ['cut short', (flowsDir) => writeFlow(flowsDir, 'bank', '{ "name": "half a file",'), /bank\.json: invalid JSON at line 1/],
    ['saved as Latin-1', (flowsDir) => writeFileSync(path.join(flowsDir, 'bank.json'), Buffer.from('{ "name": "Caf\u00e9" }', 'latin1')), /bank\.json: not UTF-8: byte 0xE9/],
    [
      'with a lint error',
      (flowsDir) => {
        const flow = readShippedFlow('bank');
        flow.nodes.main_menu.options = flow.nodes.main_menu.options.filter((option: { key: string }) => option.key !== '0');
        writeFlow(flowsDir, 'bank', flow);
      },
      /bank\.json: \d+ lint errors?/,
    ],
  ];

  test.each(breakages)('%s: new callers get the last good version from the store, and the log and /healthz say so', async (_name, breakFile, problem) => {
    const flowsDir = createFlowsDir();
    const dataDir = createTempDir('data');
    const first = await start({ flowsDir, dataDir });
    const goodVersion = first.runtime.flows.getCurrent('bank')!.versionId;
    const greeting = spokenTexts(await new TestCall(first).start());
    expect(greeting[0]).not.toBe(APOLOGY);
    await stop(first);

    breakFile(flowsDir);
    const second = await start({ flowsDir, dataDir });
    const call = new TestCall(second);
    expect(spokenTexts(await call.start())).toEqual(greeting);
    // the stored version carries the flow's own fallback number too
    expect(second.runtime.flows.getCurrent('bank')?.flow.settings?.fallback?.number).toBe('+12125550100');

    const refusal = second.logs.map((line) => JSON.parse(line)).find((line) => /^flow bank refused/.test(line.msg));
    expect(refusal?.msg).toMatch(problem);
    expect(refusal?.msg).toMatch(new RegExp(`version ${goodVersion}, the last good one saved before the restart, is served from the store`));
    expect(refusal).toMatchObject({ file: expect.stringMatching(/bank\.json$/), servedVersionId: goodVersion });

    const health = await getHealth(second);
    expect(health).toMatchObject({ ok: true, flows: [{ id: 'bank', version: goodVersion, stale: true, problem: expect.stringMatching(problem) }] });
    expect(health.warnings).toEqual([expect.stringMatching(new RegExp(`^flow bank serves its last good version ${goodVersion}: `))]);

    // fixed again: served from the file, nothing stale
    const good = readShippedFlow('bank');
    delete good.$schema;
    writeFlow(flowsDir, 'bank', good);
    await second.runtime.flows.reloadFile('bank.json');
    expect(await getHealth(second)).toMatchObject({ ok: true, flows: [{ id: 'bank', version: goodVersion }], warnings: [] });
    expect((await getHealth(second)).flows[0].stale).toBeUndefined();
  });

  test('a broken file with no good version anywhere: the log says it is not served, /healthz is not ok', async () => {
    const flowsDir = createFlowsDir();
    writeFlow(flowsDir, 'clinic', '{ "name": "never valid",');
    const runtime = await start({ flowsDir });
    expect(runtime.logText()).toMatch(/flow clinic refused \(.*clinic\.json: invalid JSON.*\); it is not served: new calls to it hear an apology/);
    expect(runtime.logText()).not.toMatch(/keeps serving|is served from the store/);
    const health = await getHealth(runtime);
    expect(health).toMatchObject({ ok: false, flows: [{ id: 'bank' }], warnings: [expect.stringMatching(/^flow clinic is not served: /)] });
  });
});

describe('the log never claims a version serves when none does', () => {
  test('a flow the store cannot save is reported as not served', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line).msg) });
    const real = createSqliteStore(createTempDir('data'));
    const failing: CallStore = { ...real, saveFlowVersion: () => Promise.reject(new Error('attempt to write a readonly database')) };
    const registry = createFlowRegistry({ dir: createFlowsDir(), store: failing, logger });
    await registry.loadAll();
    registry.close();
    await real.close();
    expect(registry.listCurrent()).toEqual([]);
    expect(lines.join('\n')).toMatch(/flow bank refused \(could not be published: attempt to write a readonly database\); it is not served/);
    expect(lines.join('\n')).not.toMatch(/keeps serving/);
  });
});

describe('a store file humanline cannot use stops serve with one line naming it and HUMANLINE_DATA_DIR', () => {
  function serveIn(dataDir: string) {
    const flowsDir = createFlowsDir();
    return runCli(['serve', '--flows', flowsDir, '--port', '0'], { cwd: createTempDir('cwd'), env: { HUMANLINE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
  }

  test('a file that is not a database', async () => {
    const dataDir = createTempDir('data');
    writeFileSync(path.join(dataDir, STORE_FILE_NAME), 'these are not the pages of a database '.repeat(200));
    const run = await serveIn(dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`^humanline: the store ${path.join(dataDir, STORE_FILE_NAME)} is not a database humanline can read \\(file is not a database\\): restore it from a backup, or move it away.*HUMANLINE_DATA_DIR`));
  });

  test('a data folder that is a file', async () => {
    const dataDir = path.join(createTempDir('data'), 'data');
    writeFileSync(dataDir, 'a file where the folder should be');
    const run = await serveIn(dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`humanline: HUMANLINE_DATA_DIR ${dataDir} is not a folder (a file is in the way): move the file or set HUMANLINE_DATA_DIR to a folder\n`);
  });

  test('a store file that is a folder ("unable to open database file")', async () => {
    const dataDir = createTempDir('data');
    mkdirSync(path.join(dataDir, STORE_FILE_NAME));
    const run = await serveIn(dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^humanline: cannot open the store ${path.join(dataDir, STORE_FILE_NAME)} \\(unable to open database file\\): .*HUMANLINE_DATA_DIR \\(now ${dataDir}\\)`));
  });

  test('a read-only store file (run as a user file modes stop: SQLite opens it read-only without a word)', { timeout: 60_000 }, async () => {
    const dataDir = createTempDir('data');
    const existing = createSqliteStore(dataDir);
    await existing.saveFlowVersion({ flowId: 'bank', versionId: 'v1', flowJson: JSON.stringify(readShippedFlow('bank')) }, new Date());
    await existing.close();
    const { chmodSync } = await import('node:fs');
    chmodSync(path.join(dataDir, STORE_FILE_NAME), 0o444);
    // the folder stays writable, so only the file is read-only
    chmodSync(dataDir, 0o777);
    const flowsDir = createFlowsDir();
    const cwd = createTempDir('cwd');
    const run = await runCliWithoutRoot(['serve', '--flows', flowsDir, '--port', '0'], {
      cwd,
      env: { HUMANLINE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      timeoutMs: 20_000,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^humanline: the store ${path.join(dataDir, STORE_FILE_NAME)} is read-only \\(attempt to write a readonly database\\): give humanline write access to it and its folder, or set HUMANLINE_DATA_DIR \\(now ${dataDir}\\) to another folder\\n$`),
    );
  });
});

describe('a flows folder serve cannot read', () => {
  test('stops serve with one line naming it, not an internal error', async () => {
    const notAFolder = path.join(createTempDir('flows'), 'bank.json');
    writeFileSync(notAFolder, '{}');
    const run = await runCli(['serve', '--flows', notAFolder, '--port', '0'], { cwd: createTempDir('cwd'), env: { HUMANLINE_DATA_DIR: createTempDir('data'), LOG_LEVEL: 'silent' } });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `humanline: cannot read the flows folder ${notAFolder}: a file stands where a folder should be\n` });
  });
});

describe('another process holding the store\'s write lock', () => {
  test('webhooks answer from the flow at once, and their writes land when the lock is free', { timeout: 20_000 }, async () => {
    const dataDir = createTempDir('data');
    const runtime = await start({ flowsDir: createFlowsDir(), dataDir });
    const other = new Database(path.join(dataDir, STORE_FILE_NAME));
    other.exec('BEGIN IMMEDIATE');
    const call = new TestCall(runtime);
    const timings: number[] = [];
    const timed = async <T>(work: () => Promise<T>): Promise<T> => {
      const started = Date.now();
      const result = await work();
      timings.push(Date.now() - started);
      return result;
    };
    const greeting = await timed(() => call.start());
    expect(spokenTexts(greeting)[0]).not.toBe(APOLOGY);
    // three more steps while the lock is held, then a second caller
    for (const digits of ['2', '1']) {
      const answer = await timed(() => call.press(digits));
      expect(spokenTexts(answer)[0]).not.toBe(APOLOGY);
    }
    const second = new TestCall(runtime);
    expect(spokenTexts(await timed(() => second.start()))[0]).not.toBe(APOLOGY);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Math.max(...timings)).toBeLessThan(1000);
    expect(runtime.logText()).toMatch(/is locked by another process/);

    other.exec('COMMIT');
    other.close();
    const reader = new Database(path.join(dataDir, STORE_FILE_NAME), { readonly: true });
    const until = Date.now() + 5000;
    let saved: { seq: number } | undefined;
    while (Date.now() < until) {
      saved = reader.prepare('SELECT seq FROM calls WHERE call_sid = ?').get(call.callSid) as { seq: number } | undefined;
      if (saved !== undefined) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    reader.close();
    expect(saved?.seq).toBeGreaterThan(1);
    expect(findElement(call.last, 'Say')).toBeDefined();
  });
});

describe('a Redis serve cannot reach at start', () => {
  test('stops serve with one line naming HUMANLINE_REDIS_URL without its password, not an internal error', async () => {
    const port = await getFreePort();
    const run = await runCli(['serve', '--flows', createFlowsDir(), '--port', '0'], {
      cwd: createTempDir('cwd'),
      env: { HUMANLINE_DATA_DIR: createTempDir('data'), HUMANLINE_REDIS_URL: `redis://:hunter2-secret@127.0.0.1:${port}`, LOG_LEVEL: 'silent' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`^humanline: cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port} \\(HUMANLINE_REDIS_URL\\): .*ECONNREFUSED`));
    expect(run.stderr).not.toContain('hunter2');
  });
});
