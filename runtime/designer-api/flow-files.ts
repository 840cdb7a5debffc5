import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FLOW_ID_PATTERN } from '../../core/schema/flow-id.ts';
import { toFlowFileText } from '../../core/schema/flow-file-text.ts';
import { parseJsonText } from '../../core/schema/json-text.ts';
import { readJsonFile } from '../flows/read-json-file.ts';
import type { SharedFlows } from '../flows/shared-flows.ts';

export { FLOW_ID_PATTERN };

export type FlowSource = 'draft' | 'published';

/** A flow file's content: the parsed JSON as written, or why it could not be read. */
export type FlowFileContent = { ok: true; data: unknown } | { ok: false; message: string };

export interface StoredFlow {
  id: string;
  source: FlowSource;
  content: FlowFileContent;
}

export interface FlowFiles {
  /** ids with a draft or a published file, sorted */
  listIds(): Promise<Array<{ id: string; draft: boolean; published: boolean }>>;
  exists(id: string, source: FlowSource): Promise<boolean>;
  /** the draft when there is one, else the published file; undefined when neither exists */
  readCurrent(id: string): Promise<StoredFlow | undefined>;
  read(id: string, source: FlowSource): Promise<FlowFileContent | undefined>;
  write(id: string, source: FlowSource, data: unknown): Promise<void>;
  remove(id: string, source: FlowSource): Promise<void>;
  /** renames one file (the caller checked that `to` is free) */
  move(id: string, to: string, source: FlowSource): Promise<void>;
}

/** Every id with a draft or a published flow, sorted, saying which it has. */
function toListEntries(drafts: string[], published: string[]): Array<{ id: string; draft: boolean; published: boolean }> {
  const draftIds = new Set(drafts);
  const publishedIds = new Set(published);
  return [...new Set([...drafts, ...published])].sort().map((id) => ({ id, draft: draftIds.has(id), published: publishedIds.has(id) }));
}

/** The draft when there is one, else the published flow. */
async function readCurrent(id: string, read: FlowFiles['read']): Promise<StoredFlow | undefined> {
  const draft = await read(id, 'draft');
  if (draft !== undefined) return { id, source: 'draft', content: draft };
  const published = await read(id, 'published');
  return published === undefined ? undefined : { id, source: 'published', content: published };
}

/** Temp file then rename, so the registry's watcher never reads half a file. The temp name does not end in .json, so the watcher ignores it. */
async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function listFlowIds(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).filter((id) => FLOW_ID_PATTERN.test(id));
}

/** Drafts in `<dataDir>/drafts`, published flows in the served flows folder; one `<id>.json` each (one machine). */
export function createFlowFiles(options: { flowsDir: string; draftsDir: string }): FlowFiles {
  const dirOf = (source: FlowSource) => (source === 'draft' ? options.draftsDir : options.flowsDir);
  const fileOf = (id: string, source: FlowSource) => {
    // the routes validate ids already; this keeps the file layer safe on its own
    if (!FLOW_ID_PATTERN.test(id)) throw new Error(`not a flow id: ${JSON.stringify(id)}`);
    return path.join(dirOf(source), `${id}.json`);
  };

  async function read(id: string, source: FlowSource): Promise<FlowFileContent | undefined> {
    const file = fileOf(id, source);
    const read = await readJsonFile(file, source === 'draft' ? `drafts/${id}.json` : `${id}.json`);
    if (read.ok) return { ok: true, data: read.data };
    return read.reason === 'missing' ? undefined : { ok: false, message: read.message };
  }

  return {
    listIds: async () => toListEntries(...(await Promise.all([listFlowIds(options.draftsDir), listFlowIds(options.flowsDir)]))),
    async exists(id, source) {
      return (await listFlowIds(dirOf(source))).includes(id);
    },
    readCurrent: (id) => readCurrent(id, read),
    read,
    async write(id, source, data) {
      await mkdir(dirOf(source), { recursive: true });
      await writeFileAtomically(fileOf(id, source), toFlowFileText(data));
    },
    async remove(id, source) {
      await rm(fileOf(id, source), { force: true });
    },
    async move(id, to, source) {
      await rename(fileOf(id, source), fileOf(to, source));
    },
  };
}

/** A shared copy's text as the designer reads a file: parsed, or why not. */
function toContent(text: string | undefined, id: string): FlowFileContent | undefined {
  if (text === undefined) return undefined;
  const parsed = parseJsonText(text);
  return parsed.ok ? { ok: true, data: parsed.data } : { ok: false, message: `${id}: ${parsed.message}` };
}

/**
 * Drafts and published flows in the copy every replica shares: a publish here
 * reaches every replica, and a draft saved on one replica opens on another.
 */
export function createSharedFlowFiles(shared: SharedFlows, now: () => Date = () => new Date()): FlowFiles {
  async function read(id: string, source: FlowSource): Promise<FlowFileContent | undefined> {
    return toContent(source === 'draft' ? await shared.getDraft(id) : await shared.getPublished(id), id);
  }
  async function write(id: string, source: FlowSource, data: unknown): Promise<void> {
    const text = toFlowFileText(data);
    if (source === 'draft') await shared.saveDraft(id, text);
    else await shared.publish(id, text, { at: now() });
  }
  async function remove(id: string, source: FlowSource): Promise<void> {
    if (source === 'draft') await shared.removeDraft(id);
    else await shared.withdraw(id, now());
  }
  const listIdsOf = (source: FlowSource) => (source === 'draft' ? shared.listDraftIds() : shared.listPublishedIds());

  return {
    listIds: async () => toListEntries(...(await Promise.all([shared.listDraftIds(), shared.listPublishedIds()]))),
    exists: async (id, source) => (await listIdsOf(source)).includes(id),
    readCurrent: (id) => readCurrent(id, read),
    read,
    write,
    remove,
    async move(id, to, source) {
      const content = await read(id, source);
      if (content === undefined || !content.ok) throw new Error(`${id} cannot be moved: ${content === undefined ? 'it is gone' : content.message}`);
      await write(to, source, content.data);
      await remove(id, source);
    },
  };
}
