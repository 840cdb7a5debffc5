import { closeSync, openSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { FatalError } from './io.ts';

/** Writes a command's `-o FILE` (its folder made when missing); a failure is one fatal line naming the file. */
export async function writeOutputFile(cwd: string, output: string, text: string): Promise<void> {
  await writeOutputChunks(cwd, output, (write) => write(text));
}

/**
 * writeOutputFile for a report written in chunks: each chunk is written to the file as `writeReport` makes
 * it, so a large report is never held whole.
 */
export async function writeOutputChunks(cwd: string, output: string, writeReport: (write: (chunk: string) => void) => void): Promise<void> {
  const outputPath = path.resolve(cwd, output);
  const fail = (error: unknown): FatalError => new FatalError(`cannot write ${output}: ${error instanceof Error ? error.message : String(error)}`);
  let file: number;
  try {
    await mkdir(path.dirname(outputPath), { recursive: true });
    file = openSync(outputPath, 'w');
  } catch (error) {
    throw fail(error);
  }
  try {
    writeReport((chunk) => {
      try {
        // with a descriptor, writeFileSync writes the whole chunk at the current position
        writeFileSync(file, chunk);
      } catch (error) {
        throw fail(error);
      }
    });
  } finally {
    closeSync(file);
  }
}
