import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_CONFIG_FILE_NAME } from '../core/lint/config.ts';
import { UsageError } from './io.ts';

/** A flow file to lint: where it is, and how reports name it. */
export interface FlowFile {
  absolutePath: string;
  /** the path as given on the command line (or below a folder given there) */
  displayPath: string;
}

const SKIPPED_FOLDERS = new Set(['node_modules']);
/** JSON files in a flows folder that are not flows. */
const SKIPPED_FILES = new Set([PROJECT_CONFIG_FILE_NAME]);

/** Every `*.json` file under a folder, skipping node_modules, dot-folders and the project config, sorted. */
async function walkJsonFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [folder];
  for (let folderPath = pending.pop(); folderPath !== undefined; folderPath = pending.pop()) {
    const entries = await readdir(folderPath, { withFileTypes: true });
    for (const entry of entries) {
      const entryPath = path.join(folderPath, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) pending.push(entryPath);
      } else if (entry.isFile() && entry.name.endsWith('.json') && !SKIPPED_FILES.has(entry.name)) {
        found.push(entryPath);
      }
    }
  }
  // Code-point order, not the locale's: the same on every machine
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The files named on the command line, with folders walked for `*.json` files.
 * A file named directly is taken whatever its extension; a file named twice is linted once.
 */
export async function collectFlowFiles(targets: readonly string[], cwd: string): Promise<FlowFile[]> {
  const files: FlowFile[] = [];
  const seen = new Set<string>();
  const add = (absolutePath: string, displayPath: string) => {
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    files.push({ absolutePath, displayPath });
  };
  for (const target of targets) {
    const absoluteTarget = path.resolve(cwd, target);
    const info = await stat(absoluteTarget).catch(() => undefined);
    if (!info) throw new UsageError(`no such file or folder: ${target}`);
    if (!info.isDirectory()) {
      add(absoluteTarget, target);
      continue;
    }
    const found = await walkJsonFiles(absoluteTarget);
    if (found.length === 0) throw new UsageError(`no JSON files found in ${target}`);
    for (const file of found) add(file, path.join(target, path.relative(absoluteTarget, file)));
  }
  return files;
}
