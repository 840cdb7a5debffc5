import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_CONFIG_FILE_NAME } from '../core/lint/config.ts';
import { describeReadError } from '../runtime/flows/read-json-file.ts';
import { FatalError, UsageError } from './io.ts';

/** A flow file to lint: where it is, and how reports name it. */
export interface FlowFile {
  absolutePath: string;
  /** the path as given on the command line (or below a folder given there) */
  displayPath: string;
  /** named on the command line, not found in a folder: judged whatever it holds */
  isNamed: boolean;
}

/** The project config's `ignores`: files a folder walk leaves out. */
export interface IgnoreRules {
  /** the config's folder (absolute): the patterns are relative to it */
  folder: string;
  /** takes a `/`-separated path relative to `folder` */
  isIgnored: (relativePath: string) => boolean;
  /** the config as the user named it, for the verbose note */
  source: string;
}

/** How a command walks folders: what the config ignores, and where notes on skipped files go (verbose only). */
export interface WalkOptions {
  ignores?: IgnoreRules | undefined;
  note?: ((text: string) => void) | undefined;
}

/** Whether the config's patterns take this file; a file outside the config's folder is never matched. */
function isIgnoredFile(ignores: IgnoreRules, absolutePath: string): boolean {
  const relativePath = path.relative(ignores.folder, absolutePath);
  if (relativePath === '' || relativePath.startsWith('..') || path.isAbsolute(relativePath)) return false;
  return ignores.isIgnored(relativePath.split(path.sep).join('/'));
}

const SKIPPED_FOLDERS = new Set(['node_modules']);
/** JSON files in a flows folder that are not flows. */
const SKIPPED_FILES = new Set([PROJECT_CONFIG_FILE_NAME]);

/** What a folder entry is once symbolic links are followed; a dangling link counts as a file, so reading it says what is wrong. */
async function getEntryKind(entryPath: string, isLink: boolean, isFolder: boolean): Promise<'folder' | 'file'> {
  if (!isLink) return isFolder ? 'folder' : 'file';
  const target = await stat(entryPath).catch(() => undefined);
  return target?.isDirectory() ? 'folder' : 'file';
}

/**
 * Every wanted file under a folder (for lint: `*.json` but the project config),
 * skipping node_modules and dot-folders, sorted. Symbolic links are followed as the runtime follows
 * them (a Kubernetes ConfigMap mount is all links: `bank.json -> ..data/bank.json`);
 * a folder reached twice (a link loop) is walked once.
 */
async function walkFiles(folder: string, displayFolder: string, isWanted: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const walked = new Set<string>();
  const pending = [folder];
  for (let folderPath = pending.pop(); folderPath !== undefined; folderPath = pending.pop()) {
    const shownPath = path.join(displayFolder, path.relative(folder, folderPath));
    let entries;
    try {
      const realFolder = await realpath(folderPath);
      if (walked.has(realFolder)) continue;
      walked.add(realFolder);
      entries = await readdir(folderPath, { withFileTypes: true });
    } catch (error) {
      throw new FatalError(`cannot read the folder ${shownPath}: ${describeReadError(error)}`);
    }
    for (const entry of entries) {
      const entryPath = path.join(folderPath, entry.name);
      if (!entry.isDirectory() && !entry.isFile() && !entry.isSymbolicLink()) continue;
      const kind = await getEntryKind(entryPath, entry.isSymbolicLink(), entry.isDirectory());
      if (kind === 'folder') {
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) pending.push(entryPath);
      } else if (isWanted(entry.name)) {
        found.push(entryPath);
      }
    }
  }
  // Code-point order, not the locale's: the same on every machine
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Which files in a folder a command takes, and how its messages name them. */
export interface FileKind {
  isWanted: (fileName: string) => boolean;
  /** "JSON files" */
  words: string;
}

const FLOW_FILES: FileKind = { isWanted: (name) => name.endsWith('.json') && !SKIPPED_FILES.has(name), words: 'JSON files' };

/**
 * The files named on the command line, with folders walked for `*.json` files.
 * A file named directly is taken whatever its extension; a file named twice is linted once.
 */
export async function collectFlowFiles(targets: readonly string[], cwd: string, options: WalkOptions = {}): Promise<FlowFile[]> {
  return await collectFiles(targets, cwd, FLOW_FILES, options);
}

/**
 * The files named on the command line, with folders walked for the files of `kind`
 * less those the config ignores (a file named directly is never ignored, as in ESLint's CLI when it is asked).
 */
export async function collectFiles(targets: readonly string[], cwd: string, kind: FileKind, options: WalkOptions = {}): Promise<FlowFile[]> {
  const { ignores, note } = options;
  const files: FlowFile[] = [];
  const seen = new Set<string>();
  const add = (absolutePath: string, displayPath: string, isNamed: boolean) => {
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    files.push({ absolutePath, displayPath, isNamed });
  };
  for (const target of targets) {
    const absoluteTarget = path.resolve(cwd, target);
    let info;
    try {
      info = await stat(absoluteTarget);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') throw new UsageError(`no such file or folder: ${target}`);
      throw new FatalError(`cannot read ${target}: ${describeReadError(error)}`);
    }
    if (!info.isDirectory()) {
      add(absoluteTarget, target, true);
      continue;
    }
    const found = await walkFiles(absoluteTarget, target, kind.isWanted);
    if (found.length === 0) throw new UsageError(`no ${kind.words} found in ${target}`);
    let ignoredCount = 0;
    for (const file of found) {
      const displayPath = path.join(target, path.relative(absoluteTarget, file));
      if (ignores !== undefined && isIgnoredFile(ignores, file)) {
        ignoredCount += 1;
        note?.(`skipped ${displayPath}: ignored by ${ignores.source}`);
        continue;
      }
      add(file, displayPath, false);
    }
    if (ignoredCount === found.length) throw new UsageError(`every one of the ${kind.words} in ${target} is ignored by ${ignores?.source ?? 'the config'}`);
  }
  return files;
}
