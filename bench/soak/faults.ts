import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Flow } from '../../core/schema/flow.ts';
import type { CallConditions } from './caller.ts';
import { ADMIN_TOKEN, type Replica, type SoakCluster } from './cluster.ts';
import { addFlowVersion, type FlowGuide } from '../../cli/simulate/flow-guide.ts';
import { writeFlowFile } from './flow-guide.ts';

// The faults, on a schedule that repeats every minute of the run: replicas
// killed mid-call and started again, Redis restarted, duplicate webhooks and late
// status callbacks, a publish, and a flow file corrupted on disk then repaired.

/** The flow republished with a changed greeting; new calls must hear it on every replica. */
export const PUBLISHED_FLOW = 'clinic';
/** The flow whose file is overwritten with garbage for a while; replicas must keep serving its last good version. */
export const CORRUPTED_FLOW = 'bank';

const CYCLE_SECONDS = 60;
/** When a cycle's faults happen, seconds into it; a run shorter than a cycle has them closer together. */
const CYCLE_LENGTH_USED = 54;
const DOWN_SECONDS = 3;
/** After a publish, the other replicas have this long to hear of it from Redis. */
export const PUBLISH_SETTLE_MS = 3000;

export interface TimelineEntry {
  /** seconds since traffic started */
  at: number;
  text: string;
}

/** What the soak's checks need to know of the faults right now. */
export interface FaultState {
  conditions: CallConditions;
  redisDown: boolean;
  /** the flow whose file is garbage right now */
  corruptFlowId: string | undefined;
  /** greetings of PUBLISHED_FLOW replaced by a publish, and when the latest publish happened */
  supersededGreetings: Set<string>;
  publishedAt: number | undefined;
  /** when Redis was last stopped, ms since the epoch */
  redisStoppedAt: number | undefined;
  /** when Redis last listened again */
  redisBackAt: number | undefined;
  publishCount: number;
}

export interface FaultDeps {
  cluster: SoakCluster;
  flowsDir: string;
  flows: Map<string, Flow>;
  guides: Map<string, FlowGuide>;
  state: FaultState;
  timeline: TimelineEntry[];
  trafficStartedAt: number;
  /** calls walking right now */
  callsInProgress: () => number;
}

interface Fault {
  /** seconds since traffic started */
  at: number;
  run: (deps: FaultDeps) => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function note(deps: FaultDeps, text: string): void {
  deps.timeline.push({ at: (Date.now() - deps.trafficStartedAt) / 1000, text });
}

function killAndRestart(replicaIndex: number): Fault['run'] {
  return async (deps) => {
    const replica: Replica = deps.cluster.replicas[replicaIndex % deps.cluster.replicas.length]!;
    await deps.cluster.killReplica(replica);
    note(deps, `r${replica.index} killed (SIGKILL) with ${deps.callsInProgress()} calls in progress`);
    await sleep(DOWN_SECONDS * 1000);
    const startedAt = Date.now();
    await deps.cluster.startReplica(replica);
    note(deps, `r${replica.index} restarted (listening ${((Date.now() - startedAt) / 1000).toFixed(1)} s after its start)`);
  };
}

const restartRedis: Fault['run'] = async (deps) => {
  deps.state.redisStoppedAt = Date.now();
  deps.state.redisDown = true;
  await deps.cluster.redis.stop();
  note(deps, `Redis killed with ${deps.callsInProgress()} calls in progress`);
  await sleep(DOWN_SECONDS * 1000);
  await deps.cluster.redis.start();
  note(deps, 'Redis started again (same port, same append-only file)');
  await waitUntilLoaded(deps.cluster.redis.url);
  deps.state.redisDown = false;
  deps.state.redisBackAt = Date.now();
  note(deps, 'Redis ready (its append-only file loaded)');
};

/** Resolves once Redis answers commands: while it loads its append-only file it listens but refuses them. */
async function waitUntilLoaded(url: string): Promise<void> {
  // ioredis's ready check waits for `loading:0` in INFO before it says ready
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  const ready = new Promise((resolve) => client.once('ready', resolve));
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('Redis not ready within 60 s of its start')), 60_000).unref());
  try {
    await client.connect();
    await Promise.race([ready, timeout]);
  } finally {
    client.disconnect();
  }
}

function setCondition(name: keyof CallConditions, on: boolean, text: string): Fault['run'] {
  return async (deps) => {
    deps.state.conditions[name] = on;
    note(deps, text);
  };
}

