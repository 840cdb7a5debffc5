import { readFile } from 'node:fs/promises';
import { parseJsonText } from './json-error.ts';

export type JsonFileResult = { ok: true; text: string; data: unknown } | { ok: false; message: string };

/** Why a file could not be read, in a few words. */
function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}

/** Reads and parses a JSON file; a failure comes back as a one-line message naming the file. */
export async function readJsonFile(absolutePath: string, displayPath: string): Promise<JsonFileResult> {
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot read ${displayPath}: ${describeReadError(error)}` };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, message: `${displayPath}: ${parsed.message}` };
  return { ok: true, text, data: parsed.data };
}
