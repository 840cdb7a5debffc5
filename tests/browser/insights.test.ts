import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FlowAnalytics } from '../../core/designer-api/types.ts';
import { createFlowsDir, removeTempDirs, TestCall, TestRuntime } from '../runtime/helpers.ts';
import { buildDesigner, launchChromium, openFlowAsAdmin, REPO, SCREENSHOTS } from './harness.ts';

// What real callers lived through, in a real browser: calls placed through
// the runtime's real, signed webhooks are listed, opened on the canvas with
// their path, replayed in the simulator to the same end, counted on the
// dashboard as the store counts them, and lost callers show as heat on the
// node that loses them. Needs the calls and analytics API (runtime/designer-api).

const ADMIN_TOKEN = 'insights-admin-token-0123456789';
/** One hour ago: inside the dashboard's default last 30 days, whatever today is. */
let clock = Date.now() - 3600_000;
const tick = (seconds: number) => {
  clock += seconds * 1000;
};

let runtime: TestRuntime;
let browser: Browser;
let context: BrowserContext | undefined;
let personCall: TestCall;

async function endCall(call: TestCall): Promise<void> {
  tick(2);
  const answer = await runtime.post('/twilio/status', { CallSid: call.callSid, CallStatus: 'completed' });
  if (answer.status !== 200) throw new Error(`status callback answered ${answer.status}: ${answer.text}`);
}

/** Cards, lost card, the fraud line busy, the queue answers after a wait, a survey of 4 when offered. */
async function callToPerson(): Promise<TestCall> {
  const call = new TestCall(runtime, '+34612345601');
  await call.start('bank');
  tick(6);
  await call.press('2');
  tick(5);
  await call.say('lost card');
  tick(20);
  await call.dialEnds('busy');
  tick(90);
  await call.queueEnds('bridged');
  if (call.lastText.includes('<Gather')) {
    tick(8);
    await call.press('4');
  }
  await endCall(call);
  return call;
}

/** Into the cards menu, then the caller gives up there. */
async function callLostInCards(): Promise<void> {
  const call = new TestCall(runtime, '+34612345602');
  await call.start('bank');
  tick(6);
  await call.press('2');
  tick(12);
  await endCall(call);
}

async function callLostInMainMenu(): Promise<void> {
  const call = new TestCall(runtime, '+34612345603');
  await call.start('bank');
  tick(4);
  await endCall(call);
}

const PERSON_CALLS = 2;
const LOST_IN_CARDS = 4;
const LOST_IN_MAIN = 1;
const ALL_CALLS = PERSON_CALLS + LOST_IN_CARDS + LOST_IN_MAIN;

beforeAll(async () => {
  await buildDesigner();
  runtime = await new TestRuntime({
    flowsDir: createFlowsDir(),
    now: () => new Date(clock),
    env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN },
    designerDir: path.join(REPO, 'designer/dist'),
  }).start();
  personCall = await callToPerson();
  for (let i = 1; i < PERSON_CALLS; i++) await callToPerson();
  for (let i = 0; i < LOST_IN_CARDS; i++) await callLostInCards();
  for (let i = 0; i < LOST_IN_MAIN; i++) await callLostInMainMenu();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await runtime?.stop();
  removeTempDirs();
});

