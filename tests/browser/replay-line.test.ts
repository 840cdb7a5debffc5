import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { REPO, useServedDesigner } from './harness.ts';

// A counterexample that crosses into a linked flow is replayed on the simulated
// phone through the goto: the shop's silent caller goes on in the brand flow,
// whose hours condition the simulator steers closed, and hangs up there.

const SHOP = {
  name: 'Shop',
  entry: 'main',
  nodes: {
    main: {
      kind: 'menu',
      label: 'Shop menu',
      prompt: 'For the brand, press 1. For the desk, press 0.',
      options: [
        { key: '1', next: 'to_brand' },
        { key: '0', next: 'desk' },
      ],
      noInput: { next: 'to_brand' },
      noMatch: { next: 'desk' },
    },
    to_brand: { kind: 'goto', label: 'Brand', flow: 'brand', on: { failed: 'desk' } },
    desk: { kind: 'transfer', label: 'Shop desk', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    vm: { kind: 'voicemail', label: 'Voicemail', prompt: 'Leave a message.' },
  },
  ui: { positions: { main: { x: 270, y: 0 }, to_brand: { x: 0, y: 240 }, desk: { x: 540, y: 240 }, vm: { x: 540, y: 440 } } },
};

/** The brand: open on weekdays in Madrid, else it says it is closed and hangs up. */
const BRAND = JSON.parse(readFileSync(path.join(REPO, 'tests/fixtures/line/brand.json'), 'utf8')) as unknown;

const designer = useServedDesigner({ shop: SHOP, brand: BRAND });
const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-replay-line-'));

const simulator = (page: Page) => page.getByTestId('simulator');
const getTranscript = async (page: Page) => (await simulator(page).getByTestId('sim-transcript').locator('li').allTextContents()).join('\n');

describe('replaying a walk across the line', { timeout: 60_000 }, () => {
  test("the shop's silent caller is replayed through the goto into the brand, steered closed, to the hang-up", async () => {
    const { page, errors } = await designer.openDesigner('#flow=shop');
    const finding = page.getByTestId('problems').locator('li[data-rule="silent-caller"]').first();
    // the line is checked once the walk crosses into the brand
    await expect.poll(() => finding.textContent()).toContain('brand.json:hours');
    await page.getByRole('tab', { name: 'Simulator' }).click();
    // Wednesday noon in Madrid: the brand is open, so the replay must move the time to close it
    await simulator(page).getByLabel('Time').fill('2026-03-11T11:00');
    await finding.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => simulator(page).textContent()).toContain('Replaying: silent-caller');
    expect(await simulator(page).locator('.sim-replay-progress').textContent()).toBe('Step 1 of 4: next main --no input-->');

    await simulator(page).getByRole('button', { name: 'Play all' }).click();
    await expect.poll(() => simulator(page).locator('.sim-replay-progress').textContent()).toBe('The whole path was played.');
    const transcript = await getTranscript(page);
    expect(transcript).toContain('Continues in flow brand');
    expect(transcript).toMatch(/Simulated time set to .* so that Brand open\? is closed/);
    expect(transcript).toContain('The brand is closed.');
    // the call ended in the brand: no node of the shop is lit as where it is
    expect(await page.locator('.hl-node.is-simulated').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'replayed-into-brand.png') });
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
