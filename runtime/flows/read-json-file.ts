import { Buffer, isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { parseJsonText } from '../../core/schema/json-text.ts';

/** Why a JSON file gave no data: gone, there but not readable (a folder, no permission), not UTF-8, or not JSON. */
export type JsonFileProblem = 'missing' | 'unreadable' | 'not-utf8' | 'invalid-json';

export type JsonFileResult =
  | { ok: true; text: string; data: unknown }
  /** `message`: one line naming the file, for people; `reason`: for code, which never reads the message */
  | { ok: false; reason: JsonFileProblem; message: string };

/** Why a file or folder could not be read, in a few words. */
export function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'ENOTDIR') return 'a file stands where a folder should be';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Where the first byte sequence that is not UTF-8 starts. The fatal decoder is
 * the judge; fed one byte at a time it says which byte it refused, and the
 * sequence that byte belongs to started where the last character ended.
 */
function findInvalidUtf8Offset(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let sequenceStart = 0;
  for (let offset = 0; offset < bytes.length; offset++) {
    try {
      if (decoder.decode(bytes.subarray(offset, offset + 1), { stream: true }) !== '') sequenceStart = offset + 1;
    } catch {
      return sequenceStart;
    }
  }
  // the file ends inside a sequence
  return sequenceStart;
}

/** One line saying which byte is not UTF-8, where, and what to do. */
function describeInvalidUtf8(bytes: Uint8Array, displayPath: string): string {
  const offset = findInvalidUtf8Offset(bytes);
  let line = 1;
  for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line += 1;
  const value = bytes[offset];
  const byte = value === undefined ? 'an incomplete character at the end' : `byte 0x${value.toString(16).toUpperCase().padStart(2, '0')}`;
  return `${displayPath}: not UTF-8: ${byte} at byte offset ${offset} (line ${line}); save the file as UTF-8`;
}

/** Reads and parses a JSON file; a failure comes back with its reason and a one-line message naming the file. */
export async function readJsonFile(absolutePath: string, displayPath: string): Promise<JsonFileResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    const reason = (error as { code?: unknown } | null)?.code === 'ENOENT' ? 'missing' : 'unreadable';
    return { ok: false, reason, message: `cannot read ${displayPath}: ${describeReadError(error)}` };
  }
  // Latin-1 text decoded leniently would be served as "Caf� Mu�oz": refused instead. Checked
  // apart and then decoded (a BOM kept, as parseJsonText expects): a fatal TextDecoder took
  // 50-60 ms longer on a 42 MB export.
  if (!isUtf8(bytes)) return { ok: false, reason: 'not-utf8', message: describeInvalidUtf8(bytes, displayPath) };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, reason: 'invalid-json', message: `${displayPath}: ${parsed.message}` };
  return { ok: true, text, data: parsed.data };
}
