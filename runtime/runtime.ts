import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Interpreter } from '../core/interpreter/types.ts';
import type { ProjectConfig } from '../core/lint/config.ts';
import { createApp, type AppDeps } from './app.ts';
import type { RuntimeConfig } from './config.ts';
import { createLoginHandler, DEFAULT_ADMIN_NAME, type AdminToken } from './designer-api/admin-token.ts';
import { createDesignerApi } from './designer-api/designer-api.ts';
import { createFlowFiles, createSharedFlowFiles } from './designer-api/flow-files.ts';
import { createRedisSharedFlows } from './flows/redis-shared-flows.ts';
import type { SharedFlows } from './flows/shared-flows.ts';
import { createFlowRegistry, type FlowRegistry } from './flows/registry.ts';
import { PACKAGE_ROOT } from './package-root.ts';
import { createRedisStore } from './store/redis-store.ts';
import { startRetention } from './store/retention.ts';
import { createSqliteStore } from './store/sqlite-store.ts';
import type { CallStore } from './store/types.ts';

/** Everything one runtime process holds: the store, the served flows and the app. */
export interface Runtime {
  app: Express;
  store: CallStore;
  flows: FlowRegistry;
  /** stops watching flows and closes the store (after the server has closed) */
  close(): Promise<void>;
}

export interface RuntimeOptions extends Pick<AppDeps, 'now' | 'random' | 'fetch' | 'deadlineMs' | 'designerDir' | 'designerApi'> {
  logger: Logger;
  interpreter: Interpreter;
  /** a store to use instead of the configured one (a test's failing store) */
  store?: CallStore;
  lintConfig?: ProjectConfig;
  /** the designer API's token (serve's generated one), named `admin`; default: config.adminToken; none and no named tokens: no designer API */
  adminToken?: string;
  /** watch the flows folder (default true) */
  watchFlows?: boolean;
  flowWatchDebounceMs?: number;
}

/** The designer's static build, in the repository or the installed package. */
export const DESIGNER_DIST = path.join(PACKAGE_ROOT, 'designer', 'dist');

/** Opens the store, loads and watches the flows, and builds the app. */
export async function createRuntime(config: RuntimeConfig, options: RuntimeOptions): Promise<Runtime> {
  const { logger } = options;
  const store = options.store ?? (await createConfiguredStore(config, logger));
  let shared: SharedFlows | undefined;
  try {
    // replicas on one Redis share their published flows and drafts there too
    shared = config.redisUrl === undefined ? undefined : await createRedisSharedFlows({ url: config.redisUrl, logger });
  } catch (error) {
    await store.close();
    throw error;
  }
  const flows = createFlowRegistry({
    dir: config.flowsDir,
    store,
    logger,
    ...(shared ? { shared } : {}),
    ...(options.lintConfig ? { lintConfig: options.lintConfig } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.flowWatchDebounceMs !== undefined ? { debounceMs: options.flowWatchDebounceMs } : {}),
  });
  try {
    await flows.loadAll();
    if (options.watchFlows ?? true) await flows.watch();
  } catch (error) {
    flows.close();
    await shared?.close();
    await store.close();
    throw error;
  }
  if (config.fallbackNumber === undefined) {
    const withoutFallback = flows.listCurrent().filter((published) => published.flow.settings?.fallback?.number === undefined);
    if (withoutFallback.length > 0 || flows.listCurrent().length === 0) {
      logger.warn(
        { flows: withoutFallback.map((published) => published.flowId) },
        'NO FALLBACK NUMBER: HUMANLINE_FALLBACK_NUMBER is unset and these flows name no settings.fallback.number. When something goes wrong their callers are sent to the flow\'s nearest transfer or queue, or, when it has none, hear an apology and are asked to call again. Set HUMANLINE_FALLBACK_NUMBER.',
      );
    }
  }
  const adminToken = options.adminToken ?? config.adminToken;
  const adminTokens: AdminToken[] = [...(adminToken === undefined ? [] : [{ name: DEFAULT_ADMIN_NAME, token: adminToken }]), ...config.namedAdminTokens];
  const designer =
    adminTokens.length === 0
      ? {}
      : {
          designerApi: createDesignerApi({
            adminTokens,
            publicBaseUrl: config.publicBaseUrl,
            files: shared ? createSharedFlowFiles(shared) : createFlowFiles({ flowsDir: config.flowsDir, draftsDir: path.join(config.dataDir, 'drafts') }),
            flows,
            store,
            logger,
            tests: { testsDir: config.testsDir, flowsDir: config.flowsDir },
            browserCall: config.browserCall,
            showCallerNumbers: config.showCallerNumbers,
            ...(options.now ? { now: options.now } : {}),
          }),
          designerLogin: createLoginHandler(adminTokens, config.publicBaseUrl),
        };
  // test calls: an embedded store of their own in a temporary folder, gone when the server stops
  const testCalls = config.testCalls ? await createTestCallStore(logger) : undefined;
  const retention = startRetention({ store, retentionDays: config.retentionDays, now: options.now ?? (() => new Date()), logger });
  const app = createApp({
    config,
    store,
    flows,
    logger,
    interpreter: options.interpreter,
    designerDir: options.designerDir ?? DESIGNER_DIST,
    ...designer,
    ...(testCalls ? { testCallStore: testCalls.store } : {}),
    ...pickDefined(options, ['now', 'random', 'fetch', 'deadlineMs', 'designerApi']),
  });
  return {
    app,
    store,
    flows,
    async close() {
      await retention.stop();
      flows.close();
      await shared?.close();
      await store.close();
      await testCalls?.close();
    },
  };
}

async function createTestCallStore(logger: Logger): Promise<{ store: CallStore; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'humanline-test-calls-'));
  const store = createSqliteStore(dir, { logger });
  return {
    store,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Redis when HUMANLINE_REDIS_URL is set (replicas share calls), else the embedded SQLite file. */
async function createConfiguredStore(config: RuntimeConfig, logger: Logger): Promise<CallStore> {
  if (config.redisUrl === undefined) {
    return createSqliteStore(config.dataDir, {
      logger,
      // after the answer, so not on any request's log: on a line of its own that names the call or flow it belongs to
      onWriteFailure: (owner, error) =>
        'callSid' in owner
          ? logger.error({ callSid: owner.callSid, err: error }, `the call's state was not saved (${error.message}); it goes on from memory`)
          : logger.error({ flowId: owner.flowId, err: error }, `flow ${owner.flowId}: its version was not saved in the store (${error.message}); a restart cannot fall back to it`),
    });
  }
  return createRedisStore({ url: config.redisUrl, logger });
}

function pickDefined<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
