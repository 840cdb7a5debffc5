import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { countOf } from '../core/format/words.ts';
import type { Flow } from '../core/schema/flow.ts';
import { BROWSER_CALL_VARIABLES, ConfigError, parseRuntimeConfig, type RuntimeConfig } from '../runtime/config.ts';
import { StoreOpenError } from '../runtime/errors.ts';
import { loadFlowFile } from '../runtime/flows/load-flow-file.ts';
import { FlowsFolderError } from '../runtime/flows/registry.ts';
import { parseCommandArgs, parseCount } from './args.ts';
import { FatalError, UsageError, type CliIo } from './io.ts';
import { createFlowGuide, type FlowGuide } from './simulate/flow-guide.ts';
import { SIMULATED_LOOKUP_HEADER, SIMULATED_TIME_HEADER, startLocalRuntime } from './simulate/local-runtime.ts';
import { ENVIRONMENT, PERSONAS, type Persona } from './simulate/personas.ts';
import { createProgressBar } from './simulate/progress.ts';
import { pick, pickWeighted, seededRandom } from './simulate/random.ts';
import { walkCall, type WalkOutcome, type WalkResult } from './simulate/walk-call.ts';
import { SignatureRefusedError, sendWebhook, type WebhookTarget } from './simulate/webhook-client.ts';
import { getCommandUsage } from './usage.ts';

// `humanline simulate <flow> --calls N [--url URL]`: fills the call list and the
// dashboard with calls a mix of callers make through the runtime's real, signed
// webhooks. Without --url the runtime runs inside this process over the store
// `humanline serve` reads, with a simulated clock, so calls spread over days;
// with --url they go to a running serve, and happen now.

const MAX_CALLS = 100_000;
const DEFAULT_DAYS = 7;

/** Hours of the day (local time) calls start at, by weight: few at night, most in office hours. */
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 11, 12, 13, 12, 11, 9, 7, 5, 4, 3, 2, 1];
const HOUR_SHARES = HOUR_WEIGHTS.map((weight, hour) => [hour, weight / HOUR_WEIGHTS.reduce((a, b) => a + b, 0)] as const);

interface Options {
  flowId: string;
  calls: number;
  concurrency: number;
  seed: number;
  days: number;
  url: string | undefined;
  flowsDir: string | undefined;
}

function parseOptions(args: string[]): Options | 'help' {
  const { values, positionals } = parseCommandArgs(args, {
    calls: { type: 'string' },
    url: { type: 'string' },
    seed: { type: 'string' },
    concurrency: { type: 'string' },
    days: { type: 'string' },
    flows: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'simulate needs a flow id, e.g. humanline simulate bank --calls 500' : `simulate takes one flow id (got ${positionals.join(' ')})`);
  if (values.calls === undefined) throw new UsageError('simulate needs --calls N (how many calls to place, 1 to 100000)');
  if (values.url !== undefined && values.days !== undefined) throw new UsageError('--days spreads calls over past days on the in-process runtime; calls to --url happen now');
  return {
    flowId: positionals[0]!,
    calls: parseCount(values.calls, '--calls', 1, MAX_CALLS),
    concurrency: values.concurrency === undefined ? 8 : parseCount(values.concurrency, '--concurrency', 1, 64),
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : parseCount(values.seed, '--seed', 0, 2 ** 32 - 1),
    days: values.days === undefined ? DEFAULT_DAYS : parseCount(values.days, '--days', 1, 90),
    url: values.url === undefined ? undefined : toServeUrl(values.url),
    flowsDir: values.flows,
  };
}

function toServeUrl(text: string): string {
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) throw new UsageError(`bad --url value "${text}": expected the address of humanline serve, e.g. http://127.0.0.1:3000`);
  return text.replace(/\/+$/, '');
}

/** The variables of taking real calls: the in-process runtime signs with its own token and makes no browser calls. */
const TWILIO_VARIABLES = ['TWILIO_AUTH_TOKEN', 'PUBLIC_BASE_URL', ...BROWSER_CALL_VARIABLES];

/** serve's configuration from the same environment: the flows folder and the store. */
function readConfig(io: CliIo, flowsDir: string | undefined): RuntimeConfig {
  const env = Object.fromEntries(Object.entries(io.env ?? {}).filter(([name]) => !TWILIO_VARIABLES.includes(name)));
  try {
    return parseRuntimeConfig(env, io.cwd, flowsDir === undefined ? {} : { flowsDir });
  } catch (error) {
    if (error instanceof ConfigError) throw new FatalError(error.message);
    throw error;
  }
}

/** The flows a runtime serves, and why each flow file it refuses is not served (in its health check's words). */
interface ServedFlows {
  ids: string[];
  /** flow id → why its file is not served */
  refused: Map<string, string>;
}

