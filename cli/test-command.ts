import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { toPrintable } from '../core/format/printable.ts';
import { countOf } from '../core/format/words.ts';
import { getLinkedFlowIds } from '../core/lint/line.ts';
import type { Flow } from '../core/schema/flow.ts';
import { parseFlow } from '../core/schema/parse.ts';
import { getScenarioCoverage, toPercent, type FlowCoverage } from '../core/testing/coverage.ts';
import { checkScenarioNodes, runScenario, type LineFlows, type ScenarioResult } from '../core/testing/run-scenario.ts';
import { getFlowFileCandidates, parseScenarioFile, SCENARIO_FILE_PATTERN, type Scenario } from '../core/testing/scenario.ts';
import { isTestFormatName, TEST_FORMATTERS } from '../core/testing/report.ts';
import { readJsonFile } from '../runtime/flows/read-json-file.ts';
import { parseCommandArgs } from './args.ts';
import { collectFiles, type FileKind } from './collect-files.ts';
import { createVerboseNote, UsageError, type CliIo } from './io.ts';
import { writeOutputFile } from './output-file.ts';
import { loadProjectConfigFile, toIgnoreRules } from './project-config.ts';
import { runScenarioOverWebhooks } from './test-over-webhooks/run-scenario-over-webhooks.ts';
import { createWebhookClient, type WebhookClient } from './test-over-webhooks/webhook-client.ts';
import { getCommandUsage } from './usage.ts';

const SCENARIO_FILES: FileKind = { isWanted: (name) => SCENARIO_FILE_PATTERN.test(name), words: 'scenario files (*.test.yaml, *.test.yml, *.test.json)' };
/** A generated suite of a 1,000-node flow runs to a few megabytes; far beyond that is not a scenario file. */
const MAX_SCENARIO_FILE_BYTES = 32_000_000;
/** Most flows of a line the offline engine loads for one scenario file's flow. */
const MAX_LINE_FLOWS = 200;
/** Above this many scenarios a run says how many it runs, so a long CI step is not silent. */
const PROGRESS_THRESHOLD = 20;

/** A scenario ready to run: its flow loaded. */
interface LoadedScenario {
  scenario: Scenario;
  flow: Flow;
  /** the flow's file, absolute: scenarios on one flow are covered together */
  flowFile: string;
  /** the flow file's name without .json: the id a runtime serves it under */
  flowId: string;
  /** the flows of its line found beside the scenario file or one folder up, by id: entered links go on in them */
  line: LineFlows;
  file: string;
}

/**
 * The flows `flow` links to, and those they link to, found as a scenario's flow id is (`<id>.json` beside
 * the scenario file or one folder up), with `flow` itself under `flowId`; a flow not found or not valid is
 * left out, and a link to it stops the offline call at its goto.
 */
async function loadLine(scenarioPath: string, flow: Flow, flowId: string, cache: Map<string, FlowLoad>): Promise<LineFlows> {
  const line = new Map<string, Flow>([[flowId, flow]]);
  const pending = getLinkedFlowIds(flow);
  const tried = new Set<string>([flowId]);
  while (pending.length > 0 && line.size < MAX_LINE_FLOWS) {
    const linkedId = pending.pop()!;
    if (tried.has(linkedId)) continue;
    tried.add(linkedId);
    const load = await loadFlow(scenarioPath, linkedId, cache);
    if (!load.ok) continue;
    line.set(linkedId, load.flow);
    pending.push(...getLinkedFlowIds(load.flow));
  }
  return line;
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

type FlowLoad = { ok: true; flow: Flow; file: string } | { ok: false; message: string };

/** The id a runtime serves a flow file under, and the designer names it by: its name without `.json`. */
const toFlowId = (flowFile: string): string => path.basename(flowFile).replace(/\.json$/i, '');

/** The flow a scenario names: a path from the scenario file, or a flow id beside it or one folder up. */
async function findFlowFile(scenarioPath: string, reference: string): Promise<string | undefined> {
  const folder = path.dirname(scenarioPath);
  for (const candidate of getFlowFileCandidates(reference).map((segments) => path.resolve(folder, ...segments))) {
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
    load = parsed.ok ? { ok: true, flow: parsed.flow, file } : { ok: false, message: `flow "${reference}" is not a valid flow: run humanline lint on it first` };
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
    if (issues.length > 0) continue;
    const flowId = toFlowId(flow.file);
    const line = await loadLine(source.absolutePath, flow.flow, flowId, flows);
    loaded.push({ scenario, flow: flow.flow, flowFile: flow.file, flowId, line, file: source.displayPath });
  }
  return { loaded, problems };
}

/** `--min-coverage`: a percentage from 0 to 100 of the exits reachable from the entry. */
function toMinCoverage(text: string): number {
  const percent = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(percent >= 0 && percent <= 100)) throw new UsageError(`--min-coverage takes a percentage from 0 to 100, not "${toPrintable(text)}"`);
  return percent;
}

/** Exact, not the rounded percent shown: 99.6 % of exits is below 100. */
const isBelow = (coverage: FlowCoverage, minimum: number): boolean => coverage.edges.reachable.walked * 100 < minimum * coverage.edges.reachable.total;

