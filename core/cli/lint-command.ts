import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FORMATTERS, isFormatName, type FormatOptions } from '../format/index.ts';
import { countOf } from '../format/words.ts';
import { detectFormat, importFlow } from '../import/index.ts';
import { parseProjectConfig, type ProjectConfig } from '../lint/config.ts';
import { lintFlow } from '../lint/linter.ts';
import type { Finding, LintResult } from '../lint/types.ts';
import { parseCommandArgs, parseCount } from './args.ts';
import { collectFlowFiles } from './collect-files.ts';
import { FatalError, UsageError, type CliIo } from './io.ts';
import { readJsonFile } from './read-json.ts';
import { findNodeLine } from './source-lines.ts';
import { getCommandUsage } from './usage.ts';

export const CONFIG_FILE_NAME = 'humanline.config.json';

/** A flow file read and parsed, ready to lint. */
interface FlowSource {
  displayPath: string;
  text: string;
  data: unknown;
}

interface LintSettings {
  config: ProjectConfig | undefined;
  maxSteps: number | undefined;
}

/** `--config FILE`, else humanline.config.json in the working folder when there is one. */
async function loadProjectConfig(configOption: string | undefined, cwd: string): Promise<ProjectConfig | undefined> {
  const displayPath = configOption ?? CONFIG_FILE_NAME;
  const absolutePath = path.resolve(cwd, displayPath);
  if (configOption === undefined && !existsSync(absolutePath)) return undefined;
  const file = await readJsonFile(absolutePath, displayPath);
  if (!file.ok) throw new FatalError(`bad config: ${file.message}`);
  const parsed = parseProjectConfig(file.data);
  if (!parsed.ok) throw new FatalError(`bad config ${displayPath}: ${parsed.message}`);
  return parsed.config;
}

function countSeverities(findings: readonly Finding[]): { errorCount: number; warningCount: number } {
  const errorCount = findings.filter((finding) => finding.severity === 'error').length;
  return { errorCount, warningCount: findings.length - errorCount };
}

/** Lints one file: Studio and Connect exports are imported first; anything else goes to the linter as is. */
export function lintSource(source: FlowSource, settings: LintSettings): LintResult {
  const file = source.displayPath;
  const options = { file, config: settings.config, maxSteps: settings.maxSteps };
  const format = detectFormat(source.data);
  if (format !== 'twilio-studio' && format !== 'amazon-connect') {
    return { ...lintFlow(source.data, options), file };
  }
  const imported = importFlow(source.data, format);
  if (!imported.ok) {
    const findings: Finding[] = [{ ruleId: 'import', severity: 'error', message: imported.message }];
    return { file, findings, ...countSeverities(findings), stats: null };
  }
  const linted = lintFlow(imported.flow, options);
  const importCounts = countSeverities(imported.findings);
  return {
    ...linted,
    file,
    findings: [...imported.findings, ...linted.findings],
    errorCount: linted.errorCount + importCounts.errorCount,
    warningCount: linted.warningCount + importCounts.warningCount,
  };
}

/** The rule registry's descriptions for SARIF; empty when the registry cannot be loaded. */
async function loadRuleDescriptions(): Promise<Record<string, string>> {
  // Loaded by URL so that only `lint --format sarif` depends on the registry
  const registryUrl = new URL('../lint/registry.ts', import.meta.url).href;
  try {
    const registry = (await import(registryUrl)) as { RULES?: unknown };
    const descriptions: Record<string, string> = {};
    if (!Array.isArray(registry.RULES)) return descriptions;
    for (const rule of registry.RULES as Array<{ id?: unknown; meta?: { description?: unknown } }>) {
      if (typeof rule.id === 'string' && typeof rule.meta?.description === 'string') descriptions[rule.id] = rule.meta.description;
    }
    return descriptions;
  } catch {
    return {};
  }
}

export async function runLintCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'max-steps': { type: 'string' },
    format: { type: 'string', short: 'f' },
    config: { type: 'string', short: 'c' },
    'max-warnings': { type: 'string' },
    output: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(getCommandUsage('lint'));
    return 0;
  }
  const formatName = values.format ?? 'stylish';
  if (!isFormatName(formatName)) {
    throw new UsageError(`unknown format "${formatName}": expected stylish, json, sarif or junit`);
  }
  const maxSteps = values['max-steps'] === undefined ? undefined : parseCount(values['max-steps'], '--max-steps', 1, 50);
  const maxWarnings = values['max-warnings'] === undefined ? undefined : parseCount(values['max-warnings'], '--max-warnings', 0);
  if (positionals.length === 0) throw new UsageError('no files or folders to lint');

  const config = await loadProjectConfig(values.config, io.cwd);
  const files = await collectFlowFiles(positionals, io.cwd);

  const sources: FlowSource[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    const read = await readJsonFile(file.absolutePath, file.displayPath);
    if (read.ok) sources.push({ displayPath: file.displayPath, text: read.text, data: read.data });
    else unreadable.push(read.message);
  }
  if (unreadable.length > 0) {
    for (const message of unreadable) io.stderr(`humanline: ${message}\n`);
    return 2;
  }

  const results = sources.map((source) => lintSource(source, { config, maxSteps }));

  const textByFile = new Map(sources.map((source) => [source.displayPath, source.text]));
  const formatOptions: FormatOptions = {
    color: formatName === 'stylish' && values.output === undefined && io.isTTY === true && !io.env?.NO_COLOR,
    ...(formatName === 'sarif'
      ? {
          ruleDescriptions: await loadRuleDescriptions(),
          locateFinding: (file, finding) => {
            const text = textByFile.get(file);
            return text !== undefined && finding.nodeId !== undefined ? findNodeLine(text, finding.nodeId) : undefined;
          },
        }
      : {}),
  };
  const report = FORMATTERS[formatName](results, formatOptions);
  if (values.output === undefined) {
    io.stdout(report);
  } else {
    const outputPath = path.resolve(io.cwd, values.output);
    try {
      await mkdir(path.dirname(outputPath), { recursive: true });
      await writeFile(outputPath, report);
    } catch (error) {
      throw new FatalError(`cannot write ${values.output}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const errorCount = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warningCount = results.reduce((sum, result) => sum + result.warningCount, 0);
  const tooManyWarnings = maxWarnings !== undefined && warningCount > maxWarnings;
  if (values.output !== undefined && errorCount + warningCount > 0) {
    // the report went to a file: say why the exit code is what it is
    io.stderr(`humanline: ${countOf(errorCount, 'error')}, ${countOf(warningCount, 'warning')} (report in ${values.output})\n`);
  }
  if (tooManyWarnings) {
    io.stderr(`humanline: too many warnings (${warningCount}; --max-warnings is ${maxWarnings})\n`);
  }
  return errorCount > 0 || tooManyWarnings ? 1 : 0;
}
