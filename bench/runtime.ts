import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { walkCall, type Target } from './call-walker.ts';

/**
 * `humanline serve` walking whole calls of the bank example, against a bare
 * Express handler that returns a fixed TwiML document (the floor), both in
 * their own process on loopback, with the embedded store on. Goals (issue 3):
 * saturated throughput at least half the floor's, and p99 latency within 2x
 * the floor's at a paced load of 200 concurrent calls each sending a webhook
 * every second.
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

async function startHumanline(dataDir: string): Promise<{ baseUrl: string; child: ChildProcess }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['bin/humanline.js', 'serve', '--port', String(port), '--flows', 'flows'], {
    cwd: REPO,
    env: { ...process.env, TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL: baseUrl, HUMANLINE_DATA_DIR: dataDir, HUMANLINE_FALLBACK_NUMBER: '+34910000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(`${baseUrl}/healthz`, child);
  return { baseUrl, child };
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

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function benchRuntime(options = { saturateSeconds: 5, pacedSeconds: 12, concurrencies: [4, 16, 64], calls: 200 }): Promise<void> {
  console.log('\nruntime: humanline serve (bank flow, whole calls, embedded store) against a bare Express handler with fixed TwiML');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'humanline-bench-'));
  const results: Record<'floor' | 'humanline', { rps: number; p50: number; p99: number; requests: number }> = {} as never;
  try {
    for (const name of ['floor', 'humanline'] as const) {
      const server = name === 'floor' ? await startFloor() : await startHumanline(dataDir);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
      const target: Target = { baseUrl: server.baseUrl, authToken: AUTH_TOKEN, agent };
      const entry = name === 'floor' ? '/floor/voice' : '/twilio/voice/bank';
      const script = name === 'floor' ? FLOOR_SCRIPT : BANK_SCRIPT;
      try {
        await saturate(target, entry, script, 8, 1); // warm-up
        // Saturation: the best of a few concurrencies, as each server peaks at its own.
        let rps = 0;
        for (const concurrency of options.concurrencies) rps = Math.max(rps, await saturate(target, entry, script, concurrency, options.saturateSeconds));
        const latencies = await paced(target, entry, script, options.calls, options.pacedSeconds);
        results[name] = { rps, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: latencies.length };
      } finally {
        agent.destroy();
        await stop(server.child);
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const { floor, humanline } = results;
  const row = (name: string, r: (typeof results)['floor']) =>
    `  ${name.padEnd(10)} ${r.rps.toFixed(0).padStart(8)} req/s ${r.p50.toFixed(2).padStart(8)} ms ${r.p99.toFixed(2).padStart(8)} ms ${String(r.requests).padStart(8)}`;
  console.log(`  ${''.padEnd(10)} ${'saturated'.padStart(14)} ${'p50'.padStart(11)} ${'p99'.padStart(11)} ${'webhooks'.padStart(8)}  (paced: ${options.calls} calls, 1 webhook/s each)`);
  console.log(row('floor', floor));
  console.log(row('humanline', humanline));
  const throughput = humanline.rps / floor.rps;
  const p99 = humanline.p99 / floor.p99;
  console.log(`  throughput ${throughput.toFixed(2)}x the floor's (goal >= 0.50x); p99 ${p99.toFixed(2)}x the floor's at the same load (goal <= 2.00x)`);
}
