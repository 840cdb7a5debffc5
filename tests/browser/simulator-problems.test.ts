import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { REPO, clickEdge, useServedDesigner, watchPageErrors } from './harness.ts';

// The notices, the problems panel and the simulator as a designer meets them:
// a refused publish and an import say it in one line and list the findings in
// the problems panel; findings lead with the exit to connect; the simulated
// clock is the flow's, whatever zone the browser is in; the transcript keeps
// the order the caller lived.

const designer = useServedDesigner();
const { openDesigner } = designer;
const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-simprob-'));

const problems = (page: Page) => page.getByTestId('problems');
const transcriptLines = (page: Page) => page.getByTestId('sim-transcript').locator('li').allTextContents();

/** Deletes the edge that leaves `source` by `exitId`, clicked on its line as a designer does. */
async function deleteEdge(page: Page, source: string, exitId: string): Promise<void> {
  await clickEdge(page, source, exitId);
  await page.keyboard.press('Delete');
}

/** The clinic (hours in Europe/Dublin) opened in a browser whose clock is New York's. */
async function openClinicInNewYork(): Promise<{ page: Page; errors: string[] }> {
  const page = await designer.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: 'America/New_York' });
  page.setDefaultTimeout(10_000);
  const errors = watchPageErrors(page);
  await page.goto(designer.served.loginUrl);
  await page.goto(`${designer.served.url}/#flow=clinic`);
  await page.getByTestId('verdict').waitFor();
  await page.locator('.react-flow__node[data-id="clinic_hours"]').waitFor();
  await page.getByRole('tab', { name: 'Simulator' }).click();
  return { page, errors };
}

/** Starts a simulated call at `clock` (a datetime-local value) and returns the transcript once the call waits. */
async function callAt(page: Page, clock: string): Promise<string[]> {
  const simulator = page.getByTestId('simulator');
  const reset = simulator.getByRole('button', { name: 'Reset' });
  if (await reset.isEnabled()) await reset.click();
  await simulator.getByLabel('Time').fill(clock);
  await simulator.getByRole('button', { name: 'Start call', exact: true }).click();
  await expect.poll(async () => (await transcriptLines(page)).join('\n')).toMatch(/Clinic open\? → (open|closed)/);
  return transcriptLines(page);
}

