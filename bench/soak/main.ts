// `npm run soak [-- --minutes N --callers N --seed N]`: thousands of simulated calls
// against three `humanline serve` replicas and one Redis on loopback, with faults
// on a schedule. Exits 1 when a caller was stranded, a webhook took over 15 s, or
// something acknowledged was lost across a Redis restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../../runtime/logger.ts';
import { createRedisStore } from '../../runtime/store/redis-store.ts';
import buildCliWhenStale from '../../scripts/build-cli-when-stale.ts';
import { seededRandom } from '../../tests/property/stepper.ts';
import { PERSONAS, isApology, walkSoakCall, type AnswerContext, type CallResult } from './caller.ts';
import { SoakCluster, getRssKb } from './cluster.ts';
import { PUBLISHED_FLOW, PUBLISH_SETTLE_MS, getFaultSchedule, getGreeting, runFaults, type FaultState, type TimelineEntry } from './faults.ts';
import { createFlowGuide, type FlowGuide } from '../../cli/simulate/flow-guide.ts';
import { writeSoakFlows } from './flow-guide.ts';
import { startLookupServer } from './lookup-server.ts';
import { printReport, type MemorySample } from './report.ts';
import { SoakStats, Switchboard } from './switchboard.ts';
import type { TwimlAnswer } from '../../cli/simulate/twiml.ts';

const REPLICAS = 3;
/** Past the planned end, the soak stops everything and fails rather than hang a CI job. */
const OVERRUN_MS = 120_000;
const MEMORY_SAMPLE_MS = 5000;

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' },
    callers: { type: 'string', default: '24' },
    seed: { type: 'string' },
  },
});
const minutes = Number(values.minutes);
const callers = Number(values.callers);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!(minutes > 0 && minutes <= 24 * 60) || !Number.isInteger(callers) || callers < 1 || callers > 1000 || !Number.isInteger(seed)) {
  process.stderr.write('usage: npm run soak -- [--minutes N (0 < N <= 1440)] [--callers N (1-1000)] [--seed N]\n');
  process.exit(2);
}
const durationMs = minutes * 60_000;
const random = seededRandom(seed);

buildCliWhenStale();
const flowsDir = mkdtempSync(path.join(tmpdir(), 'humanline-soak-flows-'));
const lookups = await startLookupServer(random);
const flows = writeSoakFlows(flowsDir, lookups.baseUrl);
const guides = new Map<string, FlowGuide>([...flows].map(([flowId, flow]) => [flowId, createFlowGuide(flowId, flow)]));
const cluster = await SoakCluster.start(flowsDir, REPLICAS);

// A soak that overruns (or is interrupted) must not leave replicas and Redis behind.
const stopEverythingNow = (code: number) => {
  for (const replica of cluster.replicas) void replica.process?.kill('SIGKILL');
  void cluster.redis.remove();
  void lookups.close();
  rmSync(flowsDir, { recursive: true, force: true });
  process.exit(code);
};
process.once('SIGINT', () => stopEverythingNow(130));
const overrun = setTimeout(() => {
  process.stderr.write(`soak: still running ${OVERRUN_MS / 1000} s past its end: stopped\n`);
  stopEverythingNow(1);
}, durationMs + OVERRUN_MS);

const memory: MemorySample[] = cluster.replicas.map((replica) => {
  const kb = getRssKb(replica.process?.pid);
  return { replica: replica.index, startKb: kb, maxKb: kb, endKb: undefined, processes: 0 };
});
const sampleMemory = () => {
  for (const replica of cluster.replicas) {
    const kb = getRssKb(replica.process?.pid);
    const sample = memory[replica.index]!;
    if (kb !== undefined) sample.maxKb = Math.max(sample.maxKb ?? 0, kb);
  }
};

const stats = new SoakStats();
const switchboard = new Switchboard(cluster, stats, random, () => (Date.now() - trafficStartedAt) / 1000);
const state: FaultState = {
  conditions: { duplicates: false, outOfOrderStatus: false },
  redisDown: false,
  corruptFlowId: undefined,
  supersededGreetings: new Set(),
  publishedAt: undefined,
  redisStoppedAt: undefined,
  redisBackAt: undefined,
  publishCount: 0,
};
const timeline: TimelineEntry[] = [];
const results: CallResult[] = [];
let inProgress = 0;
let ended = false;
const trafficStartedAt = Date.now();
const deadline = trafficStartedAt + durationMs;

const flowIds = [...guides.keys()];
const newCallSid = () => `CA${Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('')}`;

/** Redis is back, but replicas reconnect within a second or so (their client's back-off). */
const REDIS_RECONNECT_MS = 2000;
const APOLOGY_EXAMPLES = 3;
const apologyExamples: string[][] = [];
/** seconds into the run of each apology no fault explains, to line them up with the timeline */
const unexplainedApologyTimes: number[] = [];
/** new calls to the published flow, started after the replicas had time to notice, by the greeting they heard */
const publishSeen = { new: 0, old: 0 };

