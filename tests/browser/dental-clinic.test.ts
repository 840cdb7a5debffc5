import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { SCREENSHOTS, useServedDesigner, watchPageErrors, publishWithNote } from './harness.ts';

// A dental clinic's line built as a new CX designer builds it: nodes dragged
// from the palette, exits dragged onto the cards they lead to, everything else
// typed in the inspector; then simulated from a browser in New York against
// the clinic's Amsterdam hours, published with a note, edited, compared and
// rolled back.

const designer = useServedDesigner();
const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-dental-'));

interface Point {
  x: number;
  y: number;
}

const card = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const inspector = (page: Page) => page.getByTestId('inspector');
const getCardIds = (page: Page) => page.locator('.react-flow__node').evaluateAll((cards) => cards.map((each) => each.getAttribute('data-id')!));
const toPattern = (words: string) => words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const centreOf = async (locator: Locator): Promise<Point> => {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/** Drags a palette item onto the canvas at `at` (fractions of the canvas) and returns the id of the node it added. */
async function dragPaletteItem(page: Page, kind: string, at: Point): Promise<string> {
  const before = new Set(await getCardIds(page));
  const canvas = page.locator('.hl-canvas');
  const box = (await canvas.boundingBox())!;
  await page.getByRole('button', { name: `Add ${kind}`, exact: true }).dragTo(canvas, { targetPosition: { x: box.width * at.x, y: box.height * at.y } });
  await expect.poll(async () => (await getCardIds(page)).length).toBe(before.size + 1);
  return (await getCardIds(page)).find((id) => !before.has(id))!;
}

/** Clicks a card's title, as a designer opens a node in the inspector. */
async function selectNode(page: Page, id: string): Promise<void> {
  await card(page, id).locator('.hl-node-title').click();
  await expect.poll(() => inspector(page).getByLabel('Node id').inputValue()).toBe(id);
}

/** Drags from the exit chip reading `exitLabel` on `from` and lets go on the middle of `to`'s card; the chip then says where it leads. */
async function connect(page: Page, from: string, exitLabel: string, to: string): Promise<void> {
  const chip = page.locator(`.react-flow__handle.source[data-nodeid="${from}"]`).filter({ hasText: new RegExp(`^${toPattern(exitLabel)}$`) });
  const start = await centreOf(chip);
  const end = await centreOf(card(page, to));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
  await expect.poll(() => chip.getAttribute('title')).toBe(`to ${to}`);
}

/** Types into the text field labelled `label` (a required one is marked " *") and leaves it; the node's own field comes before its options' fields of the same name. */
async function setField(page: Page, label: string, value: string, scope: Locator = inspector(page)): Promise<void> {
  const field = scope.getByLabel(new RegExp(`^${toPattern(label)}( \\*)?$`)).and(scope.locator('input, textarea')).first();
  await field.fill(value);
  await field.press('Tab');
  await expect.poll(() => field.inputValue()).toBe(value);
}

async function clickFit(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  // React Flow animates the fit: wait until two reads of the view agree
  let previous = '';
  await expect
    .poll(async () => {
      const now = await page.locator('.react-flow__viewport').evaluate((viewport) => getComputedStyle(viewport).transform);
      const settled = now === previous;
      previous = now;
      return settled;
    })
    .toBe(true);
}

/** Starts a simulated call at `clock` (in the flow's zone) and returns the transcript once something has followed the hours check. */
async function callAt(page: Page, clock: string): Promise<string> {
  const simulator = page.getByTestId('simulator');
  const reset = simulator.getByRole('button', { name: 'Reset' });
  if (await reset.isEnabled()) await reset.click();
  await simulator.getByLabel('Time in Europe/Amsterdam').fill(clock);
  await simulator.getByRole('button', { name: 'Start call', exact: true }).click();
  const lines = () => page.getByTestId('sim-transcript').locator('li').allTextContents();
  await expect
    .poll(async () => {
      const said = await lines();
      const decided = said.findIndex((line) => /Open now\? → (open|closed)/.test(line));
      return decided >= 0 && decided < said.length - 1;
    })
    .toBe(true);
  return (await lines()).join('\n');
}


/** The History panel's rows as "vN who note". */
const getHistoryRows = (page: Page) =>
  page.locator('.hl-history-list li').evaluateAll((rows) =>
    rows.map((row) => [row.querySelector('strong')?.textContent, row.querySelector('.hl-history-by')?.textContent, row.querySelector('.hl-history-note')?.textContent ?? ''].join(' ').trim()),
  );

describe('a dental clinic built from the palette', () => {
  test('build, simulate across zones, publish, edit, compare and roll back', async () => {
    const page = await designer.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: 'America/New_York' });
    page.setDefaultTimeout(10_000);
    const errors = watchPageErrors(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(designer.served.loginUrl);
    await page.getByTestId('verdict').waitFor();

    await page.getByLabel('New flow name').fill('Bright Smile Dental');
    await page.getByRole('button', { name: 'New flow' }).click();
    await expect.poll(() => getCardIds(page)).toEqual(['greeting']);
    await selectNode(page, 'greeting');
    await setField(page, 'Label', 'Greeting');
    await setField(page, 'Prompt', 'Thank you for calling Bright Smile Dental.');

    // room for seven cards around the greeting, which sits in the middle
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    const hours = await dragPaletteItem(page, 'condition', { x: 0.03, y: 0.03 });
    const menu = await dragPaletteItem(page, 'menu', { x: 0.27, y: 0.03 });
    const appointments = await dragPaletteItem(page, 'queue', { x: 0.51, y: 0.03 });
    const openingHours = await dragPaletteItem(page, 'say', { x: 0.75, y: 0.03 });
    const person = await dragPaletteItem(page, 'transfer', { x: 0.03, y: 0.68 });
    const voicemail = await dragPaletteItem(page, 'voicemail', { x: 0.27, y: 0.68 });
    const goodbye = await dragPaletteItem(page, 'hangup', { x: 0.51, y: 0.68 });
    await page.screenshot({ path: path.join(SHOTS, '1-dropped.png') });

    await selectNode(page, hours);
    await setField(page, 'Label', 'Open now?');
    const zone = inspector(page).getByRole('combobox', { name: 'Time zone' });
    await zone.fill('Europe/Amsterdam');
    await zone.press('Tab');
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri']) await setField(page, 'Hours 1, from', '08:00', inspector(page).getByRole('group', { name: `${day} (1)` }));
    await expect.poll(() => card(page, hours).locator('.hl-node-detail').textContent()).toBe('Mon–Fri 08:00–17:00 · Europe/Amsterdam');
    // the help beside the fields speaks of what the designer sees, never of the file's keys
    expect(await inspector(page).innerText()).not.toMatch(/`/);
    await page.screenshot({ path: path.join(SHOTS, '2-hours.png') });

    await selectNode(page, menu);
    await setField(page, 'Label', 'Main menu');
    await setField(page, 'Prompt', 'To book or change an appointment, press 1. For our opening hours, press 2. To speak with someone, press 0.');
    await inspector(page).getByRole('button', { name: 'Add option' }).click();
    await inspector(page).getByRole('button', { name: 'Add option' }).click();
    await inspector(page).getByRole('button', { name: 'Add if the caller says nothing' }).click();
    await inspector(page).getByRole('button', { name: 'Add if the caller picks no option' }).click();

    await selectNode(page, appointments);
    await setField(page, 'Label', 'Appointments');
    await setField(page, 'Queue', 'appointments');
    // what the linter asks of a queue: tell callers where they stand, and offer a call back
    await inspector(page).getByRole('button', { name: 'Add announce' }).click();
    await inspector(page).getByRole('checkbox', { name: /Announce position/ }).check();
    await inspector(page).getByRole('button', { name: 'Add callback offer' }).click();
    await selectNode(page, openingHours);
    await setField(page, 'Label', 'Opening hours');
    await setField(page, 'Prompt', 'We are open Monday to Friday from 8 in the morning to 5 in the afternoon.');
    await selectNode(page, person);
    await setField(page, 'Label', 'Reception');
    await setField(page, 'Number', '+31201234567');
    await selectNode(page, voicemail);
    await setField(page, 'Label', 'Voicemail');
    await selectNode(page, goodbye);
    await setField(page, 'Label', 'Goodbye');
    await clickFit(page);
    await page.screenshot({ path: path.join(SHOTS, '3-filled.png') });

    await connect(page, 'greeting', 'next', hours);
    await connect(page, hours, 'open', menu);
    await connect(page, hours, 'closed', voicemail);
    await connect(page, menu, 'press 1', appointments);
    await connect(page, menu, 'press 2', openingHours);
    await connect(page, menu, 'press 0', person);
    await connect(page, menu, 'no input', person);
    await connect(page, menu, 'no match', person);
    await connect(page, openingHours, 'next', menu);
    await connect(page, appointments, 'answered', goodbye);
    await connect(page, appointments, 'queue full', voicemail);
    await connect(page, appointments, 'press 1 for callback', voicemail);
    await connect(page, person, 'answered', goodbye);
    await connect(page, person, 'busy', voicemail);
    await connect(page, person, 'no answer', voicemail);
    await connect(page, person, 'failed', voicemail);
    await connect(page, voicemail, 'next', goodbye);
    await page.screenshot({ path: path.join(SHOTS, '4-connected.png') });

    await expect.poll(() => page.getByTestId('verdict').textContent()).toBe('✓ Every caller reaches a person within 3 steps');
    expect(await page.getByTestId('problems').locator('.hl-count.is-error').textContent()).toBe('0 errors');
    // the flow list agrees with the header about the flow being edited, saved or not
    expect(await page.getByTestId('flow-list').getByRole('button', { name: /Bright Smile Dental/ }).textContent()).not.toMatch(/error/);
    await page.getByRole('button', { name: 'Layout' }).click();
    await clickFit(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dental-clinic.png') });

    // Tuesday 10 March 2026: Amsterdam is UTC+1, New York (this browser) already UTC-4
    await page.getByRole('tab', { name: 'Simulator' }).click();
    const open = await callAt(page, '2026-03-10T16:30');
    expect(open).toContain('Open now? → open');
    expect(await page.getByTestId('sim-clock-zone').textContent()).toContain('16:30 Europe/Amsterdam');
    expect(open).toContain('To book or change an appointment, press 1.');
    const closed = await callAt(page, '2026-03-10T17:30');
    expect(closed).toContain('Open now? → closed');
    expect(closed).toContain('Please leave a message after the tone.');
    expect(closed).not.toContain('To book or change an appointment');
    await page.getByTestId('simulator').screenshot({ path: path.join(SHOTS, '5-simulated-closed.png') });

    await publishWithNote(page, 'bright-smile-dental', 'First version of the clinic line');
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await selectNode(page, 'greeting');
    await setField(page, 'Prompt', 'Welcome to Bright Smile Dental, your smile is our care.');
    await publishWithNote(page, 'bright-smile-dental', 'Warmer greeting');
    await page.getByRole('tab', { name: 'History' }).click();
    await expect.poll(() => getHistoryRows(page)).toEqual(['v2 admin Warmer greeting', 'v1 admin First version of the clinic line']);
    await page.screenshot({ path: path.join(SHOTS, '6-history.png') });

    // what the greeting's new words change for callers: the verdict holds, the greeting plays a second longer
    await page.getByRole('checkbox', { name: 'Select v1' }).check();
    await page.getByRole('checkbox', { name: 'Select v2' }).check();
    const differences = page.getByRole('region', { name: 'Differences' });
    await expect.poll(() => differences.innerText()).toMatch(/Before\s+Every caller reaches a person within 3 steps\s+After\s+Every caller reaches a person within 3 steps/);
    const diffText = await differences.innerText();
    expect(diffText).toMatch(/Greeting greeting\s+1\s+1\s+\d+ s → \d+ s/);
    expect(diffText).toContain('changed Greeting greeting');
    expect(diffText).toContain('prompt: "Thank you for calling Bright Smile Dental." → "Welcome to Bright Smile Dental');
    await differences.screenshot({ path: path.join(SHOTS, '7-differences.png') });

    await page.locator('li[data-version="1"]').getByRole('button', { name: 'Rollback' }).click();
    await expect.poll(() => getHistoryRows(page)).toEqual(['v3 admin rollback to v1', 'v2 admin Warmer greeting', 'v1 admin First version of the clinic line']);
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await selectNode(page, 'greeting');
    await expect.poll(() => inspector(page).getByLabel(/^Prompt( \*)?$/).and(page.locator('textarea')).inputValue()).toBe('Thank you for calling Bright Smile Dental.');
    await page.screenshot({ path: path.join(SHOTS, '8-rolled-back.png') });

    expect(errors).toEqual([]);
  }, 120_000);
});