/** The figures the API answers a script holding the admin token, for the dashboard's default range. */
async function getStoredAnalytics(): Promise<FlowAnalytics> {
  const response = await fetch(`${runtime.server.url}/api/flows/bank/analytics`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as FlowAnalytics;
}

async function openDesigner(): Promise<{ page: Page; errors: string[] }> {
  await context?.close();
  const opened = await openFlowAsAdmin(browser, runtime.server.url, ADMIN_TOKEN, 'bank');
  context = opened.context;
  return opened;
}

const tileValue = (page: Page, id: string) => page.getByTestId(`tile-${id}`).locator('.hl-tile-value').textContent();

describe('calls and analytics in the designer (needs the calls and analytics API)', { timeout: 60_000 }, () => {
  test('the dashboard counts the calls the store holds, by outcome, with time to a person and the target', async () => {
    const { page, errors } = await openDesigner();
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByTestId('tile-calls').waitFor();
    const stored = await getStoredAnalytics();
    expect(stored.calls).toBe(ALL_CALLS);
    await expect.poll(() => tileValue(page, 'calls')).toBe(String(stored.calls));
    expect(await tileValue(page, 'person')).toBe(String(stored.outcomes.person));
    expect(stored.outcomes.person).toBe(PERSON_CALLS);
    expect(await tileValue(page, 'followUp')).toBe(String(stored.outcomes.followUp));
    expect(await tileValue(page, 'neither')).toBe(String(stored.outcomes.callerChoice + stored.outcomes.hungUp + stored.outcomes.fallback));
    expect(await tileValue(page, 'abandonedMenu')).toBe(String(stored.abandonment.inMenu));
    expect(await page.getByTestId('outcome-hungUp').textContent()).toBe(String(stored.outcomes.hungUp));
    expect(await page.getByTestId('time-to-person').textContent()).toContain('within 3 min 00 s');
    // a target of two minutes goes to the API and comes back on the chart's note
    await page.getByLabel('Target seconds').fill('120');
    await expect.poll(() => page.getByTestId('time-to-person').textContent()).toContain('within 2 min 00 s');
    expect(await page.locator('.hl-chart canvas').count()).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });

  test('a call opened from the list lights its path on the canvas and replays in the simulator to the same outcome', async () => {
    const { page, errors } = await openDesigner();
    await page.getByRole('tab', { name: 'Calls' }).click();
    await expect.poll(() => page.getByTestId('calls-count').textContent()).toBe(`${ALL_CALLS} of ${ALL_CALLS} calls`);
    const row = page.getByTestId(`call-${personCall.callSid}`);
    // the caller's number as the API gives it: masked, never the number dialled in
    expect(await row.textContent()).not.toContain('612345601');
    expect(await row.textContent()).toContain('Reached a person');
    // only the hung-up calls when filtered
    await page.getByLabel('Outcome').selectOption('hungUp');
    await expect.poll(() => page.getByTestId('calls-count').textContent()).toBe(`${LOST_IN_CARDS + LOST_IN_MAIN} of ${LOST_IN_CARDS + LOST_IN_MAIN} calls`);
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe('/api/flows/bank/calls.csv?outcome=hungUp');
    await page.getByLabel('Outcome').selectOption('');
    // whole numbers only where the operator allows them: this runtime does not, and says how
    await page.getByLabel('Whole numbers').check();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('HUMANLINE_SHOW_CALLER_NUMBERS=true');
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe('/api/flows/bank/calls.csv?numbers=shown');
    await page.getByLabel('Whole numbers').uncheck();
    await expect.poll(() => page.getByTestId('calls-count').textContent()).toBe(`${ALL_CALLS} of ${ALL_CALLS} calls`);
    await row.click();
    const canvas = page.getByTestId('call-canvas');
    await canvas.locator('.react-flow__node').first().waitFor();
    for (const nodeId of ['main_menu', 'cards_menu', 'fraud_transfer', 'fraud_queue']) {
      await expect.poll(() => canvas.locator(`.react-flow__node[data-id="${nodeId}"] .hl-node`).getAttribute('class')).toContain('on-call-path');
    }
    expect(await canvas.locator('.react-flow__node[data-id="balance_account"] .hl-node').getAttribute('class')).not.toContain('on-call-path');
    expect(await canvas.locator('.react-flow__edge.on-call-path').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('call-transcript').textContent()).toContain('Said "lost card" at cards_menu');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'call-path.png') });
    await page.getByRole('button', { name: 'Replay in simulator' }).click();
    await page.getByTestId('call-replay').getByRole('button', { name: 'Play all' }).click();
    await expect.poll(() => page.getByTestId('call-replay-progress').textContent()).toBe('Same outcome as the recorded call: Reached a person.');
    // the browser reports the refused whole numbers as a failed load; nothing else may fail
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 403 (Forbidden)']);
  });

  test('the overlay shows the node that loses callers in the hottest colour, and edges by their share', async () => {
    const { page, errors } = await openDesigner();
    await page.getByLabel('Call figures').check();
    const cards = page.getByTestId('dropoff-cards_menu');
    await cards.waitFor();
    const stored = await getStoredAnalytics();
    const cardsFigures = stored.nodes.cards_menu!;
    expect(cardsFigures.dropOffs).toBe(LOST_IN_CARDS);
    expect(await cards.textContent()).toBe(`${Math.round((cardsFigures.dropOffs / cardsFigures.visits) * 100)}% hung up`);
    // the node that loses callers is red; the main menu, which lost one of seven, is not
    expect(await cards.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(182, 32, 32)');
    expect(await page.getByTestId('dropoff-main_menu').evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe('rgb(182, 32, 32)');
    const toCards = page.locator('.react-flow__edge[data-id="main_menu:options.1.next"] path.react-flow__edge-path');
    const toBalance = page.locator('.react-flow__edge[data-id="main_menu:options.0.next"] path.react-flow__edge-path');
    const width = (locator: typeof toCards) => locator.evaluate((element) => Number.parseFloat(getComputedStyle(element).strokeWidth));
    expect(await width(toCards)).toBeGreaterThan(await width(toBalance));
    // off again: no figures left on the canvas
    await page.getByLabel('Call figures').uncheck();
    await expect.poll(() => page.locator('.hl-node-figures').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
