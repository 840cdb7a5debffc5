import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { STORE_FILE_NAME, createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import type { CallRecord } from '../../runtime/store/types.ts';
import { createTempDir, removeTempDirs } from '../runtime/helpers.ts';
import { createRecord, describeCallStoreContract, newCallSid, type StoreUnderTest } from './call-store.contract.ts';
import { describeCallSummaryContract } from './call-summaries.contract.ts';
import { describeMeasuredEvidenceContract } from './measured-evidence.contract.ts';

afterAll(removeTempDirs);

function openSqlite(dir: string): StoreUnderTest {
  const store = createSqliteStore(dir);
  return {
    store,
    getEvents: async (callSid) => store.events(callSid),
    reopen: async () => {
      await store.close();
      return openSqlite(dir);
    },
  };
}

describeCallStoreContract('SQLite', async () => openSqlite(createTempDir('store')));
describeCallSummaryContract('SQLite', async () => openSqlite(createTempDir('store')));
describeMeasuredEvidenceContract('SQLite', async () => openSqlite(createTempDir('store')));

test('a caller still in a queue after longer than Twilio keeps a call (no status callback told us of the end) is nobody\'s next caller', async () => {
  const dir = createTempDir('store');
  const callSid = newCallSid();
  const holding: CallRecord = {
    ...createRecord(callSid, 2),
    wait: { kind: 'queue', nodeId: 'agents', queue: 'support', hold: [], announce: { position: false, estimatedWait: false, everySeconds: 30 }, whisper: 'Caller chose: Main menu press 0' },
  };
  const store = createSqliteStore(dir);
  await store.saveStep({ record: holding, expectedSeq: undefined, answerSeq: -1, twiml: 'enqueue' });
  expect(await store.getQueueHead('support')).toEqual(holding);
  await store.close();

  const db = new Database(path.join(dir, STORE_FILE_NAME));
  db.prepare('UPDATE queue_waits SET entered_ms = ?').run(Date.now() - 7 * 60 * 60 * 1000);
  db.close();
  const reopened = createSqliteStore(dir);
  expect(await reopened.getQueueHead('support')).toBeUndefined();
  await reopened.close();
});
