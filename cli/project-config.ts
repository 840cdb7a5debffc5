import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseProjectConfig, PROJECT_CONFIG_FILE_NAME, type ProjectConfig } from '../core/lint/config.ts';
import { readJsonFile } from '../runtime/flows/read-json-file.ts';
import { FatalError } from './io.ts';

/**
 * The project config `lint` and `serve` share, so CI and the runtime judge flows alike:
 * `--config FILE` when given, else humanline.config.json in the working folder when there is one.
 */
export async function loadProjectConfig(configOption: string | undefined, cwd: string): Promise<ProjectConfig | undefined> {
  const displayPath = configOption ?? PROJECT_CONFIG_FILE_NAME;
  const absolutePath = path.resolve(cwd, displayPath);
  if (configOption === undefined && !existsSync(absolutePath)) return undefined;
  const file = await readJsonFile(absolutePath, displayPath);
  if (!file.ok) throw new FatalError(`bad config: ${file.message}`);
  const parsed = parseProjectConfig(file.data);
  if (!parsed.ok) throw new FatalError(`bad config ${displayPath}: ${parsed.message}`);
  return parsed.config;
}
