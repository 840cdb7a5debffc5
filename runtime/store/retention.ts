import type { Logger } from 'pino';
import type { CallStore } from './types.ts';

// HUMANLINE_RETENTION_DAYS: calls started longer ago are purged with their
// summaries, node marks and events, at start and then hourly, in small
// batches with a turn of the event loop between them, so webhooks never wait
// behind a long delete.

export interface RetentionOptions {
  store: Pick<CallStore, 'purgeCalls'>;
  retentionDays: number;
  now: () => Date;
  logger: Logger;
  /** calls deleted per batch (one short transaction each) */
  batchSize?: number;
  /** between purges; default an hour */
  intervalMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_BATCH = 200;
const HOUR_MS = 60 * 60 * 1000;

export interface Retention {
  /** one purge now, every batch of it; how many calls went */
  purge(): Promise<number>;
  /** waits for a purge under way, and schedules no more */
  stop(): Promise<void>;
}

/** Purges at once, then every `intervalMs`; a failed purge is logged and tried again next time. */
export function startRetention(options: RetentionOptions): Retention {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  async function purgeAll(): Promise<number> {
    const before = new Date(options.now().getTime() - options.retentionDays * DAY_MS);
    let purged = 0;
    for (;;) {
      const batch = await options.store.purgeCalls(before, batchSize);
      purged += batch;
      if (batch < batchSize || stopped) break;
      // let the webhooks that came meanwhile go first
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (purged > 0) options.logger.info({ purged, before: before.toISOString() }, `retention: purged ${purged} calls started before ${before.toISOString()}`);
    return purged;
  }

  function purge(): Promise<number> {
    running = running.then(purgeAll, purgeAll).catch((error: unknown) => {
      options.logger.error({ err: error }, 'retention: the purge failed; it is tried again at the next hour');
      return 0;
    });
    return running;
  }

  const schedule = () => {
    if (stopped) return;
    // a purge alone does not keep the process alive
    timer = setTimeout(() => void purge().then(schedule), options.intervalMs ?? HOUR_MS).unref();
  };
  void purge().then(schedule);

  return {
    purge,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
