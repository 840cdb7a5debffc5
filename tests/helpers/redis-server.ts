import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A real redis-server for the tests: on a free loopback port, its own temporary
// folder, no persistence unless asked (the soak's Redis keeps an append-only file
// synced on every write). `stop` and `start` again on the same port and folder
// stand in for a Redis that goes away and comes back.

/** A port nobody listens on right now (the kernel picks it). */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface TestRedisOptions {
  /** keep every acknowledged write across a restart: append-only file, fsync on every write */
  persistent?: boolean;
}

export class TestRedisServer {
  private process: ChildProcess | undefined;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'humanline-redis-'));

  private constructor(
    readonly port: number,
    private readonly options: TestRedisOptions,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** the running redis-server's process id; undefined while stopped */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  static async start(options: TestRedisOptions = {}): Promise<TestRedisServer> {
    const server = new TestRedisServer(await getFreePort(), options);
    await server.start();
    return server;
  }

  /** Starts redis-server on this server's port and resolves once it accepts connections. */
  async start(): Promise<void> {
    const persistence = this.options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', this.dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.process = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await isListening(this.port))) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${this.port} within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Kills redis-server (no shutdown save) and resolves once it is gone. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
