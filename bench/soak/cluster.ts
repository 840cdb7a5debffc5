import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestRedisServer, getFreePort } from '../../tests/helpers/redis-server.ts';
import { ServeProcess } from '../../tests/helpers/serve-process.ts';

// Three `humanline serve` replicas and one Redis on loopback, as an operator runs
// them behind a load balancer: each replica its own data folder, all one Redis,
// one flows folder, one PUBLIC_BASE_URL. Replicas and Redis can be killed and
// started again where the balancer expects them (same port, same data).

export const AUTH_TOKEN = 'soak-auth-token-0123456789abcdef';
/** The designer API's token: the soak publishes through it, as a CX designer would. */
export const ADMIN_TOKEN = 'soak-admin-token-0123456789';
/** Only signed against: the soak connects to the replicas' loopback ports. */
export const PUBLIC_BASE_URL = 'https://ivr.example.test';
const START_TIMEOUT_MS = 60_000;

export interface Replica {
  index: number;
  port: number;
  dataDir: string;
  /** undefined while killed */
  process: ServeProcess | undefined;
  /** process ids it ran as, first to last (a restart is a new process) */
  pids: number[];
}

/** The resident memory of a process in kB, from /proc; undefined when it is gone or /proc is not there. */
export function getRssKb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

export class SoakCluster {
  private constructor(
    readonly redis: TestRedisServer,
    readonly replicas: Replica[],
    private readonly flowsDir: string,
  ) {}

  static async start(flowsDir: string, replicaCount: number): Promise<SoakCluster> {
    const redis = await TestRedisServer.start({ persistent: true });
    const replicas: Replica[] = [];
    for (let index = 0; index < replicaCount; index++) {
      replicas.push({ index, port: await getFreePort(), dataDir: mkdtempSync(path.join(tmpdir(), 'humanline-soak-data-')), process: undefined, pids: [] });
    }
    const cluster = new SoakCluster(redis, replicas, flowsDir);
    // one after another: three cold starts at once on a loaded machine can pass the start timeout
    for (const replica of replicas) await cluster.startReplica(replica);
    return cluster;
  }

  private env(replica: Replica): Record<string, string> {
    return {
      HUMANLINE_REDIS_URL: this.redis.url,
      HUMANLINE_DATA_DIR: replica.dataDir,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      PUBLIC_BASE_URL,
      HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN,
      // a line per webhook from three replicas for minutes is the soak's memory, not the figures
      LOG_LEVEL: 'warn',
    };
  }

  async startReplica(replica: Replica): Promise<void> {
    const child = await ServeProcess.start(this.env(replica), START_TIMEOUT_MS, { port: replica.port, flowsDir: this.flowsDir });
    replica.process = child;
    if (child.pid !== undefined) replica.pids.push(child.pid);
  }

  async killReplica(replica: Replica): Promise<void> {
    const child = replica.process;
    replica.process = undefined;
    await child?.kill('SIGKILL');
  }

  /** Replicas that exited although nobody killed them. */
  getCrashedReplicas(): Replica[] {
    return this.replicas.filter((replica) => replica.process?.exited === true);
  }

  async stop(): Promise<void> {
    for (const replica of this.replicas) {
      await this.killReplica(replica);
      rmSync(replica.dataDir, { recursive: true, force: true });
    }
    await this.redis.remove();
  }
}
