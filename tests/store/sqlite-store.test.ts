import { afterAll } from 'vitest';
import { createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import { createTempDir, removeTempDirs } from '../runtime/helpers.ts';
import { describeCallStoreContract, type StoreUnderTest } from './call-store.contract.ts';
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
