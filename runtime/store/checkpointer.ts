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

export function startCheckpointer(file: string, everyMs = 1000): Checkpointer {
  const driver = import.meta.resolve('better-sqlite3').replace(/^file:\/\//, '');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, everyMs, driver: decodeURIComponent(driver) } });
  // A checkpoint that fails only leaves the log longer: never a reason to stop serving calls.
  worker.on('error', () => undefined);
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
