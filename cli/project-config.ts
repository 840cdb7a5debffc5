import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseProjectConfig, PROJECT_CONFIG_FILE_NAME, type ProjectConfig } from '../core/lint/config.ts';
import { readJsonFile } from '../runtime/flows/read-json-file.ts';
import type { IgnoreRules } from './collect-files.ts';
import { toIgnoreMatcher } from './ignore-patterns.ts';
import { FatalError } from './io.ts';

/**
 * The project config `lint` and `serve` share, so CI and the runtime judge flows alike:
 * `--config FILE` when given, else humanline.config.json in the working folder when there is one.
 */
export async function loadProjectConfig(configOption: string | undefined, cwd: string): Promise<ProjectConfig | undefined> {
  return (await loadProjectConfigFile(configOption, cwd))?.config;
}

/** The project config with where it is: its `ignores` are relative to its folder. */
export interface ProjectConfigFile {
  config: ProjectConfig;
  /** absolute */
  folder: string;
  /** as the user named it, for messages */
  displayPath: string;
}

export async function loadProjectConfigFile(configOption: string | undefined, cwd: string): Promise<ProjectConfigFile | undefined> {
  const displayPath = configOption ?? PROJECT_CONFIG_FILE_NAME;
  const absolutePath = path.resolve(cwd, displayPath);
  if (configOption === undefined && !existsSync(absolutePath)) return undefined;
  const file = await readJsonFile(absolutePath, displayPath);
  if (!file.ok) throw new FatalError(`bad config: ${file.message}`);
  const parsed = parseProjectConfig(file.data);
  if (!parsed.ok) throw new FatalError(`bad config ${displayPath}: ${parsed.message}`);
  return { config: parsed.config, folder: path.dirname(absolutePath), displayPath };
}

/** What a folder walk leaves out by the config's `ignores`; undefined when there is none. */
export function toIgnoreRules(configFile: ProjectConfigFile | undefined): IgnoreRules | undefined {
  const patterns = configFile?.config.ignores;
  if (configFile === undefined || patterns === undefined || patterns.length === 0) return undefined;
  return { folder: configFile.folder, isIgnored: toIgnoreMatcher(patterns), source: configFile.displayPath };
}
