import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';

// The browser tests drive Debian's Chromium against a real `humanline serve`
// on loopback, started as a user would start it, with the designer built by Vite.

export const REPO = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO, 'docs/screenshots');

/** Flags the machine needs: no sandbox as root, and no background connections to a closed network. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds the designer into designer/dist, as `npm start` does, so the tests see the current source. */
export async function buildDesigner(): Promise<void> {
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(REPO, 'designer/vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export interface Served {
  /** http://127.0.0.1:<port> */
  url: string;
  /** the login URL serve printed: `<url>/?token=...` */
  loginUrl: string;
  flowsDir: string;
  dataDir: string;
  stderr: string[];
  stop(): Promise<void>;
}

/** `humanline serve` on a free loopback port, with a copy of the shipped flows (plus `extraFlows`, by id) and a fresh data folder. */
export async function startServe(extraFlows: Record<string, unknown> = {}): Promise<Served> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'humanline-browser-'));
  const flowsDir = path.join(root, 'flows');
  const dataDir = path.join(root, 'data');
  cpSync(path.join(REPO, 'flows'), flowsDir, { recursive: true });
  for (const [id, flow] of Object.entries(extraFlows)) writeFileSync(path.join(flowsDir, `${id}.json`), `${JSON.stringify(flow, null, 2)}\n`);
  const env: NodeJS.ProcessEnv = { ...process.env, HUMANLINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  for (const name of ['TWILIO_AUTH_TOKEN', 'HUMANLINE_ADMIN_TOKEN', 'PUBLIC_BASE_URL', 'HUMANLINE_FLOWS', 'PORT', 'HOST']) delete env[name];
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO, 'bin/humanline.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--flows', flowsDir], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  const loginUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`humanline serve printed no designer URL in 15 s:\n${stderr.join('')}`)), 15_000);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr.push(chunk);
      const match = /designer at (\S+)/.exec(stderr.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`humanline serve exited with ${code}:\n${stderr.join('')}`)));
  });
  return {
    url: new URL(loginUrl).origin,
    loginUrl,
    flowsDir,
    dataDir,
    stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no ${CHROMIUM}: the browser tests need Debian's chromium package (apt-get install chromium); .ci/run installs it`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Collects what the page threw, so a test can assert the designer ran without errors. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}
