import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { PROJECT_CONFIG_FILE_NAME, type ProjectConfig } from '../../core/lint/config.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { FLOW_ID_PATTERN, FLOW_ID_WORDS, toFlowId } from '../../core/schema/flow-id.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import type { CallStore } from '../store/types.ts';
import { loadFlowFile } from './load-flow-file.ts';
import { describeReadError } from './read-json-file.ts';
import { getVersionId } from './version-id.ts';

/** One published version of a flow: what a call is pinned to. */
export interface PublishedFlow {
  /** the file's name without `.json`; the flow id in webhook URLs and the designer API */
  flowId: string;
  versionId: string;
  flow: Flow;
}

/** A flow file that is not served as it is on disk: why, and what new calls get instead. */
export interface RefusedFlowFile {
  flowId: string;
  /** the file as the log names it */
  file: string;
  /** why it was refused, in one line */
  problem: string;
  /** the version new calls still get: the last good one, from memory or (after a restart) from the store; undefined: they get the fallback */
  servedVersionId: string | undefined;
}

/** The flows folder cannot be listed; the message names it. */
export class FlowsFolderError extends Error {
  override name = 'FlowsFolderError';
}

export interface FlowRegistry {
  /** the version new calls get; undefined when the flow was never valid (or its file is gone) */
  getCurrent(flowId: string): PublishedFlow | undefined;
  /** a version a call is pinned to: from memory, else from the store (after a restart) */
  getVersion(flowId: string, versionId: string): Promise<PublishedFlow | undefined>;
  listCurrent(): PublishedFlow[];
  /** the flow files refused as they are now, by flow id */
  listRefused(): RefusedFlowFile[];
  /** reads every *.json of the folder; throws FlowsFolderError when the folder cannot be listed */
  loadAll(): Promise<void>;
  /** re-reads one file of the folder (by name), publishing it when valid */
  reloadFile(fileName: string): Promise<void>;
  /** watches the folder and republishes changed files */
  watch(): void;
  close(): void;
}

export interface FlowRegistryOptions {
  dir: string;
  store: CallStore;
  logger: Logger;
  lintConfig?: ProjectConfig;
  now?: () => Date;
  /** quiet time after the last change of a file before it is re-read (editors write in several steps) */
  debounceMs?: number;
}

/** A file of the flows folder that should hold a flow: every `*.json` but the project config. */
function isFlowFileName(fileName: string): boolean {
  return fileName.endsWith('.json') && fileName !== PROJECT_CONFIG_FILE_NAME;
}

/** The flow id a flow file serves as: its name without `.json`, when that is a flow id (the designer API's grammar). */
function getServedFlowId(fileName: string): string | undefined {
  const flowId = fileName.slice(0, -'.json'.length);
  return isFlowFileName(fileName) && FLOW_ID_PATTERN.test(flowId) ? flowId : undefined;
}

