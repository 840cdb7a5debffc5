import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useServedDesigner } from './harness.ts';

// A simulated call through a line of flows, as the runtime would take it: the
// shop's goto hands the call to the bank flow, where the caller reaches a
// person; a goto to a flow the runtime lacks says so and offers the goto's
// "flow failed". The shop has a node named main_menu as the bank does: while
// the call is in the bank, no node of the shop is lit as where the call is.

const SHOP = {
  name: 'Shop',
  entry: 'main_menu',
  nodes: {
    main_menu: {
      kind: 'menu',
      label: 'Shop menu',
      prompt: 'For the bank, press 1. For the old shop, press 2. For the desk, press 0.',
      options: [
        { key: '1', next: 'to_bank' },
        { key: '2', next: 'to_gone' },
        { key: '0', next: 'desk' },
      ],
      noInput: { next: 'desk' },
      noMatch: { next: 'desk' },
    },
    to_bank: { kind: 'goto', label: 'Bank menu', flow: 'bank', node: 'main_menu', on: { failed: 'desk' } },
    to_gone: { kind: 'goto', label: 'Old shop', flow: 'old-shop', on: { failed: 'desk' } },
    desk: { kind: 'transfer', label: 'Shop desk', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    vm: { kind: 'voicemail', label: 'Voicemail', prompt: 'Leave a message.' },
  },
  ui: {
    positions: {
      main_menu: { x: 270, y: 0 },
      to_bank: { x: 0, y: 240 },
      to_gone: { x: 270, y: 240 },
      desk: { x: 540, y: 240 },
      vm: { x: 540, y: 440 },
    },
  },
};

const designer = useServedDesigner({ shop: SHOP });
const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-sim-line-'));

const simulator = (page: Page) => page.getByTestId('simulator');
const getTranscript = async (page: Page) => (await simulator(page).getByTestId('sim-transcript').locator('li').allTextContents()).join('\n');
const getStatus = (page: Page) => simulator(page).getByTestId('sim-status').textContent();

async function press(page: Page, key: string): Promise<void> {
  await simulator(page).getByRole('button', { name: `key ${key}`, exact: true }).click();
}

/** The shop open with its line checked (the bank fetched, old-shop known missing), a call started on a Monday at noon in New York. */
async function callShop(): Promise<{ page: Page; errors: string[] }> {
  const opened = await designer.openDesigner('#flow=shop');
  const { page } = opened;
  // the line is checked once the link to the flow the runtime lacks is reported
  await expect.poll(() => page.getByTestId('problems').textContent()).toContain('"old-shop"');
  await page.getByRole('tab', { name: 'Simulator' }).click();
  await simulator(page).getByLabel('Time').fill('2026-06-01T16:00');
  await simulator(page).getByRole('button', { name: 'Start call', exact: true }).click();
  await expect.poll(() => getTranscript(page)).toContain('For the bank, press 1');
  return opened;
}

describe('the simulator follows a goto into the linked flow', { timeout: 60_000 }, () => {
  test('a call from the shop through its goto goes on in the bank and reaches a person there', async () => {
    const { page, errors } = await callShop();
    await press(page, '1');
    await expect.poll(() => getTranscript(page)).toContain('Continues in flow bank at main_menu');
    // the bank's own menu plays, and the call waits there
    await expect.poll(() => getTranscript(page)).toContain('For your account balance, press 1');
    expect(await getStatus(page)).toBe('In call in flow bank');
    expect(await simulator(page).locator('.sim-wait').textContent()).toBe('Main menu is listening for keys or words');
    // the shop's main_menu is not where the call is, though it has the bank's node id
    expect(await page.locator('.hl-node.is-simulated').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'in-bank.png') });
    // the bank opens in a tab of its own at the node the call waits at, and this tab keeps the call
    const [bankTab] = await Promise.all([page.waitForEvent('popup'), simulator(page).getByRole('link', { name: 'Open bank in a new tab' }).click()]);
    await bankTab.locator('.hl-flow-id', { hasText: /^bank\.json/ }).waitFor();
    await expect.poll(() => bankTab.locator('.react-flow__node.selected').getAttribute('data-id')).toBe('main_menu');
    await bankTab.close();
    expect(await getStatus(page)).toBe('In call in flow bank');

    await press(page, '0');
    await simulator(page).getByRole('button', { name: 'Agent answers' }).click();
    await expect.poll(() => getStatus(page)).toContain('Reached a person');
    expect(await getStatus(page)).toContain('in flow bank');
    expect(await page.locator('.hl-node.is-simulated').count()).toBe(0);
    // a test recorded here would name the bank's nodes as the shop's: it is refused, saying why
    await simulator(page).getByRole('button', { name: 'Save as test' }).click();
    expect(await simulator(page).getByTestId('sim-test-note').textContent()).toBe(
      'This call cannot be saved as a test: it went on in flow bank, and a recorded test keeps to the flow it is saved with.',
    );
    await page.screenshot({ path: path.join(SHOTS, 'person-in-bank.png') });
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('a goto to a flow the runtime lacks says so and still offers "flow failed"', async () => {
    const { page, errors } = await callShop();
    await press(page, '2');
    await expect.poll(() => simulator(page).locator('.sim-wait').textContent()).toBe(
      'Old shop: the call continues in flow old-shop, which the runtime does not have: the linked flow cannot start',
    );
    expect(await page.locator('.react-flow__node[data-id="to_gone"] .hl-node').getAttribute('class')).toContain('is-simulated');
    await page.screenshot({ path: path.join(SHOTS, 'missing-flow.png') });
    await simulator(page).getByRole('button', { name: 'The linked flow cannot start' }).click();
    await simulator(page).getByRole('button', { name: 'Agent answers' }).click();
    await expect.poll(() => getStatus(page)).toContain('Reached a person');
    expect(await getStatus(page)).not.toContain('in flow');
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
