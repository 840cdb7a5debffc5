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
});