describe('notices, problems and the simulator', () => {
  test('one missing edge: the problems panel and the verdict lead with the exit to connect, errors first', async () => {
    // first in the file: the refused publish below leaves a draft of the bank with its edits
    const { page, errors } = await openDesigner();
    await deleteEdge(page, 'agent_queue', 'on.full');
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('first: dead-end at agent_queue');
    const rows = problems(page).locator('li.hl-problem');
    const first = rows.first();
    expect(await first.getAttribute('data-rule')).toBe('dead-end');
    expect(await first.locator('.hl-problem-node').textContent()).toBe('agent_queue');
    // what the missing edge causes sits under it
    const consequences = await problems(page).locator('li.hl-problem.is-consequence').evaluateAll((items) => items.map((item) => item.getAttribute('data-rule')));
    expect(consequences).toEqual(expect.arrayContaining(['silent-caller', 'failure-branch']));
    // the groups come errors first: no root error after a root warning
    const roots = await problems(page).locator('li.hl-problem.is-root').evaluateAll((items) => items.map((item) => (item.className.includes('is-error') ? 'error' : 'warning')));
    expect(roots).toEqual([...roots].sort());
    await problems(page).screenshot({ path: path.join(SHOTS, 'problems-grouped.png') });
    expect(errors).toEqual([]);
  }, 60_000);

  test('a refused publish says how many errors in one line and opens the problems panel; an import lists its notes there', async () => {
    const { page, errors } = await openDesigner();
    page.setDefaultTimeout(10_000);
    for (const [source, exitId] of [
      ['main_menu', 'options.3.next'],
      ['agent_queue', 'on.full'],
    ] as const) {
      await deleteEdge(page, source, exitId);
    }
    const errorCount = Number(/^(\d+) errors?/.exec((await problems(page).locator('.hl-count.is-error').textContent())!)![1]);
    expect(errorCount).toBeGreaterThanOrEqual(6);
    const canvasBefore = (await page.locator('.hl-canvas').boundingBox())!;
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click();
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.textContent()).toContain('cannot be published');
    expect(await notice.textContent()).toContain(`${errorCount} errors: see Problems`);
    await page.screenshot({ path: path.join(SHOTS, 'publish-refused.png') });
    // one line: the canvas keeps its height
    expect((await notice.boundingBox())!.height).toBeLessThan(40);
    expect((await page.locator('.hl-canvas').boundingBox())!.height).toBeGreaterThan(canvasBefore.height - 40);

    await notice.getByRole('button', { name: 'Show in Problems' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('problems');
    // the columns of the list line up: every message starts at the same x
    const messageLefts = await problems(page).locator('.hl-problem-message').evaluateAll((spans) => spans.map((span) => Math.round(span.getBoundingClientRect().left)));
    expect(new Set(messageLefts).size).toBe(1);

    const exportText = readFileSync(path.join(REPO, 'tests/fixtures/import/studio-ivr.json'), 'utf8');
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'studio-ivr.json', { type: 'application/json' }));
      return transfer;
    }, exportText);
    await page.dispatchEvent('.hl-app', 'drop', { dataTransfer });
    await expect.poll(() => notice.textContent()).toMatch(/Imported studio-ivr\.json as studio-ivr/);
    expect(await notice.textContent()).toMatch(/\d+ notes?: see Problems/);
    expect((await notice.boundingBox())!.height).toBeLessThan(40);
    await notice.getByRole('button', { name: 'Show in Problems' }).click();
    expect(await page.getByTestId('import-notes').locator('li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'import-notes.png') });
    // the refused publish is the server's answer, which Chromium logs as a failed load
    expect(errors.filter((error) => !/Failed to load resource: .* 409 \(Conflict\)/.test(error))).toEqual([]);
  }, 60_000);

  test('the simulated time is the flow zone, labelled, with the browser in New York', async () => {
    const { page, errors } = await openClinicInNewYork();
    // Tuesday 10 March 2026 in Dublin: open 08:30-13:00 and 14:00-18:00
    expect((await callAt(page, '2026-03-10T16:30')).join('\n')).toContain('Clinic open? → open');
    expect(await page.getByTestId('sim-clock-zone').textContent()).toContain('16:30 Europe/Dublin');
    expect((await callAt(page, '2026-03-10T18:30')).join('\n')).toContain('Clinic open? → closed');
    expect((await callAt(page, '2026-03-10T07:00')).join('\n')).toContain('Clinic open? → closed');
    expect(await page.getByTestId('simulator').getByLabel('Time in Europe/Dublin').inputValue()).toBe('2026-03-10T07:00');
    await page.getByTestId('simulator').screenshot({ path: path.join(SHOTS, 'simulator-zone.png') });
    expect(errors).toEqual([]);
  }, 60_000);

  test('the transcript plays the greeting before the hours outcome, and lists the queue announcements', async () => {
    const { page, errors } = await openClinicInNewYork();
    const lines = await callAt(page, '2026-03-10T10:00');
    const greeting = lines.findIndex((line) => line.includes('Thank you for calling Riverside Family Clinic'));
    const hours = lines.findIndex((line) => line.includes('Clinic open? → open'));
    expect(greeting).toBeGreaterThanOrEqual(0);
    expect(greeting).toBeLessThan(hours);
    await page.getByTestId('simulator').getByLabel('key 1').click();
    await expect.poll(async () => (await transcriptLines(page)).join('\n')).toContain('Pressed 1');
    await expect.poll(async () => (await transcriptLines(page)).join('\n')).toContain('place in line and estimated wait');
    await page.getByTestId('simulator').screenshot({ path: path.join(SHOTS, 'simulator-transcript.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
