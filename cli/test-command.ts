import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { toPrintable } from '../core/format/printable.ts';
import { countOf } from '../core/format/words.ts';
import { FLOW_ID_PATTERN } from '../core/schema/flow-id.ts';
import type { Flow } from '../core/schema/flow.ts';
import { parseFlow } from '../core/schema/parse.ts';
import { checkScenarioNodes, runScenario, type ScenarioResult } from '../core/testing/run-scenario.ts';
import { parseScenarioFile, type Scenario } from '../core/testing/scenario.ts';
import { isTestFormatName, TEST_FORMATTERS } from '../core/testing/report.ts';
import { readJsonFile } from '../runtime/flows/read-json-file.ts';
import { parseCommandArgs } from './args.ts';
import { collectFiles, type FileKind } from './collect-files.ts';
import { UsageError, type CliIo } from './io.ts';
import { writeOutputFile } from './output-file.ts';
import { getCommandUsage } from './usage.ts';

const SCENARIO_FILES: FileKind = { isWanted: (name) => /\.test\.(ya?ml|json)$/.test(name), words: 'scenario files (*.test.yaml, *.test.yml, *.test.json)' };
/** A generated suite of a 1,000-node flow runs to a few megabytes; far beyond that is not a scenario file. */
const MAX_SCENARIO_FILE_BYTES = 32_000_000;
/** Above this many scenarios a run says how many it runs, so a long CI step is not silent. */
const PROGRESS_THRESHOLD = 20;

/** A scenario ready to run: its flow loaded. */
interface LoadedScenario {
  scenario: Scenario;
  flow: Flow;
  file: string;
}

/** A scenario file read: its text as YAML (JSON is YAML too), with lines for messages. */
interface ScenarioText {
  displayPath: string;
  absolutePath: string;
  document: Document;
  lineCounter: LineCounter;
}

/** The 1-based line of the deepest node of `at` the document has. */
function findLine(source: ScenarioText, at: Array<string | number>): number {
  for (let depth = at.length; depth >= 0; depth--) {
    const node = source.document.getIn(at.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return source.lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

type FlowLoad = { ok: true; flow: Flow } | { ok: false; message: string };

/** The flow a scenario names: a path from the scenario file, or a flow id beside it or one folder up. */
async function findFlowFile(scenarioPath: string, reference: string): Promise<string | undefined> {
  const folder = path.dirname(scenarioPath);
  const candidates = FLOW_ID_PATTERN.test(reference) ? [path.join(folder, `${reference}.json`), path.join(folder, '..', `${reference}.json`)] : [path.resolve(folder, reference)];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  return undefined;
}

async function loadFlow(scenarioPath: string, reference: string, cache: Map<string, FlowLoad>): Promise<FlowLoad> {
  const file = await findFlowFile(scenarioPath, reference);
  if (file === undefined) return { ok: false, message: `flow "${reference}" not found: give a path relative to this file, or the id of a flow beside it or one folder up` };
  const cached = cache.get(file);
  if (cached) return cached;
  const read = await readJsonFile(file, reference);
  let load: FlowLoad;
  if (!read.ok) load = { ok: false, message: read.message };
  else {
    const parsed = parseFlow(read.data);
    load = parsed.ok ? { ok: true, flow: parsed.flow } : { ok: false, message: `flow "${reference}" is not a valid flow: run humanline lint on it first` };
  }
  cache.set(file, load);
  return load;
}

async function readScenarioText(absolutePath: string, displayPath: string): Promise<ScenarioText | string> {
  let text;
  try {
    const info = await stat(absolutePath);
    if (info.size > MAX_SCENARIO_FILE_BYTES) return `${displayPath}:1: the file is larger than 32 MB: split it into several scenario files`;
    text = await readFile(absolutePath, 'utf8');
  } catch {
    return `${displayPath}:1: cannot read the file: check that it exists and is readable`;
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  return { displayPath, absolutePath, document, lineCounter };
}

/** Reads, checks and loads every scenario of one file; problems are one line each, `file:line: what to do`. */
async function loadScenarioFile(source: ScenarioText, flows: Map<string, FlowLoad>): Promise<{ loaded: LoadedScenario[]; problems: string[] }> {
  const where = (at: Array<string | number>) => `${source.displayPath}:${findLine(source, at)}`;
  const { document } = source;
  const [syntaxError] = document.errors;
  if (syntaxError) {
    // The first error only: the ones after it are usually the parser losing its footing.
    const line = syntaxError.linePos?.[0]?.line ?? 1;
    const message = (syntaxError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return { loaded: [], problems: [`${source.displayPath}:${line}: not valid YAML: ${message}; fix the syntax`] };
  }
  const parsed = parseScenarioFile(document.toJS({ maxAliasCount: 100 }));
  if (!parsed.ok) return { loaded: [], problems: parsed.issues.map((issue) => `${where(issue.path)}: ${issue.message}`) };
  const several = isMap(document.contents) && document.contents.has('scenarios');
  const loaded: LoadedScenario[] = [];
  const problems: string[] = [];
  for (const [index, scenario] of parsed.scenarios.entries()) {
    const prefix = several ? ['scenarios', index] : [];
    const flow = await loadFlow(source.absolutePath, scenario.flow, flows);
    if (!flow.ok) {
      problems.push(`${where([...prefix, 'flow'])}: ${flow.message}`);
      continue;
    }
    const issues = checkScenarioNodes(scenario, flow.flow);
    for (const issue of issues) problems.push(`${where([...prefix, ...issue.path])}: ${issue.message}`);
    if (issues.length === 0) loaded.push({ scenario, flow: flow.flow, file: source.displayPath });
  }
  return { loaded, problems };
}

export async function runTestCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    generate: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(getCommandUsage('test'));
    return 0;
  }
  if (values.generate !== undefined) {
    if (values.output === undefined) throw new UsageError('--generate needs -o <folder>: where to write the scenario file');
    if (positionals.length > 0 || values.format !== undefined) throw new UsageError('--generate takes one flow file and -o <folder>, nothing else');
    const { runGenerate } = await import('./test-generate.ts');
    return await runGenerate(values.generate, values.output, values.force ?? false, io);
  }
  if (values.force) throw new UsageError('--force goes with --generate');
  const formatName = values.format ?? 'stylish';
  if (!isTestFormatName(formatName)) throw new UsageError(`unknown format "${formatName}": expected stylish, json or junit`);
  if (positionals.length === 0) throw new UsageError('no scenario files or folders to test');

  const files = await collectFiles(positionals, io.cwd, SCENARIO_FILES);
  const flows = new Map<string, FlowLoad>();
  const scenarios: LoadedScenario[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const source = await readScenarioText(file.absolutePath, file.displayPath);
    if (typeof source === 'string') {
      problems.push(source);
      continue;
    }
    const result = await loadScenarioFile(source, flows);
    scenarios.push(...result.loaded);
    problems.push(...result.problems);
  }
  if (problems.length > 0) {
    // paths and messages quote the files: printed as text
    for (const problem of problems) io.stderr(`humanline: ${toPrintable(problem)}\n`);
    return 2;
  }

  if (scenarios.length > PROGRESS_THRESHOLD) io.stderr(`humanline: running ${scenarios.length} scenarios from ${countOf(files.length, 'file')}\n`);
  const results: ScenarioResult[] = scenarios.map(({ scenario, flow, file }) => ({ ...runScenario(scenario, flow), file }));
  const report = TEST_FORMATTERS[formatName](results);
  if (values.output === undefined) io.stdout(report);
  else await writeOutputFile(io.cwd, values.output, report);
  return results.every((result) => result.passed) ? 0 : 1;
}