/** The text of a flow's entry node, when it is a say node with one text (the published flow's greeting). */
export function getGreeting(flow: Flow): string {
  const entry = flow.nodes[flow.entry];
  if (entry?.kind !== 'say' || typeof entry.prompt !== 'string') throw new Error(`${PUBLISHED_FLOW}: the soak changes a text greeting`);
  return entry.prompt;
}

/** A designer API request to a replica that is up, refused loudly: a failed publish would make the soak's checks meaningless. */
async function callDesignerApi(replica: Replica, method: string, apiPath: string, body: unknown): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${replica.port}${apiPath}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${apiPath} on replica ${replica.index + 1}: ${response.status} ${await response.text()}`);
}

/** Published in the designer on one replica (saved as a draft, then published); the others hear of it through Redis. */
const publish: Fault['run'] = async (deps) => {
  const flow = structuredClone(deps.flows.get(PUBLISHED_FLOW)!);
  const greeting = flow.nodes[flow.entry]!;
  if (greeting.kind !== 'say') throw new Error(`${PUBLISHED_FLOW}: the soak changes a text greeting`);
  const replica = deps.cluster.replicas.find((candidate) => candidate.process !== undefined);
  if (replica === undefined) throw new Error('no replica is up to publish on');
  const superseded = getGreeting(flow);
  greeting.prompt = `Thank you for calling Riverside Family Clinic. This is greeting number ${deps.state.publishCount + 2}.`;
  addFlowVersion(deps.guides.get(PUBLISHED_FLOW)!, flow);
  await callDesignerApi(replica, 'PUT', `/api/flows/${PUBLISHED_FLOW}`, { flow });
  await callDesignerApi(replica, 'POST', `/api/flows/${PUBLISHED_FLOW}/publish`, {});
  deps.state.supersededGreetings.add(superseded);
  deps.state.publishCount++;
  deps.flows.set(PUBLISHED_FLOW, flow);
  deps.state.publishedAt = Date.now();
  note(deps, `published ${PUBLISHED_FLOW} with a new greeting in the designer on replica ${replica.index + 1}`);
};

const corrupt: Fault['run'] = async (deps) => {
  deps.state.corruptFlowId = CORRUPTED_FLOW;
  writeFlowFile(deps.flowsDir, CORRUPTED_FLOW, Buffer.concat([Buffer.from('{"name": "Acme'), randomBytes(512)]));
  note(deps, `${CORRUPTED_FLOW}.json overwritten with garbage bytes`);
};

const repair: Fault['run'] = async (deps) => {
  writeFlowFile(deps.flowsDir, CORRUPTED_FLOW, deps.flows.get(CORRUPTED_FLOW)!);
  deps.state.corruptFlowId = undefined;
  note(deps, `${CORRUPTED_FLOW}.json written back (the last good version)`);
};

/** One cycle's faults, `at` in seconds into the cycle (out of CYCLE_LENGTH_USED). */
function getCycleFaults(cycle: number): Fault[] {
  return [
    { at: 4, run: killAndRestart(cycle) },
    { at: 10, run: setCondition('duplicates', true, 'duplicate webhooks on: some webhooks go to two replicas at once') },
    { at: 14, run: publish },
    { at: 20, run: setCondition('duplicates', false, 'duplicate webhooks off') },
    { at: 22, run: corrupt },
    // started while the file is garbage: it has only the store's copy of that flow
    { at: 25, run: killAndRestart(cycle + 1) },
    { at: 33, run: repair },
    { at: 38, run: restartRedis },
    { at: 44, run: setCondition('outOfOrderStatus', true, 'late status callbacks on: `ringing` after `completed`') },
    { at: 54, run: setCondition('outOfOrderStatus', false, 'late status callbacks off') },
  ];
}

/** The faults of a run of `seconds`: one cycle a minute, the last one whole before the end. */
export function getFaultSchedule(seconds: number): Fault[] {
  const scale = Math.min(1, (seconds * 0.85) / CYCLE_LENGTH_USED);
  const faults: Fault[] = [];
  for (let cycle = 0; cycle === 0 || cycle * CYCLE_SECONDS + CYCLE_LENGTH_USED <= seconds; cycle++) {
    for (const fault of getCycleFaults(cycle)) faults.push({ at: cycle * CYCLE_SECONDS + fault.at * scale, run: fault.run });
  }
  return faults;
}

/** Runs the schedule in order; a fault that takes long (a slow restart) delays the ones after it, as the timeline shows. */
export async function runFaults(schedule: Fault[], deps: FaultDeps, stopped: () => boolean): Promise<void> {
  for (const fault of schedule) {
    const wait = deps.trafficStartedAt + fault.at * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
    if (stopped()) return;
    try {
      await fault.run(deps);
    } catch (error) {
      note(deps, `fault failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
