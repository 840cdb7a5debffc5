import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { PROJECT_CONFIG_FILE_NAME, type ProjectConfig } from '../../core/lint/config.ts';
import type { LintedSource } from '../../core/lint/lint-source.ts';
import { lintSource } from '../../core/lint/lint-source.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { FLOW_ID_PATTERN, FLOW_ID_WORDS, toFlowId } from '../../core/schema/flow-id.ts';
import { toFlowFileText } from '../../core/schema/flow-file-text.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import type { CallStore } from '../store/types.ts';
import { judgeInLine, type LineVerdict } from './line-gate.ts';
import { readFlowFile, readFlowText, toLoadedFlow, type LoadedFlowFile, type ReadFlowFile } from './load-flow-file.ts';
import type { SharedFlows } from './shared-flows.ts';
import { describeReadError } from './read-json-file.ts';
import { getVersionId } from './version-id.ts';
import { createOneAtATime } from '../one-at-a-time.ts';

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
  /** re-reads one file of the folder (by name), publishing it when valid; a new version goes into the flow's history as the publisher's (default: the flows folder) */
  reloadFile(fileName: string, publisher?: Publisher): Promise<void>;
  /**
   * Changes the folder (a publish's write, a rename, a removal) and re-reads the flows
   * it touched with `reload`, with nothing else of the registry's in between: a watcher
   * that read the new file first would record the publish as the folder's.
   */
  change<T>(work: (reload: ReloadPublished) => Promise<T>): Promise<T>;
  /** `data` judged as flow `flowId`'s next version in the line of every flow published now: what publishing it would do */
  judge(flowId: string, data: unknown, file: string): { linted: LintedSource; verdict: LineVerdict };
  /** watches the folder (and the shared flows) and republishes what changed */
  watch(): Promise<void>;
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
  /**
   * Flows every replica shares (Redis). The folder's files are then published
   * there, each only when it is newer than the flow's last publish, and what is
   * published there is what this replica serves.
   */
  shared?: SharedFlows;
}

/** Re-reads one flow where it is published (its file, or the shared copy when replicas share flows) after the publisher changed it. */
export type ReloadPublished = (flowId: string, publisher?: Publisher) => Promise<void>;

/** Who published a flow, and why, for its history. */
export interface Publisher {
  by: string;
  note?: string;
}

/** A file written into the flows folder by hand (or a deploy). */
export const FOLDER_PUBLISHER: Publisher = { by: 'flows folder' };

