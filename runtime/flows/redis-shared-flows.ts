import { Redis, type Result } from 'ioredis';
import type { Logger } from 'pino';
import { StoreError, StoreOpenError } from '../errors.ts';
import { DEFAULT_KEY_PREFIX, getRedisOptions, toRedactedRedisUrl } from '../store/redis-options.ts';
import type { SharedFlows } from './shared-flows.ts';

// Published flows and drafts in the Redis the replicas share, so a publish on
// one replica reaches all of them at once (pub/sub), and a restart reads them back.
//
// Keys (under the key prefix, like the store's):
//   flows:published     hash: flow id -> file text           (kept)
//   flows:published-at  hash: flow id -> ms of its last publish or withdrawal  (kept: an older file never wins)
//   flows:drafts        hash: flow id -> draft text           (kept)
// Channel `{prefix}flows:changed`: a flow id, whenever a flow is published or withdrawn.

/**
 * KEYS: published, published-at. ARGV: flow id, text, ms, only if newer
 * ('1'/'0'), channel. 1 when published, 0 when nothing changed.
 */
const PUBLISH_LUA = `
local last = redis.call('HGET', KEYS[2], ARGV[1])
if ARGV[4] == '1' and last and tonumber(last) >= tonumber(ARGV[3]) then return 0 end
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('PUBLISH', ARGV[5], ARGV[1])
return 1
`;

/** KEYS: published, published-at. ARGV: flow id, ms, channel. */
const WITHDRAW_LUA = `
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[1])
return 1
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    humanlinePublishFlow(published: string, publishedAt: string, flowId: string, text: string, atMs: string, onlyIfNewer: string, channel: string): Result<number, Context>;
    humanlineWithdrawFlow(published: string, publishedAt: string, flowId: string, atMs: string, channel: string): Result<number, Context>;
  }
}

const PUBLISHED = 'flows:published';
const PUBLISHED_AT = 'flows:published-at';
const DRAFTS = 'flows:drafts';

export interface RedisSharedFlowsOptions {
  url: string;
  logger: Logger;
  keyPrefix?: string;
}

/** Connects twice (commands, and the subscription Redis reserves a connection for); refuses to start when Redis cannot be reached. */
export async function createRedisSharedFlows(options: RedisSharedFlowsOptions): Promise<SharedFlows> {
  const { logger } = options;
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  // channels are not prefixed by the client: the prefix is written out, so runtimes under other prefixes do not hear each other
  const channel = `${keyPrefix}flows:changed`;
  const location = toRedactedRedisUrl(options.url);
  const client = new Redis(options.url, {
    ...getRedisOptions(keyPrefix),
    scripts: {
      humanlinePublishFlow: { lua: PUBLISH_LUA, numberOfKeys: 2 },
      humanlineWithdrawFlow: { lua: WITHDRAW_LUA, numberOfKeys: 2 },
    },
  });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => (lastError = error));
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new StoreOpenError(`cannot reach Redis at ${location} (HUMANLINE_REDIS_URL): ${(lastError ?? (error as Error)).message}`);
  }
  let subscriber: Redis | undefined;

  const guard = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new StoreError(`${what} in Redis at ${location}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const orUndefined = (text: string | null) => text ?? undefined;

  return {
    location,
    getPublished: (flowId) => guard('read a published flow', async () => orUndefined(await client.hget(PUBLISHED, flowId))),
    isKnown: (flowId) => guard('read a flow\'s last publish', async () => (await client.hexists(PUBLISHED_AT, flowId)) === 1),
    listPublishedIds: () => guard('list published flows', async () => (await client.hkeys(PUBLISHED)).sort()),
    publish: (flowId, text, { at, onlyIfNewer = false }) =>
      guard('publish a flow', async () => (await client.humanlinePublishFlow(PUBLISHED, PUBLISHED_AT, flowId, text, String(at.getTime()), onlyIfNewer ? '1' : '0', channel)) === 1),
    withdraw: (flowId, at) =>
      guard('withdraw a flow', async () => {
        await client.humanlineWithdrawFlow(PUBLISHED, PUBLISHED_AT, flowId, String(at.getTime()), channel);
      }),
    getDraft: (flowId) => guard('read a draft', async () => orUndefined(await client.hget(DRAFTS, flowId))),
    listDraftIds: () => guard('list drafts', async () => (await client.hkeys(DRAFTS)).sort()),
    saveDraft: (flowId, text) =>
      guard('save a draft', async () => {
        await client.hset(DRAFTS, flowId, text);
      }),
    removeDraft: (flowId) =>
      guard('remove a draft', async () => {
        await client.hdel(DRAFTS, flowId);
      }),
    async subscribe({ onChange, onResync }) {
      // a subscribed connection takes no other command; it waits for Redis for ever and resubscribes by itself
      subscriber = new Redis(options.url, { ...getRedisOptions(keyPrefix), enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
      let connected = false;
      subscriber.on('error', () => undefined);
      subscriber.on('message', (_channel: string, flowId: string) => onChange(flowId));
      subscriber.on('ready', () => {
        // after an outage: what was published meanwhile was not heard
        if (connected) {
          logger.info({ redis: location }, 'listening for flow publishes again; reading every published flow');
          onResync();
        }
        connected = true;
      });
      await subscriber.connect();
      await subscriber.subscribe(channel);
    },
    async close() {
      await Promise.all([subscriber, client].map((connection) => connection?.quit().catch(() => connection.disconnect())));
    },
  };
}
