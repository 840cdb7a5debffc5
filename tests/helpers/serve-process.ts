import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// `humanline serve` as its own process (the built CLI), for tests that kill a
// replica for real. Its address comes from the line serve prints on stderr.

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVING_LINE = /humanline: serving .* on (http:\/\/127\.0\.0\.1:\d+)/;

export class ServeProcess {
  private constructor(
    private readonly child: ChildProcess,
    /** e.g. http://127.0.0.1:40123 */
    readonly url: string,
    private readonly output: () => string,
  ) {}

  /** Starts serve on a free loopback port with exactly `env` (plus PATH), and resolves once it listens. */
  static start(env: Record<string, string>, timeoutMs = 15_000): Promise<ServeProcess> {
    const child = spawn(process.execPath, ['bin/humanline.js', 'serve', '--port', '0', '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`serve did not start within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = SERVING_LINE.exec(output);
        if (match === null) return;
        clearTimeout(timer);
        resolve(new ServeProcess(child, match[1]!, () => output));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${code} before listening:\n${output}`));
      });
    });
  }

  get log(): string {
    return this.output();
  }

  /** Sends `signal` and resolves once the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}
