import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import buildCliWhenStale from '../scripts/build-cli-when-stale.ts';
import { TestRedisServer } from '../tests/helpers/redis-server.ts';
import { createFlowGuide, type FlowGuide } from '../cli/simulate/flow-guide.ts';
import { PERSONAS } from '../cli/simulate/personas.ts';
import { pick, seededRandom } from '../cli/simulate/random.ts';
import { walkCall as walkSimulatedCall, type WalkOutcome } from '../cli/simulate/walk-call.ts';
import type { Flow } from '../core/schema/flow.ts';
import { postWebhook, walkCall, type Target } from './call-walker.ts';

/**
 * `humanline serve` walking whole calls of the bank example, against a bare
 * Express handler that returns a fixed TwiML document (the floor), each in
 * their own process on loopback: on the embedded store, on Redis, and as two
 * replicas sharing one Redis (each webhook to the other replica, as a
 * balancer without sticky sessions sends them). Goals: on SQLite, saturated
 * throughput at least half the floor's; on Redis, at least 0.7x SQLite's; p99
 * within 2x the floor's at a paced load of 200 concurrent calls each sending a
 * webhook every second. Then the callers of `humanline simulate`, every
 * persona, walk the clinic flow on SQLite and on Redis: the mix of a real line.
 */

const REPO = path.resolve(import.meta.dirname, '..');
const AUTH_TOKEN = 'bench-auth-token';
/** bank flow: cards (2), card fraud team (1), the agent call, survey score 5 */
const BANK_SCRIPT = ['2', '1', '5'];
/** the floor answers a Gather every time: as many key presses give the same number of webhooks per call */
const FLOOR_SCRIPT = ['2', '1', '1', '5'];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      http.get(url, (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      }).on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no answer from ${url}`);
}

/** The address replicas behind a balancer are signed for: Twilio calls it, the bench connects to each replica on loopback. */
const REPLICAS_PUBLIC_URL = 'https://ivr.example.test';

/** One `humanline serve`; `redisUrl` puts its calls in Redis, `publicBaseUrl` signs it for a balancer's address. */
async function startHumanline(options: { redisUrl?: string; publicBaseUrl?: string }): Promise<{ baseUrl: string; child: ChildProcess; dataDir: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'humanline-bench-'));
  const child = spawn(process.execPath, ['bin/humanline.js', 'serve', '--port', String(port), '--flows', 'flows'], {
    cwd: REPO,
    env: {
      ...process.env,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      PUBLIC_BASE_URL: options.publicBaseUrl ?? baseUrl,
      HUMANLINE_DATA_DIR: dataDir,
      HUMANLINE_FALLBACK_NUMBER: '+34910000000',
      ...(options.redisUrl === undefined ? {} : { HUMANLINE_REDIS_URL: options.redisUrl }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(`${baseUrl}/healthz`, child);
  return { baseUrl, child, dataDir };
}

async function startFloor(): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/floor-server.ts'], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`floor server exited with ${code}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, child };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

let callCounter = 0;
const newCallSid = () => `CA${String(++callCounter).padStart(32, '0')}`;

/** Requests per second with `concurrency` callers walking calls back to back for `seconds`. */
async function saturate(target: Target, entry: string, script: string[], concurrency: number, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let requests = 0;
  const caller = async () => {
    while (performance.now() < end) {
      // Not `requests += await ...`: that reads `requests` before the await and loses the other callers' counts.
      const made = await walkCall(target, entry, script, newCallSid(), () => {});
      requests += made;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, caller));
  return requests / ((performance.now() - start) / 1000);
}

/** Latencies at `calls` concurrent calls, each sending one webhook a second, for `seconds`. */
async function paced(target: Target, entry: string, script: string[], calls: number, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const caller = async (index: number) => {
    // Spread the callers over the first second, as real calls arrive.
    await new Promise((resolve) => setTimeout(resolve, (index * 1000) / calls));
    let next = performance.now();
    const pace = async () => {
      next += 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    };
    while (performance.now() < end) await walkCall(target, entry, script, newCallSid(), (ms) => latencies.push(ms), pace);
  };
  await Promise.all(Array.from({ length: calls }, (_, index) => caller(index)));
  return latencies.sort((a, b) => a - b);
}

