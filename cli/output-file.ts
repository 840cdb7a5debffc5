import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { FatalError } from './io.ts';

/** Writes a command's `-o FILE` (its folder made when missing); a failure is one fatal line naming the file. */
export async function writeOutputFile(cwd: string, output: string, text: string): Promise<void> {
  await writeOutputChunks(cwd, output, [text]);
}

/** writeOutputFile for a report in chunks, written in order: a large report is never one string, nor one buffer. */
export async function writeOutputChunks(cwd: string, output: string, chunks: readonly string[]): Promise<void> {
  const outputPath = path.resolve(cwd, output);
  try {
    await mkdir(path.dirname(outputPath), { recursive: true });
    await pipeline(Readable.from(chunks), createWriteStream(outputPath));
  } catch (error) {
    throw new FatalError(`cannot write ${output}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
