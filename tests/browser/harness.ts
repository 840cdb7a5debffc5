import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
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

/**
 * A new browser context on a runtime's designer, signed in with the admin `token` and `flowId` open:
 * the page and the errors it reports. The caller closes the context.
 */
export async function openFlowAsAdmin(browser: Browser, baseUrl: string, token: string, flowId: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`${baseUrl}/?token=${token}`);
  await page.goto(`${baseUrl}/#flow=${flowId}`);
  await page.locator('.react-flow__node').first().waitFor();
  return { context, page, errors };
}

export interface ServedDesigner {
  /** the running `humanline serve` (after the file's beforeAll) */
  readonly served: Served;
  /** a page in a fresh browser context (cookies, storage); the previous one is closed */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** a logged-in page with the bank flow (or `#flow=<id>`) on screen at 1440x900; page errors are collected */
  openDesigner(hash?: string): Promise<{ page: Page; errors: string[] }>;
}

/** One `humanline serve` (with `extraFlows` beside the shipped ones) and one Chromium for a test file, a fresh browser context per page; all stopped after the file. */
export function useServedDesigner(extraFlows: Record<string, unknown> = {}): ServedDesigner {
  let served: Served | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    await buildDesigner();
    [served, browser] = await Promise.all([startServe(extraFlows), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.stop();
  });
  const newPage = async (options: BrowserContextOptions = {}) => {
    await context?.close();
    context = await browser!.newContext(options);
    return context.newPage();
  };
  return {
    get served() {
      return served!;
    },
    newPage,
    async openDesigner(hash = '') {
      const page = await newPage({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
      const errors = watchPageErrors(page);
      // One navigation: the login's redirect keeps the hash, so the flow asked for is the first one opened,
      // with no race between a second, hash-only goto and the default flow.
      await page.goto(`${served!.loginUrl}${hash}`);
      // The designer shows its one-node starter flow until the flow asked for is open: a test that
      // clicked before then clicked the starter's "greeting", and lost the selection when the flow came.
      const flowId = /(?:^#|&)flow=([^&]+)/.exec(hash)?.[1] ?? 'bank';
      await page.locator('.hl-flow-id', { hasText: new RegExp(`^${flowId}\\.json`) }).waitFor();
      await page.getByTestId('verdict').waitFor();
      await page.locator('.react-flow__node').first().waitFor();
      return { page, errors };
    },
  };
}

/** Selects an edge by clicking its line where it first shows on top, just past the exit it leaves (edges carry no label to click). */
export async function clickEdge(page: Page, source: string, exitId: string): Promise<void> {
  const spot = await page
    .locator(`.react-flow__edge[data-id="${source}:${exitId}"] path.react-flow__edge-path`)
    .evaluate((line: SVGPathElement) => {
      const toScreen = line.getScreenCTM()!;
      for (let length = 0; length < line.getTotalLength(); length += 2) {
        const point = new DOMPoint(line.getPointAtLength(length).x, line.getPointAtLength(length).y).matrixTransform(toScreen);
        if (document.elementFromPoint(point.x, point.y)?.closest('.react-flow__edge') === line.closest('.react-flow__edge')) return { x: point.x, y: point.y };
      }
      return null;
    });
  if (spot === null) throw new Error(`the edge ${source}:${exitId} is nowhere on top`);
  await page.mouse.click(spot.x, spot.y);
}

/**
 * Clicks empty canvas, which clears the selection. The pane holds the nodes and edges, and React Flow
 * takes a click as the pane's only when it lands on the pane itself: its centre may be under a card or
 * a line, wherever fit put them, so the click goes where nothing else is on top.
 */
export async function clickEmptyCanvas(page: Page): Promise<void> {
  const spot = await page.locator('.hl-canvas .react-flow__pane').evaluate((pane: HTMLElement) => {
    const box = pane.getBoundingClientRect();
    for (let y = box.top + 8; y < box.bottom; y += 16) {
      for (let x = box.left + 8; x < box.right; x += 16) {
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return null;
  });
  if (spot === null) throw new Error('the canvas has no empty spot to click');
  await page.mouse.click(spot.x, spot.y);
}

/** Publishes the open flow through the Publish dialog with `note`, and waits for the notice that it went live. */
export async function publishWithNote(page: Page, flowId: string, note: string): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Publish note').fill(note);
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect.poll(() => page.getByTestId('notice').textContent()).toContain(`Published ${flowId}`);
}
