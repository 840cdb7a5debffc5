import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Moves SQLite's WAL checkpoints off the event loop. With SQLite's automatic
 * checkpoint, every thousandth page a webhook's commit copies the log into the
 * database and syncs it, holding that answer for many milliseconds (it was the
 * whole p99 of `npm run bench`). A worker thread with its own connection runs
 * passive checkpoints instead, which never block the writer.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* the next round tries again */ }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** `onFailure` runs if the worker cannot do its job, so the caller can checkpoint itself instead. */
export function startCheckpointer(file: string, onFailure: (error: unknown) => void, everyMs = 1000): Checkpointer {
  const driver = fileURLToPath(import.meta.resolve('better-sqlite3'));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, everyMs, driver } });
  worker.on('error', onFailure);
  worker.unref();
  return {
    stop: () =>
      new Promise((resolve) => {
        // Held until it has closed its connection, or the process could exit first.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
