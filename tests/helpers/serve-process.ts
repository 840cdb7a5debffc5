import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// `humanline serve` as its own process (the built CLI), for tests that kill a
// replica for real. Its address comes from the line serve prints on stderr.

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVING_LINE = /humanline: serving .* on (http:\/\/127\.0\.0\.1:\d+)/;
/** The log kept in memory: its last characters (a soak's replica logs for minutes). */
const LOG_KEPT_CHARS = 4_000_000;

export interface ServeOptions {
  /** 0: a free port; a fixed one to restart a replica where its balancer expects it */
  port?: number;
  /** `--flows`; by default the flows folder of the environment (or ./flows) */
  flowsDir?: string;
}

export class ServeProcess {
  private constructor(
    private readonly child: ChildProcess,
    /** e.g. http://127.0.0.1:40123 */
    readonly url: string,
    private readonly output: () => string,
  ) {}

  /** Starts serve on loopback (a free port unless `options.port`) with exactly `env` (plus PATH), and resolves once it listens. */
  static start(env: Record<string, string>, timeoutMs = 15_000, options: ServeOptions = {}): Promise<ServeProcess> {
    const flows = options.flowsDir === undefined ? [] : ['--flows', options.flowsDir];
    const child = spawn(process.execPath, ['bin/humanline.js', 'serve', '--port', String(options.port ?? 0), '--host', '127.0.0.1', ...flows], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const append = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > LOG_KEPT_CHARS) output = output.slice(-LOG_KEPT_CHARS / 2);
    };
    child.stdout?.on('data', append);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`serve did not start within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      let listening = false;
      child.stderr?.on('data', (chunk: Buffer) => {
        append(chunk);
        // once listening, the log only grows: no need to search it again
        if (listening) return;
        const match = SERVING_LINE.exec(output);
        if (match === null) return;
        listening = true;
        clearTimeout(timer);
        resolve(new ServeProcess(child, match[1]!, () => output));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${code} before listening:\n${output}`));
      });
    });
  }

  /** the process id, for its memory in /proc */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** whether the process has ended (killed or by itself) */
  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  get log(): string {
    return this.output();
  }

  /** Resolves with the first match of `pattern` in what serve printed, waiting for it up to `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpExecArray> {
    for (const end = Date.now() + timeoutMs; ; ) {
      const match = pattern.exec(this.output());
      if (match !== null) return match;
      if (Date.now() > end || this.exited) throw new Error(`serve never printed ${pattern}:\n${this.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Sends `signal` and resolves once the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}