/** What the serve at `url` serves, from its health check: an unreachable address or an unknown flow stops here. */
async function getServedFlows(url: string): Promise<ServedFlows> {
  let body: unknown;
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
    body = await response.json();
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new FatalError(`cannot reach humanline serve at ${url} (${reason}): start it with "humanline serve", or leave out --url to simulate in-process`);
  }
  const health = body as { flows?: Array<{ id?: unknown }>; warnings?: unknown } | null;
  const flows = health?.flows;
  if (!Array.isArray(flows)) throw new FatalError(`${url}/healthz did not answer as humanline serve does: is --url the address of humanline serve?`);
  const refused = new Map<string, string>();
  // `flow <id> is not served: <why>; its callers go to the fallback`, as /healthz words a refused file
  for (const warning of Array.isArray(health?.warnings) ? health.warnings : []) {
    const match = typeof warning === 'string' ? /^flow (\S+) is not served: (.*); its callers go to the fallback$/s.exec(warning) : null;
    if (match) refused.set(match[1]!, match[2]!);
  }
  return { ids: flows.flatMap((flow) => (typeof flow.id === 'string' ? [flow.id] : [])), refused };
}

/** The flow's file, for its prompts: the caller recognises menus by what it hears. */
async function readFlowFile(flowsDir: string, flowId: string): Promise<Flow> {
  const file = path.join(flowsDir, `${flowId}.json`);
  const loaded = await loadFlowFile(file, file);
  if (!loaded.ok) throw new FatalError(`simulate reads the flow's file to know its menus: ${loaded.problem.split('\n')[0]} (pass --flows DIR, the folder humanline serve serves)`);
  return loaded.flow;
}

/** Stops where the flow is not served: a file the runtime refused says why (its lint errors, say), else the flows that are served. */
function checkFlowId(flowId: string, served: ServedFlows, where: string): void {
  if (served.ids.includes(flowId)) return;
  const refused = served.refused.get(flowId);
  if (refused !== undefined) throw new FatalError(`flow "${flowId}" ${where} is not served, so no call can reach it: ${refused} ("humanline lint" on its file shows what to fix)`);
  throw new FatalError(`no flow "${flowId}" ${where} (serving: ${served.ids.join(', ') || 'none'})`);
}

/** A call's start: a day in the last `days`, an hour weighted to office hours, at least an hour before now. */
function pickStartTime(random: () => number, days: number, now: number): number {
  const day = new Date(now - Math.floor(random() * days) * 86_400_000);
  day.setHours(pickWeighted(random, HOUR_SHARES), Math.floor(random() * 60), Math.floor(random() * 60), 0);
  const latest = now - 3_600_000;
  return day.getTime() > latest ? latest - Math.floor(random() * 3_600_000) : day.getTime();
}

/** A fictional caller number (555 numbers are reserved for fiction). */
const pickCallerNumber = (random: () => number) => `+1202555${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;

interface Tally {
  outcomes: Record<WalkOutcome, number>;
  personas: Record<Persona, number>;
  webhooks: number;
  stranded: string[];
  firstStart: number;
  lastStart: number;
}

/** Places one call; `clock` set: the in-process runtime, whose time is the call's own. */
async function placeCall(target: WebhookTarget, guide: FlowGuide, index: number, options: Options, clock: { now: number } | undefined, tally: Tally): Promise<WalkResult> {
  const random = seededRandom((options.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const persona = pick(PERSONAS, random);
  let time = clock === undefined ? Date.now() : pickStartTime(random, options.days, clock.now);
  tally.firstStart = Math.min(tally.firstStart, time);
  tally.lastStart = Math.max(tally.lastStart, time);
  const result = await walkCall(
    {
      random,
      elapse: async (seconds) => {
        time += seconds * 1000;
      },
      send: (url, params, kind) => {
        const headers: Record<string, string> =
          clock === undefined ? {} : { [SIMULATED_TIME_HEADER]: String(time), [SIMULATED_LOOKUP_HEADER]: random() < ENVIRONMENT.lookupFails ? 'failed' : 'ok' };
        return sendWebhook(target, url, params, { fallback: kind === 'call', headers });
      },
    },
    guide,
    // a fresh SID each run: the seed repeats the walks, not the calls the store already holds
    { flowId: guide.flowId, callSid: `CA${randomBytes(16).toString('hex')}`, from: pickCallerNumber(random), to: '+12025550100', persona },
  );
  tally.outcomes[result.outcome]++;
  tally.personas[persona]++;
  tally.webhooks += result.webhooks;
  if (result.outcome === 'stranded' && tally.stranded.length < 5) tally.stranded.push(`${persona}: ${result.strandedReason}`);
  return result;
}

/** Runs `count` jobs, `concurrency` at a time; the first failure stops the rest. */
async function runPool(count: number, concurrency: number, job: (index: number) => Promise<unknown>): Promise<void> {
  let nextIndex = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && nextIndex < count) {
      const index = nextIndex++;
      try {
        await job(index);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failure !== undefined) throw failure;
}

const OUTCOME_WORDS: Record<WalkOutcome, string> = {
  person: 'reached a person',
  followUp: 'follow-up',
  callerChoice: "ended by the caller's choice",
  hungUp: 'hung up before help',
  stranded: 'stranded',
};

function formatSummary(tally: Tally, options: Options, seconds: number, local: boolean): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const lines = [
    `Simulated ${countOf(options.calls, 'call')} to ${options.flowId} (seed ${options.seed}) in ${seconds.toFixed(1)} s, ${countOf(tally.webhooks, 'webhook')}.`,
    `  outcomes: ${Object.entries(tally.outcomes).map(([outcome, count]) => `${OUTCOME_WORDS[outcome as WalkOutcome]} ${count}`).join(', ')}`,
    `  callers:  ${Object.entries(tally.personas).map(([persona, count]) => `${persona} ${count}`).join(', ')}`,
    local ? `  started between ${day(tally.firstStart)} and ${day(tally.lastStart)} (the in-process runtime's simulated clock)` : '  started now (the running serve keeps its own clock)',
  ];
  if (tally.stranded.length > 0) lines.push('  stranded callers (first ones):', ...tally.stranded.map((line) => `    ${line}`));
  return `${lines.join('\n')}\n`;
}