/** The example the mixed callers walk: no look-ups, so no request leaves loopback. */
const MIXED_FLOW = 'clinic';

/**
 * The callers of `humanline simulate` (every persona, agents answering or not,
 * queues bridging or not) walking the clinic flow back to back for `seconds`,
 * as `concurrency` callers at once: the request mix of a real line rather than
 * one script. Only humanline walks it: the floor's fixed answer has no flow.
 */
async function mixedCallers(target: Target, guide: FlowGuide, concurrency: number, seconds: number): Promise<{ rps: number; latencies: number[]; outcomes: Map<WalkOutcome, number>; failed: number }> {
  const random = seededRandom(20261130);
  const latencies: number[] = [];
  const outcomes = new Map<WalkOutcome, number>();
  let failed = 0;
  const end = performance.now() + seconds * 1000;
  const caller = async () => {
    while (performance.now() < end) {
      const result = await walkSimulatedCall(
        {
          random,
          elapse: async () => undefined,
          send: async (url, params) => {
            try {
              const { body, ms } = await postWebhook(target, url, params);
              latencies.push(ms);
              return { twiml: body, viaFallback: false };
            } catch {
              failed++;
              return undefined;
            }
          },
        },
        guide,
        { flowId: MIXED_FLOW, callSid: newCallSid(), from: '+34600000001', to: '+34910000000', persona: pick(PERSONAS, random) },
      );
      outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, caller));
  return { rps: latencies.length / ((performance.now() - start) / 1000), latencies: latencies.sort((a, b) => a - b), outcomes, failed };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

type Setup = 'floor' | 'sqlite' | 'redis' | 'redis-2';
const SETUP_NAMES: Record<Setup, string> = { floor: 'floor', sqlite: 'SQLite', redis: 'Redis', 'redis-2': '2 on Redis' };

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
}

/** Starts a setup's servers; `stop` stops them (and removes their data folders). */
async function startSetup(setup: Setup, redis: TestRedisServer): Promise<{ target: Omit<Target, 'agent'>; entry: string; script: string[]; stop(): Promise<void> }> {
  if (setup === 'floor') {
    const floor = await startFloor();
    return { target: { baseUrl: floor.baseUrl, authToken: AUTH_TOKEN }, entry: '/floor/voice', script: FLOOR_SCRIPT, stop: () => stop(floor.child) };
  }
  const replicas =
    setup === 'redis-2'
      ? await Promise.all([0, 1].map(() => startHumanline({ redisUrl: redis.url, publicBaseUrl: REPLICAS_PUBLIC_URL })))
      : [await startHumanline(setup === 'redis' ? { redisUrl: redis.url } : {})];
  const target: Omit<Target, 'agent'> =
    replicas.length > 1
      ? { baseUrl: replicas[0]!.baseUrl, authToken: AUTH_TOKEN, publicBaseUrl: REPLICAS_PUBLIC_URL, replicaUrls: replicas.map((replica) => replica.baseUrl) }
      : { baseUrl: replicas[0]!.baseUrl, authToken: AUTH_TOKEN };
  return {
    target,
    entry: '/twilio/voice/bank',
    script: BANK_SCRIPT,
    async stop() {
      await Promise.all(replicas.map((replica) => stop(replica.child)));
      for (const replica of replicas) rmSync(replica.dataDir, { recursive: true, force: true });
    },
  };
}

const SETUPS = ['floor', 'sqlite', 'redis', 'redis-2'] as const;

/**
 * Every setup runs at once (an idle one costs next to nothing) and the
 * measurements take turns, each round in the opposite order: a neighbour that
 * loads this shared machine for a while slows every setup alike, instead of
 * whichever one was measured then, and the ratios stay comparable.
 */