/** How the log names a flow kept in the shared copy. */
function toSharedPath(flowId: string): string {
  return `${flowId} (published in Redis)`;
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
  const { dir, store, logger, shared } = options;
  const now = options.now ?? (() => new Date());
  const debounceMs = options.debounceMs ?? 150;
  const current = new Map<string, PublishedFlow>();
  /** every version published since start, by `${flowId}@${versionId}` */
  const versions = new Map<string, PublishedFlow>();
  const timers = new Map<string, NodeJS.Timeout>();
  const refused = new Map<string, RefusedFlowFile>();
  /** flows served from the store's last good version since a restart (their file was refused), until published again */
  const restoredFromStore = new Set<string>();
  let watcher: FSWatcher | undefined;
  // Every read of the folder or the shared flows runs alone: two of them would each record the same publish.
  const oneAtATime = createOneAtATime();

  async function publish(flowId: string, flow: Flow): Promise<PublishedFlow> {
    const versionId = getVersionId(flow);
    const published: PublishedFlow = { flowId, versionId, flow };
    versions.set(`${flowId}@${versionId}`, published);
    // kept in the store too, so calls pinned to it survive a restart after the file changed
    await store.saveFlowVersion({ flowId, versionId, flowJson: JSON.stringify(flow) }, now());
    const previous = current.get(flowId);
    current.set(flowId, published);
    restoredFromStore.delete(flowId);
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
    if (inMemory !== undefined) return { published: inMemory, fromStore: restoredFromStore.has(flowId) };
    try {
      const stored = await store.getLatestFlowVersion(flowId);
      if (stored === undefined) return undefined;
      const parsed = parseFlow(JSON.parse(stored.flowJson));
      if (!parsed.ok) return undefined;
      const published: PublishedFlow = { flowId, versionId: stored.versionId, flow: parsed.flow };
      versions.set(`${flowId}@${stored.versionId}`, published);
      current.set(flowId, published);
      restoredFromStore.add(flowId);
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

  /** Adds a publish to the flow's history, unless its version is the one published last (a restart reads every file again). */
  async function recordPublish(flowId: string, versionId: string, at: Date, publisher: Publisher): Promise<void> {
    try {
      const [last] = await store.listPublishes(flowId);
      if (last?.versionId === versionId) return;
      await store.savePublish({ flowId, versionId, publishedAt: at.toISOString(), ...publisher });
    } catch (error) {
      // the flow is live all the same; only its history misses this publish
      logger.error({ flowId, versionId, err: error }, `flow ${flowId}: version ${versionId} is published but not in its history (${(error as Error).message})`);
    }
  }

  /** The published flows, each as it is served now. */
  function getPublishedFlows(): Map<string, Flow> {
    return new Map([...current].map(([flowId, { flow }]) => [flowId, flow]));
  }

  /**
   * Judges read flows in the line they join: each with the others and every published flow.
   * A refused one leaves its last good version in the line (from the store after a restart),
   * and the rest are judged again, so two linked files of one folder load in any order.
   */
  async function admit(reads: ReadonlyMap<string, ReadFlowFile>): Promise<Map<string, LoadedFlowFile>> {
    const verdicts = new Map<string, LoadedFlowFile>();
    let pending = [...reads].flatMap(([flowId, read]) => (read.ok ? [{ flowId, read }] : (verdicts.set(flowId, read), [])));
    for (const [flowId, verdict] of verdicts) if (!verdict.ok && verdict.reason !== 'missing') await getLastGood(flowId);
    while (pending.length > 0) {
      const candidates = pending.map(({ flowId, read }) => ({ flowId, file: read.linted.result.file ?? `${flowId}.json`, linted: read.linted }));
      const judged = judgeInLine(candidates, getPublishedFlows(), options.lintConfig);
      const loaded = pending.map(({ read }, index) => toLoadedFlow(read, judged[index]));
      const refusedNow = pending.filter((_, index) => !loaded[index]!.ok);
      pending.forEach(({ flowId }, index) => verdicts.set(flowId, loaded[index]!));
      if (refusedNow.length === 0) break;
      for (const { flowId } of refusedNow) await getLastGood(flowId);
      pending = pending.filter((each) => !refusedNow.includes(each));
    }
    return verdicts;
  }

  /** A valid file of the folder: served at once, or (shared flows) published for every replica when newer than the flow's last publish. */
  async function publishFile(flowId: string, absolutePath: string, loaded: { flow: Flow; text: string }, publisher: Publisher): Promise<void> {
    if (shared === undefined) {
      const published = await publish(flowId, loaded.flow);
      await recordPublish(flowId, published.versionId, now(), publisher);
      return;
    }
    const modifiedAt = (await stat(absolutePath)).mtime;
    if (await shared.publish(flowId, loaded.text, { at: modifiedAt, onlyIfNewer: true })) {
      await recordPublish(flowId, getVersionId(loaded.flow), modifiedAt, publisher);
    }
  }

  /** Whether the shared copy knows the flow; an unreadable copy counts as knowing it, so nothing is published back blindly. */
  async function isKnownShared(flowId: string): Promise<boolean> {
    return shared === undefined ? true : shared.isKnown(flowId).catch(() => true);
  }

  /** Serves what is published of flows in the shared copy, judged together in their line, or stops serving those withdrawn. */
  async function applyShared(...flowIds: string[]): Promise<void> {
    if (shared === undefined) return;
    const reads = new Map<string, ReadFlowFile>();
    for (const flowId of flowIds) {
      let text: string | undefined;
      try {
        text = await shared.getPublished(flowId);
      } catch (error) {
        logger.error({ flowId, err: error }, `flow ${flowId}: could not read it from the shared flows (${(error as Error).message}); the version in memory keeps serving`);
        continue;
      }
      if (text === undefined) await withdrawShared(flowId);
      else reads.set(flowId, readFlowText(text, toSharedPath(flowId), options.lintConfig));
    }
    if (reads.size === 0) return;
    for (const [flowId, loaded] of await admit(reads)) {
      try {
        if (loaded.ok) {
          await publish(flowId, loaded.flow);
          refused.delete(flowId);
          continue;
        }
        // another replica's lint config (or version of humanline, or line) let it through
        await refuse(flowId, toSharedPath(flowId), loaded.problem, `\n${loaded.report}`);
      } catch (error) {
        // runs on a message from Redis, with nobody to throw to
        logger.error({ flowId, err: error }, `flow ${flowId}: the shared version could not be served (${(error as Error).message}); the version in memory keeps serving`);
      }
    }
  }

  /** A flow no longer published in the shared copy: withdrawn, or put back when Redis lost its data. */
  async function withdrawShared(flowId: string): Promise<void> {
    const served = current.get(flowId);
    if (shared !== undefined && served !== undefined && !(await isKnownShared(flowId))) {
      // Redis lost its data (restarted without persistence): what this replica serves goes back, unless another replica put it back first
      await shared.publish(flowId, toFlowFileText(served.flow), { at: new Date(0), onlyIfNewer: true }).catch(() => undefined);
      logger.warn({ flowId }, `flow ${flowId}: missing from Redis, which lost its data; version ${served.versionId} is published there again`);
      return;
    }
    refused.delete(flowId);
    if (current.delete(flowId)) logger.warn({ flowId }, `flow ${flowId}: withdrawn; new calls to it go to the fallback (calls in progress keep their version)`);
  }

  /** Re-reads files of the folder (by name) and judges them together in their line, publishing those valid. */
  async function reloadFiles(fileNames: readonly string[], publisher: Publisher = FOLDER_PUBLISHER): Promise<void> {
    const reads = new Map<string, ReadFlowFile>();
    const places = new Map<string, { absolutePath: string; displayPath: string }>();
    for (const fileName of fileNames) {
      if (!isFlowFileName(fileName)) continue;
      const absolutePath = path.join(dir, fileName);
      const displayPath = path.relative(process.cwd(), absolutePath) || fileName;
      const flowId = getServedFlowId(fileName);
      if (flowId === undefined) {
        await refuseMisnamed(fileName, displayPath);
        continue;
      }
      places.set(flowId, { absolutePath, displayPath });
      reads.set(flowId, await readFlowFile(absolutePath, displayPath, options.lintConfig));
    }
    const verdicts = await admit(reads);
    const sharedIds: string[] = [];
    for (const [flowId, loaded] of verdicts) {
      const { absolutePath, displayPath } = places.get(flowId)!;
      try {
        if (loaded.ok) {
          await publishFile(flowId, absolutePath, loaded, publisher);
          refused.delete(flowId);
          if (shared !== undefined) sharedIds.push(flowId);
          continue;
        }
        if (loaded.reason === 'missing') {
          refused.delete(flowId);
          if (shared !== undefined) {
            // one replica's folder losing a file does not take the flow off every replica's line
            if (current.has(flowId)) logger.warn({ flowId }, `flow ${flowId}: ${displayPath} removed; it stays published for every replica (withdraw it in the designer)`);
            continue;
          }
          if (current.delete(flowId)) {
            logger.warn({ flowId }, `flow ${flowId}: file removed; new calls to it go to the fallback (calls in progress keep their version)`);
          }
          continue;
        }
        await refuse(flowId, displayPath, loaded.problem, `\n${loaded.report}`);
      } catch (error) {
        await refuse(flowId, displayPath, `could not be published: ${error instanceof Error ? error.message : String(error)}`, '');
      }
    }
    // what every replica serves now: these files, or newer publishes of the flows, judged together
    await applyShared(...sharedIds);
  }

  const reload: ReloadPublished = async (flowId, publisher) => {
    if (shared === undefined) {
      await reloadFiles([`${flowId}.json`], publisher);
      return;
    }
    await applyShared(flowId);
    const served = current.get(flowId);
    if (publisher !== undefined && served !== undefined) await recordPublish(flowId, served.versionId, now(), publisher);
  };

  /** Every flow published in the shared copy, then every file of the folder. */
  async function readAll(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(dir)).filter(isFlowFileName).sort();
    } catch (error) {
      throw new FlowsFolderError(`cannot read the flows folder ${dir}: ${describeReadError(error)}`);
    }
    // the shared flows first, so a broken file keeps the flow's shared version serving
    if (shared !== undefined) await applyShared(...(await shared.listPublishedIds()));
    await reloadFiles(names);
  }

  /** After the shared flows' connection came back: every flow published there, and every one served here that may have been withdrawn. */
  async function resync(): Promise<void> {
    try {
      const flowIds = new Set([...(await shared!.listPublishedIds()), ...current.keys()]);
      await applyShared(...flowIds);
    } catch (error) {
      logger.error({ err: error }, `could not read the shared flows again (${(error as Error).message}); the next publish brings each flow up to date`);
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
    loadAll: () => oneAtATime(readAll),
    reloadFile: (fileName, publisher) => oneAtATime(() => reloadFiles([fileName], publisher)),
    judge(flowId, data, file) {
      const linted = lintSource(data, { file, ...(options.lintConfig ? { config: options.lintConfig } : {}) });
      const [verdict] = judgeInLine([{ flowId, file, linted }], getPublishedFlows(), options.lintConfig);
      return { linted, verdict: verdict! };
    },
    change: (work) => oneAtATime(() => work(reload)),
    async watch() {
      await shared?.subscribe({
        onChange: (flowId) => void oneAtATime(() => applyShared(flowId)),
        onResync: () => void oneAtATime(resync),
      });
      watcher = watch(dir, (_event, fileName) => {
        if (typeof fileName !== 'string' || !isFlowFileName(fileName)) return;
        clearTimeout(timers.get(fileName));
        timers.set(
          fileName,
          setTimeout(() => {
            timers.delete(fileName);
            void oneAtATime(() => reloadFiles([fileName]));
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