/** `humanline simulate`: 0 when every call ended with help or by the caller's choice, 1 when a caller was stranded. */
export async function runSimulateCommand(args: string[], io: CliIo): Promise<number> {
  const options = parseOptions(args);
  if (options === 'help') {
    io.stdout(getCommandUsage('simulate'));
    return 0;
  }
  const tally: Tally = {
    outcomes: { person: 0, followUp: 0, callerChoice: 0, hungUp: 0, stranded: 0 },
    personas: Object.fromEntries(PERSONAS.map((persona) => [persona, 0])) as Record<Persona, number>,
    webhooks: 0,
    stranded: [],
    firstStart: Infinity,
    lastStart: -Infinity,
  };
  let target: WebhookTarget;
  let flow: Flow;
  let close = async () => {};
  let clock: { now: number } | undefined;
  if (options.url !== undefined) {
    const env = io.env ?? {};
    const authToken = env.TWILIO_AUTH_TOKEN?.trim();
    if (!authToken) {
      throw new FatalError(
        'calls to --url are signed as Twilio signs them: set TWILIO_AUTH_TOKEN (and PUBLIC_BASE_URL, when serve has one) to the values humanline serve runs with; a serve without TWILIO_AUTH_TOKEN refuses every webhook. Leave out --url to simulate in-process',
      );
    }
    checkFlowId(options.flowId, await getServedFlows(options.url), `at ${options.url}`);
    target = { baseUrl: options.url, publicBaseUrl: env.PUBLIC_BASE_URL?.trim().replace(/\/+$/, '') || options.url, authToken };
    flow = await readFlowFile(readConfig(io, options.flowsDir).flowsDir, options.flowId);
    io.stderr(`humanline: placing ${countOf(options.calls, 'call')} to ${options.flowId} at ${options.url}, ${options.concurrency} at a time (signed for ${target.publicBaseUrl})\n`);
  } else {
    const config = readConfig(io, options.flowsDir);
    let local;
    try {
      local = await startLocalRuntime(config, seededRandom(options.seed));
    } catch (error) {
      if (error instanceof StoreOpenError || error instanceof FlowsFolderError) throw new FatalError(error.message);
      throw error;
    }
    close = () => local.close();
    const published = local.runtime.flows.getCurrent(options.flowId);
    if (published === undefined) {
      await close();
      const refused = new Map(local.runtime.flows.listRefused().map((file) => [file.flowId, file.problem]));
      checkFlowId(options.flowId, { ids: local.runtime.flows.listCurrent().map((entry) => entry.flowId), refused }, `in ${config.flowsDir}`);
    }
    target = local.target;
    flow = published!.flow;
    clock = { now: Date.now() };
    const store = config.redisUrl === undefined ? `the store in ${config.dataDir}` : 'the Redis store of HUMANLINE_REDIS_URL';
    io.stderr(
      `humanline: simulating ${countOf(options.calls, 'call')} to ${options.flowId} in-process over ${store} (what humanline serve reads), spread over the last ${countOf(options.days, 'day')}, ${options.concurrency} at a time\n`,
    );
  }
  const guide = createFlowGuide(options.flowId, flow);
  const progress = createProgressBar(options.calls, io.stderr, io.stderrIsTTY === true);
  const started = performance.now();
  try {
    await runPool(options.calls, options.concurrency, async (index) => {
      await placeCall(target, guide, index, options, clock, tally);
      progress.tick();
    });
  } catch (error) {
    if (error instanceof SignatureRefusedError) {
      throw new FatalError(`the runtime refused the webhook's signature (${error.message.split('\n')[0]}): TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL must be those humanline serve runs with`);
    }
    throw error;
  } finally {
    progress.done();
    await close();
  }
  io.stdout(formatSummary(tally, options, (performance.now() - started) / 1000, clock !== undefined));
  return tally.outcomes.stranded > 0 ? 1 : 0;
}