export async function benchRuntime(options = { saturateSeconds: 5, pacedSeconds: 12, rounds: 3, concurrencies: [4, 16, 64], calls: 200 }): Promise<void> {
  buildCliWhenStale();
  const cores = availableParallelism();
  console.log(`\nruntime: humanline serve (bank flow, whole calls) on SQLite, on Redis, and as two replicas on one Redis, against a bare Express handler with fixed TwiML; ${cores} cores, shared by every process here`);
  const redis = await TestRedisServer.start();
  const started: Array<{ setup: Setup; server: Awaited<ReturnType<typeof startSetup>>; target: Target; rps: number; latencies: number[] }> = [];
  const mixed: Array<{ setup: Setup } & Awaited<ReturnType<typeof mixedCallers>>> = [];
  try {
    for (const setup of SETUPS) {
      const server = await startSetup(setup, redis);
      started.push({ setup, server, target: { ...server.target, agent: new http.Agent({ keepAlive: true, maxSockets: 512 }) }, rps: 0, latencies: [] });
    }
    const inTurn = (round: number) => (round % 2 === 0 ? started : [...started].reverse());
    for (const one of started) await saturate(one.target, one.server.entry, one.server.script, 8, 1); // warm-up, not measured
    // Saturation: the best of a few concurrencies, as each server peaks at its own.
    for (const [round, concurrency] of options.concurrencies.entries()) {
      for (const one of inTurn(round)) one.rps = Math.max(one.rps, await saturate(one.target, one.server.entry, one.server.script, concurrency, options.saturateSeconds));
    }
    for (let round = 0; round < options.rounds; round++) {
      for (const one of inTurn(round)) one.latencies.push(...(await paced(one.target, one.server.entry, one.server.script, options.calls, options.pacedSeconds / options.rounds)));
    }
    const guide = createFlowGuide(MIXED_FLOW, JSON.parse(readFileSync(path.join(REPO, 'flows', `${MIXED_FLOW}.json`), 'utf8')) as Flow);
    for (const one of started.filter(({ setup }) => setup === 'sqlite' || setup === 'redis')) {
      mixed.push({ setup: one.setup, ...(await mixedCallers(one.target, guide, 16, options.saturateSeconds)) });
    }
  } finally {
    for (const one of started) {
      one.target.agent.destroy();
      await one.server.stop();
    }
    await redis.stop();
  }
  const results = {} as Record<Setup, Measured>;
  for (const { setup, rps, latencies } of started) {
    const sorted = latencies.sort((a, b) => a - b);
    results[setup] = { rps, p50: percentile(sorted, 50), p99: percentile(sorted, 99), requests: sorted.length };
  }
  const row = (setup: Setup) => {
    const r = results[setup];
    return `  ${SETUP_NAMES[setup].padEnd(11)} ${r.rps.toFixed(0).padStart(8)} req/s ${r.p50.toFixed(2).padStart(8)} ms ${r.p99.toFixed(2).padStart(8)} ms ${String(r.requests).padStart(8)}`;
  };
  console.log(
    `  ${''.padEnd(11)} ${'saturated'.padStart(14)} ${'p50'.padStart(11)} ${'p99'.padStart(11)} ${'webhooks'.padStart(8)}  (paced: ${options.calls} calls, 1 webhook/s each; setups measured in turn, ${options.rounds} rounds)`,
  );
  for (const setup of SETUPS) console.log(row(setup));
  const { floor, sqlite, redis: onRedis } = results;
  const twoReplicas = results['redis-2'];
  console.log(`  SQLite: throughput ${(sqlite.rps / floor.rps).toFixed(2)}x the floor's (goal >= 0.50x); p99 ${(sqlite.p99 / floor.p99).toFixed(2)}x the floor's (goal <= 2.00x)`);
  console.log(`  Redis: throughput ${(onRedis.rps / sqlite.rps).toFixed(2)}x SQLite's (goal >= 0.70x); p99 ${(onRedis.p99 / floor.p99).toFixed(2)}x the floor's (goal <= 2.00x)`);
  for (const { setup, rps, latencies, outcomes, failed } of mixed) {
    const calls = [...outcomes.entries()].map(([outcome, count]) => `${outcome} ${count}`).join(', ');
    console.log(
      `  mixed callers (${MIXED_FLOW}, every persona of humanline simulate) on ${SETUP_NAMES[setup]}: ${rps.toFixed(0)} req/s saturated, p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms; calls: ${calls}; failed webhooks ${failed}`,
    );
  }
  console.log(`  two replicas on Redis: throughput ${(twoReplicas.rps / onRedis.rps).toFixed(2)}x one replica's, p99 ${(twoReplicas.p99 / floor.p99).toFixed(2)}x the floor's, on ${cores} cores shared with the load generator and Redis`);
}