export function createFlowRegistry(options: FlowRegistryOptions): FlowRegistry {
  const { dir, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const debounceMs = options.debounceMs ?? 150;
  const current = new Map<string, PublishedFlow>();
  /** every version published since start, by `${flowId}@${versionId}` */
  const versions = new Map<string, PublishedFlow>();
  const timers = new Map<string, NodeJS.Timeout>();
  const refused = new Map<string, RefusedFlowFile>();
  let watcher: FSWatcher | undefined;

  async function publish(flowId: string, flow: Flow): Promise<PublishedFlow> {
    const versionId = getVersionId(flow);
    const published: PublishedFlow = { flowId, versionId, flow };
    versions.set(`${flowId}@${versionId}`, published);
    // kept in the store too, so calls pinned to it survive a restart after the file changed
    await store.saveFlowVersion({ flowId, versionId, flowJson: JSON.stringify(flow) }, now());
    const previous = current.get(flowId);
    current.set(flowId, published);
    if (previous?.versionId !== versionId) {
      logger.info({ flowId, versionId, previousVersionId: previous?.versionId }, `flow ${flowId} published (version ${versionId})`);
    }
    return published;
  }

  /** A flow file whose name is no flow id would be served where the designer cannot see it: refused, with the name to give it. */
  async function refuseMisnamed(fileName: string, displayPath: string): Promise<void> {
    const stillThere = await stat(path.join(dir, fileName)).then(
      () => true,
      () => false,
    );
    if (!stillThere) return;
    const flowId = fileName.slice(0, -'.json'.length);
    logger.error(
      { file: displayPath },
      `${displayPath} is not served: "${flowId}" is not a flow id (${FLOW_ID_WORDS}); rename it to ${toFlowId(flowId)}.json`,
    );
  }

  /**
   * The version a refused file leaves serving: the one in memory, else (after
   * a restart) the last one the store saved, so callers keep the flow and its
   * fallback number rather than an apology.
   */
  async function getLastGood(flowId: string): Promise<{ published: PublishedFlow; fromStore: boolean } | undefined> {
    const inMemory = current.get(flowId);
    if (inMemory !== undefined) return { published: inMemory, fromStore: false };
    try {
      const stored = await store.getLatestFlowVersion(flowId);
      if (stored === undefined) return undefined;
      const parsed = parseFlow(JSON.parse(stored.flowJson));
      if (!parsed.ok) return undefined;
      const published: PublishedFlow = { flowId, versionId: stored.versionId, flow: parsed.flow };
      versions.set(`${flowId}@${stored.versionId}`, published);
      current.set(flowId, published);
      return { published, fromStore: true };
    } catch (error) {
      logger.error({ flowId, err: error }, `flow ${flowId}: could not read its last good version from the store`);
      return undefined;
    }
  }

  /** Logs a refused file with what new calls get instead, and keeps it for /healthz. */
  async function refuse(flowId: string, displayPath: string, problem: string, details: string): Promise<void> {
    const lastGood = await getLastGood(flowId);
    const versionId = lastGood?.published.versionId;
    refused.set(flowId, { flowId, file: displayPath, problem, servedVersionId: versionId });
    const serving =
      lastGood === undefined
        ? 'it is not served: new calls to it hear an apology and go to the fallback'
        : lastGood.fromStore
          ? `version ${versionId}, the last good one saved before the restart, is served from the store until the file is fixed`
          : `version ${versionId} keeps serving`;
    logger.error({ flowId, file: displayPath, servedVersionId: versionId }, `flow ${flowId} refused (${problem}); ${serving}${details}`);
  }

  async function reloadFile(fileName: string): Promise<void> {
    if (!isFlowFileName(fileName)) return;
    const absolutePath = path.join(dir, fileName);
    const displayPath = path.relative(process.cwd(), absolutePath) || fileName;
    const flowId = getServedFlowId(fileName);
    if (flowId === undefined) {
      await refuseMisnamed(fileName, displayPath);
      return;
    }
    try {
      const loaded = await loadFlowFile(absolutePath, displayPath, options.lintConfig);
      if (loaded.ok) {
        await publish(flowId, loaded.flow);
        refused.delete(flowId);
        return;
      }
      if (loaded.reason === 'missing') {
        refused.delete(flowId);
        if (current.delete(flowId)) {
          logger.warn({ flowId }, `flow ${flowId}: file removed; new calls to it go to the fallback (calls in progress keep their version)`);
        }
        return;
      }
      await refuse(flowId, displayPath, loaded.problem, `\n${loaded.report}`);
    } catch (error) {
      await refuse(flowId, displayPath, `could not be published: ${error instanceof Error ? error.message : String(error)}`, '');
    }
  }

  return {
    getCurrent: (flowId) => current.get(flowId),
    async getVersion(flowId, versionId) {
      const known = versions.get(`${flowId}@${versionId}`);
      if (known) return known;
      const stored = await store.getFlowVersion(flowId, versionId);
      if (stored === undefined) return undefined;
      const parsed = parseFlow(JSON.parse(stored.flowJson));
      if (!parsed.ok) return undefined;
      const published = { flowId, versionId, flow: parsed.flow };
      versions.set(`${flowId}@${versionId}`, published);
      return published;
    },
    listCurrent: () => [...current.values()],
    listRefused: () => [...refused.values()],
    async loadAll() {
      let names: string[];
      try {
        names = (await readdir(dir)).filter(isFlowFileName).sort();
      } catch (error) {
        throw new FlowsFolderError(`cannot read the flows folder ${dir}: ${describeReadError(error)}`);
      }
      for (const name of names) await reloadFile(name);
    },
    reloadFile,
    watch() {
      watcher = watch(dir, (_event, fileName) => {
        if (typeof fileName !== 'string' || !isFlowFileName(fileName)) return;
        clearTimeout(timers.get(fileName));
        timers.set(
          fileName,
          setTimeout(() => {
            timers.delete(fileName);
            void reloadFile(fileName);
          }, debounceMs),
        );
      });
      watcher.on('error', (error) => logger.error({ err: error }, `stopped watching ${dir}: flow changes need a restart`));
    },
    close() {
      watcher?.close();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
