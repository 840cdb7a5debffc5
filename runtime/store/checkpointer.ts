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
let emptying = false;
const timer = setInterval(() => {
  if (emptying) return;
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    // Under steady writes a passive checkpoint never catches up, so the log is never reused
    // and grows by megabytes a second: past the limit, the writer pauses while it is emptied.
    if (log > workerData.maxWalPages) {
      emptying = true;
      parentPort.postMessage('pause');
    }
  } catch { /* the next round tries again */ }
}, workerData.everyMs);
parentPort.postMessage('ready');
parentPort.on('message', (message) => {
  if (message === 'paused') {
    try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* the next round tries again */ }
    emptying = false;
    parentPort.postMessage('resume');
    return;
  }
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * What the writer does: leave checkpoints to the worker once it is ready (until
 * then SQLite's own keep the log short), stop writing while the log is emptied
 * (its writes wait in memory, as they do for a lock) and write again after, and
 * checkpoint itself again if the worker cannot do its job.
 */
export interface CheckpointWriter {
  ready(): void;
  pause(): void;
  resume(): void;
  failed(error: unknown): void;
}

/** A writer paused longer than this resumes anyway: a checkpoint that hangs must not hold writes for ever. */
const LONGEST_PAUSE_MS = 5000;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** WAL pages (4 kB) the log may hold before a checkpoint empties it: 64 MB. */
export const MAX_WAL_PAGES = 16_384;

export function startCheckpointer(
  file: string,
  writer: CheckpointWriter,
  options: { everyMs?: number; maxWalPages?: number } = {},
): Checkpointer {
  const driver = fileURLToPath(import.meta.resolve('better-sqlite3'));
  const workerData = { file, driver, everyMs: options.everyMs ?? 1000, maxWalPages: options.maxWalPages ?? MAX_WAL_PAGES };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  let pauseTimer: NodeJS.Timeout | undefined;
  const resume = () => {
    clearTimeout(pauseTimer);
    pauseTimer = undefined;
    writer.resume();
  };
  worker.on('message', (message: unknown) => {
    if (message === 'pause') {
      // this runs between two turns of the event loop, so no write transaction is open now
      writer.pause();
      pauseTimer = setTimeout(resume, LONGEST_PAUSE_MS).unref();
      worker.postMessage('paused');
    } else if (message === 'resume') {
      resume();
    } else if (message === 'ready') {
      writer.ready();
    }
  });
  worker.on('error', (error) => {
    resume();
    writer.failed(error);
  });
  worker.unref();
  return {
    stop: () =>
      new Promise((resolve) => {
        // Held until it has closed its connection, or the process could exit first.
        worker.ref();
        worker.once('exit', () => resolve());
        clearTimeout(pauseTimer);
        worker.postMessage('stop');
      }),
  };
}
