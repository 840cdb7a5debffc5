import type { RedisOptions } from 'ioredis';

export const DEFAULT_KEY_PREFIX = 'humanline:';

/** Redis answers in well under a millisecond; a command this late means Redis is gone, and the caller goes to a person. */
const COMMAND_TIMEOUT_MS = 1000;
const CONNECT_TIMEOUT_MS = 2000;
/** Reconnects for ever, at most a second apart, so a Redis that comes back is used again at once. */
const RECONNECT_MAX_DELAY_MS = 1000;

/** The options every humanline connection to Redis uses: bounded waits, so a webhook never waits on a Redis that is gone. */
export function getRedisOptions(keyPrefix = DEFAULT_KEY_PREFIX): RedisOptions {
  return {
    keyPrefix,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 100, RECONNECT_MAX_DELAY_MS),
  };
}

/** The URL with its password replaced, for logs and messages. */
export function toRedactedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable Redis URL';
  }
}