/** Why the runtime apologised (routed the caller to a person): a fault the soak made, or not. */
function getApologyCircumstance(context: AnswerContext): string | undefined {
  if (context.viaFallback) return 'from the Fallback URL, after a failed webhook';
  if (state.redisDown || (state.redisBackAt !== undefined && Date.now() < state.redisBackAt + REDIS_RECONNECT_MS)) return 'while Redis was down (or the replicas reconnecting)';
  if (state.corruptFlowId === context.flowId) return `on ${context.flowId} while its file was garbage`;
  return undefined;
}

/** The checks a single answer allows: a publish seen by new calls, apologies with no fault to explain them. */
function inspectAnswer(answer: TwimlAnswer, context: AnswerContext): void {
  if (isApology(answer)) {
    const circumstance = getApologyCircumstance(context);
    stats.addApology(`${circumstance ?? 'with no fault to explain it'} (${context.webhook === 'call' ? 'call webhook' : `${context.webhook} webhook`})`);
    if (circumstance === undefined) {
      unexplainedApologyTimes.push((Date.now() - trafficStartedAt) / 1000);
      if (apologyExamples.length < APOLOGY_EXAMPLES) apologyExamples.push([...context.trail]);
    }
  }
  const settled = state.publishedAt !== undefined && context.startedAt > state.publishedAt + PUBLISH_SETTLE_MS;
  if (context.flowId !== PUBLISHED_FLOW || !context.isFirst || !settled) return;
  if (answer.says.some((text) => state.supersededGreetings.has(text))) {
    publishSeen.old++;
    stats.addError('a new call heard the greeting from before the publish');
  } else if (answer.says.includes(getGreeting(flows.get(PUBLISHED_FLOW)!))) {
    publishSeen.new++;
  }
}

async function runCaller(): Promise<void> {
  // bounded in count as well as time: a soak that answers in no time still stops
  const maxCalls = Math.ceil(minutes * 60 * 50);
  for (let call = 0; call < maxCalls && Date.now() < deadline; call++) {
    inProgress++;
    try {
      const flowId = flowIds[Math.floor(random() * flowIds.length)]!;
      const persona = PERSONAS[Math.floor(random() * PERSONAS.length)]!;
      results.push(
        await walkSoakCall(
          { switchboard, random, conditions: () => state.conditions, thinkMs: () => 20 + random() * 130, inspectAnswer },
          guides.get(flowId)!,
          newCallSid(),
          persona,
        ),
      );
    } finally {
      inProgress--;
    }
  }
}

const sampler = setInterval(() => {
  sampleMemory();
  for (const replica of cluster.getCrashedReplicas()) {
    stats.addError(`replica r${replica.index} exited by itself`);
    replica.process = undefined;
    timeline.push({ at: (Date.now() - trafficStartedAt) / 1000, text: `r${replica.index} exited by itself` });
    void cluster.startReplica(replica);
  }
}, MEMORY_SAMPLE_MS);

process.stderr.write(`soak: ${minutes} min, ${callers} callers, seed ${seed}; ${REPLICAS} replicas on ports ${cluster.replicas.map((r) => r.port).join(', ')}, Redis on ${cluster.redis.port}\n`);
const faultDeps = { cluster, flowsDir, flows, guides, state, timeline, trafficStartedAt, callsInProgress: () => inProgress };
await Promise.all([runFaults(getFaultSchedule(durationMs / 1000), faultDeps, () => ended), ...Array.from({ length: callers }, (_, index) => delayed(index, runCaller))]);
ended = true;
clearInterval(sampler);
sampleMemory();
for (const replica of cluster.replicas) {
  memory[replica.index]!.endKb = getRssKb(replica.process?.pid);
  memory[replica.index]!.processes = replica.pids.length;
}

/** Callers start spread over the first second, as calls arrive. */
async function delayed(index: number, work: () => Promise<void>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, (index * 1000) / callers));
  await work();
}

const lost = await countLostAcknowledged(results, state.redisStoppedAt);
switchboard.close();
clearTimeout(overrun);
const failed = printReport({
  minutes,
  callers,
  seed,
  cores: availableParallelism(),
  trafficSeconds: (Date.now() - trafficStartedAt) / 1000,
  results,
  stats,
  timeline,
  memory,
  lookups: lookups.counts,
  lost,
  apologyExamples,
  unexplainedApologyTimes,
  publishSeen,
});
await cluster.stop();
await lookups.close();
rmSync(flowsDir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;

/** Calls whose `completed` was acknowledged before the last Redis restart, and how many of them Redis no longer has. */
async function countLostAcknowledged(calls: CallResult[], redisStoppedAt: number | undefined): Promise<{ checked: number; lost: string[] }> {
  if (redisStoppedAt === undefined) return { checked: 0, lost: [] };
  const acknowledged = calls.filter((call) => call.completedAcknowledgedAt !== undefined && call.completedAcknowledgedAt < redisStoppedAt);
  const inspector = await createRedisStore({ url: cluster.redis.url, logger: createLogger('silent') });
  const lostSids: string[] = [];
  try {
    for (const call of acknowledged) {
      if ((await inspector.getStatus(call.callSid)) !== 'completed') lostSids.push(call.callSid);
    }
  } finally {
    await inspector.close();
  }
  return { checked: acknowledged.length, lost: lostSids };
}