/** Coverage per flow file, all the scenarios on it together, in the order the flows were first met. */
function getFlowCoverages(scenarios: readonly LoadedScenario[], results: readonly ScenarioResult[], cwd: string): FlowCoverage[] {
  const byFlow = new Map<string, { flow: Flow; runs: ScenarioResult[] }>();
  scenarios.forEach(({ flow, flowFile }, index) => {
    const group = byFlow.get(flowFile) ?? { flow, runs: [] };
    group.runs.push(results[index]!);
    byFlow.set(flowFile, group);
  });
  return [...byFlow].map(([flowFile, { flow, runs }]) => ({
    flowId: toFlowId(flowFile),
    flow: path.relative(cwd, flowFile).split(path.sep).join('/'),
    ...(flow.name !== undefined ? { name: flow.name } : {}),
    ...getScenarioCoverage(flow, runs),
  }));
}

/** A webhook answers well inside Twilio's 15 s; a runtime that takes longer is not answering. */
const WEBHOOK_TIMEOUT_MS = 15_000;
/** Over webhooks a scenario takes a round trip a step: progress from this many on. */
const WEBHOOK_PROGRESS_EVERY = 10;

interface RuntimeTarget {
  url: string;
  client: WebhookClient;
  publicUrl: string;
}

function toBaseUrl(text: string, option: string): string {
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) throw new UsageError(`${option} must be an http or https URL such as http://127.0.0.1:3000 (got "${text}")`);
  return text.replace(/\/+$/, '');
}

function toRuntimeTarget(urlText: string, publicUrlText: string | undefined, authToken: string | undefined): RuntimeTarget {
  const url = toBaseUrl(urlText, '--url');
  const publicUrl = publicUrlText === undefined ? url : toBaseUrl(publicUrlText, '--public-url');
  if (authToken === undefined || authToken === '') throw new UsageError('--url needs the runtime\'s TWILIO_AUTH_TOKEN: pass --auth-token or set HUMANLINE_AUTH_TOKEN or TWILIO_AUTH_TOKEN');
  return { url, publicUrl, client: createWebhookClient({ url, publicUrl, authToken, timeoutMs: WEBHOOK_TIMEOUT_MS }) };
}

/** Runs the scenarios one after another against the runtime (a test call at a time, as a caller would). */
async function runOverWebhooks(scenarios: LoadedScenario[], runtime: RuntimeTarget, io: CliIo): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const [index, { scenario, flow, flowId, file }] of scenarios.entries()) {
    if (scenarios.length >= WEBHOOK_PROGRESS_EVERY && index % WEBHOOK_PROGRESS_EVERY === 0) io.stderr(`humanline: scenario ${index + 1} of ${scenarios.length} against ${runtime.url}\n`);
    const voiceUrl = `${runtime.publicUrl}/twilio/voice/${encodeURIComponent(flowId)}`;
    results.push({ ...(await runScenarioOverWebhooks(scenario, flow, { client: runtime.client, voiceUrl })), file });
  }
  return results;
}

export async function runTestCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    coverage: { type: 'boolean' },
    'min-coverage': { type: 'string' },
    url: { type: 'string' },
    'auth-token': { type: 'string' },
    'public-url': { type: 'string' },
    generate: { type: 'string' },
    force: { type: 'boolean' },
    verbose: { type: 'boolean' },
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
  const minCoverage = values['min-coverage'] === undefined ? undefined : toMinCoverage(values['min-coverage']);
  const withCoverage = values.coverage === true || minCoverage !== undefined;
  const runtime = values.url === undefined ? undefined : toRuntimeTarget(values.url, values['public-url'] ?? io.env?.PUBLIC_BASE_URL, values['auth-token'] ?? io.env?.HUMANLINE_AUTH_TOKEN ?? io.env?.TWILIO_AUTH_TOKEN);
  if (runtime === undefined && (values['auth-token'] !== undefined || values['public-url'] !== undefined)) throw new UsageError('--auth-token and --public-url go with --url');
  // the webhooks show what a caller hears, not the exits the call took
  if (runtime !== undefined && withCoverage) throw new UsageError('--coverage counts the exits the offline engine takes: run it without --url');

  const configFile = await loadProjectConfigFile(undefined, io.cwd);
  const files = await collectFiles(positionals, io.cwd, SCENARIO_FILES, { ignores: toIgnoreRules(configFile), note: createVerboseNote(values.verbose, io) });
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
  const results: ScenarioResult[] =
    runtime === undefined ? scenarios.map(({ scenario, flow, line, file }) => ({ ...runScenario(scenario, flow, undefined, line), file })) : await runOverWebhooks(scenarios, runtime, io);
  const coverage = withCoverage ? getFlowCoverages(scenarios, results, io.cwd) : undefined;
  const report = TEST_FORMATTERS[formatName](results, coverage);
  if (values.output === undefined) io.stdout(report);
  else await writeOutputFile(io.cwd, values.output, report);
  const below = minCoverage === undefined ? [] : (coverage ?? []).filter((flow) => isBelow(flow, minCoverage));
  // flow paths come from the scenario files: printed as text
  for (const flow of below) io.stderr(`humanline: ${toPrintable(`${flow.flow}: ${toPercent(flow.edges.reachable)}% of exits walked, below --min-coverage ${minCoverage}`)}\n`);
  return results.every((result) => result.passed) && below.length === 0 ? 0 : 1;
}
