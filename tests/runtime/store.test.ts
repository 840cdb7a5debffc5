import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import type { CallRecord } from '../../runtime/store/types.ts';

const dirs: string[] = [];
const newDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'humanline-store-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function record(callSid: string, seq: number): CallRecord {
  return {
    callSid,
    flowId: 'bank',
    state: { callSid, seq, flowVersion: 'v1', at: 'main_menu', attempts: { noInput: 0, noMatch: 0 }, steps: 1, visits: {}, variables: {}, language: 'en-US', trail: [], reached: 'none', caller: { callSid } },
    wait: { kind: 'end', reason: 'hangup' },
  } as CallRecord;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('embedded store', () => {
  test('a saved step is in the file right after the webhook is answered, for any other reader', async () => {
    const store = createSqliteStore(newDir());
    expect(await store.saveStep({ record: record('CA1', 1), expectedSeq: undefined, answerSeq: -1, twiml: '<Response/>' })).toBe('saved');
    await nextTurn();
    const reader = new Database(store.file, { readonly: true });
    const row = reader.prepare('SELECT seq FROM calls WHERE call_sid = ?').get('CA1') as { seq: number } | undefined;
    reader.close();
    expect(row?.seq).toBe(1);
    await store.close();
  });

  // What every store does (conflicts, answers, events, statuses, restarts) is in tests/store/call-store.contract.ts.
});

describe('embedded store checkpoints', () => {
  test('move the write-ahead log into the database file in the background', async () => {
    const store = createSqliteStore(newDir());
    // Until a checkpoint, new pages live only in the -wal file and the database file stays small.
    for (let i = 0; i < 200; i++) await store.saveFlowVersion({ flowId: 'f', versionId: `v${i}`, flowJson: 'x'.repeat(10_000) }, new Date());
    const { statSync } = await import('node:fs');
    const deadline = Date.now() + 10_000;
    while (statSync(store.file).size < 1_000_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statSync(store.file).size).toBeGreaterThan(1_000_000);
    await store.close();
  }, 20_000);

  test('keep the write-ahead log bounded while webhooks write without a pause', async () => {
    const { existsSync, statSync } = await import('node:fs');
    // a small limit, as a day of calls reaches the real one (64 MB) in seconds
    const maxWalPages = 256;
    const store = createSqliteStore(newDir(), { checkpoint: { everyMs: 20, maxWalPages } });
    const wal = `${store.file}-wal`;
    let largest = 0;
    const until = Date.now() + 2000;
    for (let call = 0; Date.now() < until; call++) {
      // one call's first step per turn of the event loop: a commit each, as webhooks come
      await store.saveStep({ record: record(`CA${call}`, 1), expectedSeq: undefined, answerSeq: -1, twiml: `<Response><Say>${'x'.repeat(2000)}</Say></Response>` });
      await nextTurn();
      if (call % 50 === 0 && existsSync(wal)) largest = Math.max(largest, statSync(wal).size);
    }
    // once the burst is over the log is emptied; without a truncating checkpoint it keeps its largest size for ever
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = existsSync(wal) ? statSync(wal).size : 0;
    await store.close();
    expect(after).toBeLessThan(maxWalPages * 4096 * 2);
    // during the burst it is emptied again and again: tens of megabytes a second come in, hundreds pile up without it
    expect(largest).toBeLessThan(64 * 1024 * 1024);
  }, 20_000);
});
