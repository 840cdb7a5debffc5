import { CHUNKED_FORMATTERS, isFormatName, type FormatOptions } from '../core/format/index.ts';
import { toPrintable } from '../core/format/printable.ts';
import { countOf } from '../core/format/words.ts';
import { createFlowLinks } from '../core/import/index.ts';
import { countFindings } from '../core/lint/findings.ts';
import { lintLine } from '../core/lint/line.ts';
import { lintSource } from '../core/lint/lint-source.ts';
import { parseCommandArgs, parseCount } from './args.ts';
import { collectFlowFiles } from './collect-files.ts';
import { readFlowSources } from './flow-sources.ts';
import { createVerboseNote, UsageError, type CliIo } from './io.ts';
import { writeOutputChunks } from './output-file.ts';
import { loadProjectConfigFile, toIgnoreRules } from './project-config.ts';
import { createNodeLineFinder } from './source-lines.ts';
import { getCommandUsage } from './usage.ts';

export async function runLintCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'max-steps': { type: 'string' },
    format: { type: 'string', short: 'f' },
    config: { type: 'string', short: 'c' },
    'max-warnings': { type: 'string' },
    output: { type: 'string', short: 'o' },
    verbose: { type: 'boolean' },
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

  const configFile = await loadProjectConfigFile(values.config, io.cwd);
  const config = configFile?.config;
  const note = createVerboseNote(values.verbose, io);
  const files = await collectFlowFiles(positionals, io.cwd, { ignores: toIgnoreRules(configFile), note });
  const { sources, unreadable } = await readFlowSources(files, note);
  if (unreadable.length > 0) {
    // file names come from the folder, not from us: printed as text
    for (const message of unreadable) io.stderr(`humanline: ${toPrintable(message)}\n`);
    return 2;
  }

  if (sources.length === 0) throw new UsageError(`no flow files found in ${positionals.join(', ')}`);

  // an export's links to another export linted with it become gotos to that file's flow
  const links = createFlowLinks(sources.map((source) => ({ file: source.displayPath, data: source.data })));
  // a report has no canvas: an export's positions are not read
  const linted = sources.map((source) => lintSource(source.data, { file: source.displayPath, config, maxSteps }, { links, canvas: false }));
  const results = linted.map(({ result }) => result);
  // Flows that hand calls to each other are judged together, as the one line they make.
  if (linted.some(({ hasLinks }) => hasLinks)) {
    const line = linted.flatMap(({ flow }, index) => (flow === undefined ? [] : [{ index, source: { file: sources[index]!.displayPath, flow } }]));
    const lineResults = lintLine(line.map(({ source }) => source), { config, maxSteps });
    line.forEach(({ index }, at) => {
      const importFindings = results[index]!.findings.filter((finding) => finding.ruleId === 'import');
      const findings = [...importFindings, ...lineResults[at]!.findings];
      results[index] = { ...lineResults[at]!, findings, ...countFindings(findings) };
    });
  }

  // one finder per file: its text is indexed at the first look-up, not searched again for every step of every walk
  const lineFinders = new Map(sources.map((source) => [source.displayPath, createNodeLineFinder(source.text)]));
  const formatOptions: FormatOptions = {
    color: formatName === 'stylish' && values.output === undefined && io.isTTY === true && !io.env?.NO_COLOR,
    ...(formatName === 'sarif' ? { locateNode: (file, nodeId) => lineFinders.get(file)?.(nodeId) } : {}),
  };
  // a 100,000-state export makes a 50 MB report: each chunk written as it is made, the report never whole
  const writeReport = (write: (chunk: string) => void): void => CHUNKED_FORMATTERS[formatName](results, formatOptions, write);
  if (values.output === undefined) writeReport(io.stdout);
  else await writeOutputChunks(io.cwd, values.output, writeReport);

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
