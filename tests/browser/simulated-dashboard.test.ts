import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CALL_OUTCOMES, type CallOutcome } from '../../core/designer-api/types.ts';
import { runCli } from '../cli/helpers.ts';
import { createFlowsDir, createTempDir, removeTempDirs, TestRuntime } from '../runtime/helpers.ts';
import { buildDesigner, launchChromium, REPO, SCREENSHOTS, watchPageErrors } from './harness.ts';

// The README's one command to fill the dashboard, then the dashboard itself:
// `humanline simulate bank --calls 500` writes into the store serve reads, and
// the designer's tiles show what that store holds, counted here with SQL of
// our own rather than through the API the dashboard reads.

const ADMIN_TOKEN = 'simulated-admin-token-0123456789';
const CALLS = 500;

let runtime: TestRuntime;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  await buildDesigner();
  dataDir = createTempDir('simulated-data');
  const flowsDir = createFlowsDir();
  const run = await runCli(['simulate', 'bank', '--calls', String(CALLS), '--seed', '20261130', '--days', '7', '--flows', flowsDir], {
    cwd: dataDir,
    env: { HUMANLINE_DATA_DIR: dataDir, HUMANLINE_FALLBACK_NUMBER: '+12125550100' },
  });
  expect(run.code, run.stderr).toBe(0);
  runtime = await new TestRuntime({ flowsDir, dataDir, now: () => new Date(), env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN }, designerDir: path.join(REPO, 'designer/dist') }).start();
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  removeTempDirs();
});

/** The bank calls of the last 30 days by outcome, read from the store's own tables. */
function countStoredOutcomes(): Record<CallOutcome, number> {
  const db = new Database(path.join(dataDir, 'humanline.sqlite'), { readonly: true });
  try {
    const since = Date.now() - 30 * 24 * 3600_000;
    const rows = db.prepare("SELECT outcome, count(*) AS n FROM call_summaries WHERE flow_id = 'bank' AND started_ms >= ? GROUP BY outcome").all(since) as Array<{ outcome: CallOutcome; n: number }>;
    const counts = Object.fromEntries(CALL_OUTCOMES.map((outcome) => [outcome, 0])) as Record<CallOutcome, number>;
    for (const row of rows) counts[row.outcome] = row.n;
    return counts;
  } finally {
    db.close();
  }
}

test(`after humanline simulate of ${CALLS} calls, the dashboard's counts equal the store's`, { timeout: 90_000 }, async () => {
  // the runtime in the command wrote them: a restart of serve reads them all
  const stored = countStoredOutcomes();
  const total = Object.values(stored).reduce((sum, count) => sum + count, 0);
  expect(total).toBe(CALLS);
  expect(stored.inProgress).toBe(0);
  // a mix worth a dashboard: people reached, callers lost, follow-ups
  expect(stored.person).toBeGreaterThan(50);
  expect(stored.hungUp).toBeGreaterThan(10);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Europe/Madrid' });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(`${runtime.server.url}/?token=${ADMIN_TOKEN}`);
  await page.goto(`${runtime.server.url}/#flow=bank`);
  await page.locator('.react-flow__node').first().waitFor();
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  const tile = (id: string) => page.getByTestId(`tile-${id}`).locator('.hl-tile-value').textContent();
  await expect.poll(() => tile('calls'), { timeout: 15_000 }).toBe(String(CALLS));
  expect(await tile('person')).toBe(String(stored.person));
  expect(await tile('followUp')).toBe(String(stored.followUp));
  expect(await tile('neither')).toBe(String(stored.callerChoice + stored.hungUp + stored.fallback));
  for (const outcome of ['person', 'followUp', 'callerChoice', 'hungUp', 'fallback'] as const) {
    expect(await page.getByTestId(`outcome-${outcome}`).textContent(), outcome).toBe(String(stored[outcome]));
  }
  await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png') });

  // the same calls as heat on the canvas
  await page.getByRole('tab', { name: 'Design' }).click();
  await page.getByLabel('Call figures').check();
  await page.locator('.react-flow__node').first().waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'analytics-overlay.png') });
  expect(errors).toEqual([]);
  await context.close();
});
