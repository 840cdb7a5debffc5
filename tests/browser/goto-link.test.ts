import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { REPO, useServedDesigner } from './harness.ts';

// A line of flows as a CX designer walks it: from the front desk's goto node
// into the bank flow it hands calls to, and back with the browser's Back; an
// address typed by hand opens its flow too; a link to a flow the runtime does
// not have says so.

const FRONT_DESK = JSON.parse(readFileSync(path.join(REPO, 'tests/fixtures/browser/front-desk.json'), 'utf8')) as unknown;
const designer = useServedDesigner({ 'front-desk': FRONT_DESK });
const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-goto-'));

const inspector = (page: Page) => page.getByTestId('inspector');
const getOpenFlowText = (page: Page) => page.locator('.hl-flow-id').textContent();
const getInspectedNodeId = (page: Page) => inspector(page).getByLabel('Node id').inputValue();

async function selectNode(page: Page, id: string): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${id}"] .hl-node-title`).click();
  await expect.poll(() => getInspectedNodeId(page)).toBe(id);
}

describe('following a goto node to the flow it hands calls to', { timeout: 60_000 }, () => {
  test('an address typed after load opens its flow, and Back returns to the one before', async () => {
    const { page, errors } = await designer.openDesigner('#flow=front-desk');
    // as typed in the address bar: the page stays, only the hash changes
    await page.evaluate(() => (window.location.hash = '#flow=clinic'));
    await expect.poll(() => getOpenFlowText(page)).toBe('clinic.json');
    await page.goBack();
    await expect.poll(() => getOpenFlowText(page)).toBe('front-desk.json');
    expect(errors).toEqual([]);
  });

  test('"Open flow bank" on the goto opens bank with its target node selected; Back returns to the goto', async () => {
    const { page, errors } = await designer.openDesigner('#flow=front-desk');
    await selectNode(page, 'to_bank');
    await inspector(page).getByRole('button', { name: 'Open flow bank' }).click();
    await expect.poll(() => getOpenFlowText(page)).toBe('bank.json');
    await expect.poll(() => getInspectedNodeId(page)).toBe('main_menu');
    await expect.poll(() => page.locator('.react-flow__node[data-id="main_menu"] .hl-node').getAttribute('class')).toContain('is-selected');
    expect(await page.evaluate(() => window.location.hash)).toBe('#flow=bank&node=main_menu');
    await page.screenshot({ path: path.join(SHOTS, 'goto-opened-bank.png') });
    await page.goBack();
    await expect.poll(() => getOpenFlowText(page)).toBe('front-desk.json');
    await expect.poll(() => getInspectedNodeId(page)).toBe('to_bank');
    expect(errors).toEqual([]);
  });

  test('a double-click on the goto card opens the linked flow', async () => {
    const { page } = await designer.openDesigner('#flow=front-desk');
    await page.locator('.react-flow__node[data-id="to_bank"] .hl-node-title').dblclick();
    await expect.poll(() => getOpenFlowText(page)).toBe('bank.json');
    await expect.poll(() => getInspectedNodeId(page)).toBe('main_menu');
  });

  test('a link to a flow the runtime does not have cannot be followed, and says why', async () => {
    const { page } = await designer.openDesigner('#flow=front-desk');
    await selectNode(page, 'to_clinic');
    const open = inspector(page).getByRole('button', { name: 'Open flow old-clinic' });
    expect(await open.isDisabled()).toBe(true);
    expect(await inspector(page).getByTestId('goto-link').textContent()).toContain('old-clinic is not among the runtime’s flows');
    // the Flow field offers the runtime's flows to pick from
    const offered = await inspector(page).locator('input[name="flow"]').evaluate((input: HTMLInputElement) => [...(input.list?.options ?? [])].map((option) => option.value));
    expect(offered).toEqual(expect.arrayContaining(['bank', 'clinic', 'front-desk']));
    await page.screenshot({ path: path.join(SHOTS, 'goto-missing-flow.png') });
  });

  test('unsaved edits are not lost: leaving asks first, and a no stays on the flow', async () => {
    const { page } = await designer.openDesigner('#flow=front-desk');
    await selectNode(page, 'to_bank');
    await inspector(page).getByRole('button', { name: 'Set as entry' }).click();
    await expect.poll(() => getOpenFlowText(page)).toBe('front-desk.json • unsaved');
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await inspector(page).getByRole('button', { name: 'Open flow bank' }).click();
    await expect.poll(() => asked).toEqual(['This flow has unsaved changes. Discard them?']);
    expect(await getOpenFlowText(page)).toBe('front-desk.json • unsaved');
    expect(await page.evaluate(() => window.location.hash)).toMatch(/^#flow=front-desk(&|$)/);
    expect(await getInspectedNodeId(page)).toBe('to_bank');
  });
});
