import { readFile } from 'node:fs/promises';
import { parseJsonText } from '../../core/schema/json-text.ts';

/** Why a JSON file gave no data: gone, there but not readable (a folder, no permission), or not JSON. */
export type JsonFileProblem = 'missing' | 'unreadable' | 'invalid-json';

export type JsonFileResult =
  | { ok: true; text: string; data: unknown }
  /** `message`: one line naming the file, for people; `reason`: for code, which never reads the message */
  | { ok: false; reason: JsonFileProblem; message: string };

/** Why a file could not be read, in a few words. */
function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}

/** Reads and parses a JSON file; a failure comes back with its reason and a one-line message naming the file. */
export async function readJsonFile(absolutePath: string, displayPath: string): Promise<JsonFileResult> {
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    const reason = (error as { code?: unknown } | null)?.code === 'ENOENT' ? 'missing' : 'unreadable';
    return { ok: false, reason, message: `cannot read ${displayPath}: ${describeReadError(error)}` };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, reason: 'invalid-json', message: `${displayPath}: ${parsed.message}` };
  return { ok: true, text, data: parsed.data };
}
