import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FatalError } from './io.ts';

/** Writes a command's `-o FILE` (its folder made when missing); a failure is one fatal line naming the file. */
export async function writeOutputFile(cwd: string, output: string, text: string): Promise<void> {
  const outputPath = path.resolve(cwd, output);
  try {
    await mkdir(path.dirname(outputPath), { recursive: true });
    await writeFile(outputPath, text);
  } catch (error) {
    throw new FatalError(`cannot write ${output}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
