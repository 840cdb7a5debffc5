import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useServedDesigner } from './harness.ts';

// The inspector as a CX designer meets it on the bank flow: refusals beside
// the field, pickers that speak in labels, keys proposed that make sense,
// defaults said out loud and no schema paths for words.

const { openDesigner } = useServedDesigner();
const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-inspector-'));

async function selectNode(page: Page, id: string) {
  await page.evaluate((nodeId) => {
    // a click on the card, wherever fit put it on screen
    document.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId}"]`)?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }, id);
  await expect.poll(() => page.getByTestId('inspector').getByLabel('Node id').inputValue()).toBe(id);
}

/** Whether the element's box lies inside the window and inside the inspector's visible part. */
async function isInView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((css) => {
    const element = document.querySelector(css);
    const panel = document.querySelector('[data-testid="inspector"]');
    if (!element || !panel) return false;
    const box = element.getBoundingClientRect();
    const visible = panel.getBoundingClientRect();
    return box.height > 0 && box.top >= Math.max(0, visible.top) && box.bottom <= Math.min(window.innerHeight, visible.bottom);
  }, selector);
}

describe('the inspector on the bank flow', { timeout: 60_000 }, () => {
  test('a refused transfer number shows its reason beside the field, in view', async () => {
    const { page } = await openDesigner();
    await selectNode(page, 'fraud_transfer');
    const inspector = page.getByTestId('inspector');
    const number = inspector.locator('input[name="to.number"]');
    await number.scrollIntoViewIfNeeded();
    await number.fill('+34 91');
    const reason = inspector.locator('[data-testid="field-error-to"]');
    await expect.poll(() => reason.textContent()).toContain('E.164 number such as');
    expect(await reason.getAttribute('role')).toBe('alert');
    // the reason is tied to the field for a screen reader and lies next to it on screen
    const describedBy = await number.evaluate((input) => input.closest('[aria-describedby]')?.getAttribute('aria-describedby'));
    expect(describedBy).toBe(await reason.getAttribute('id'));
    expect(await isInView(page, '[data-testid="field-error-to"]')).toBe(true);
    const gap = (await reason.boundingBox())!.y - ((await number.boundingBox())!.y + (await number.boundingBox())!.height);
    expect(gap).toBeLessThan(120);
    await page.screenshot({ path: path.join(SHOTS, 'refused-number.png') });
  });

  test('the Next picker lists "label (kind)" with the id as secondary text, and filters as the designer types', async () => {
    const { page } = await openDesigner();
    await selectNode(page, 'greeting');
    const inspector = page.getByTestId('inspector');
    const picker = inspector.getByRole('combobox', { name: 'Next' });
    await picker.click();
    const options = inspector.getByRole('option');
    expect(await options.allTextContents()).toContain('Main menu (menu)main_menu');
    await picker.fill('after-hours');
    await expect.poll(() => options.allTextContents()).toEqual(['After-hours voicemail (voicemail)closed_voicemail']);
    await page.screenshot({ path: path.join(SHOTS, 'next-picker.png') });
    await options.first().click();
    expect(await picker.inputValue()).toBe('After-hours voicemail (voicemail)');
  });

  test('the time zone picker offers the zones and suggests Europe/Amsterdam for a typo', async () => {
    const { page } = await openDesigner();
    await selectNode(page, 'agent_hours');
    const inspector = page.getByTestId('inspector');
    const zone = inspector.getByRole('combobox', { name: 'Time zone' });
    expect(await page.evaluate(() => Intl.supportedValuesOf('timeZone').length)).toBeGreaterThan(300);
    expect(await zone.evaluate((input) => (input as HTMLInputElement).list?.options.length ?? 0)).toBe(await page.evaluate(() => Intl.supportedValuesOf('timeZone').length));
    await zone.fill('Europe/Amsterdm');
    const suggestion = inspector.getByRole('button', { name: 'Use Europe/Amsterdam' });
    await suggestion.waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'zone-typo.png') });
    await suggestion.click();
    await expect.poll(() => zone.inputValue()).toBe('Europe/Amsterdam');
    expect(await inspector.getByRole('button', { name: /^Use / }).count()).toBe(0);
  });

  test('Add option proposes the next free key, and a new callback offer is not on the operator key', async () => {
    const { page } = await openDesigner();
    await selectNode(page, 'main_menu');
    const inspector = page.getByTestId('inspector');
    await inspector.getByRole('button', { name: 'Add option' }).click();
    // the bank's main menu uses 1, 2, 3 and 0
    expect(await inspector.locator('select[name="options.4.key"] option:checked').textContent()).toBe('4');

    await selectNode(page, 'fraud_queue');
    await inspector.getByRole('button', { name: 'Remove callback offer' }).click();
    await inspector.getByRole('button', { name: 'Add callback offer' }).click();
    const key = await inspector.locator('select[name="callbackOffer.key"] option:checked').textContent();
    expect(key).not.toBe('0');
    expect(key).toBe('1');
  });

  test('an unset yes/no says the default the call will use', async () => {
    const { page } = await openDesigner();
    await selectNode(page, 'fraud_queue');
    const inspector = page.getByTestId('inspector');
    // the bank's queue sets its position announcement: back to the default
    await inspector.getByRole('checkbox', { name: /Announce position/ }).locator('xpath=..').getByRole('button', { name: 'use default' }).click();
    expect(await inspector.textContent()).toContain('Announce position: off (default)');
    await selectNode(page, 'main_menu');
    expect(await inspector.textContent()).toContain('Barge-in: on (default)');
    await selectNode(page, 'closed_voicemail');
    const transcribe = inspector.getByRole('checkbox', { name: /Transcribe/ });
    await transcribe.locator('xpath=..').getByRole('button', { name: 'use default' }).click();
    expect(await inspector.textContent()).toContain('Transcribe: off (default)');
    expect(await transcribe.isChecked()).toBe(false);
    await transcribe.check();
    expect(await inspector.textContent()).not.toContain('Transcribe: off (default)');
    await page.screenshot({ path: path.join(SHOTS, 'defaults.png') });
  });

  test('every node of the bank flow is labelled in a designer’s words, never a schema path', async () => {
    const { page } = await openDesigner();
    const ids = await page.locator('.react-flow__node').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-id')!));
    expect(ids.length).toBeGreaterThan(20);
    const inspector = page.getByTestId('inspector');
    for (const id of ids) {
      await selectNode(page, id);
      const text = (await inspector.innerText()).replace(/\s+/g, ' ');
      expect(text, id).not.toMatch(/\b(on|options)\.\w/);
      expect(text, id).not.toMatch(/`|Add entry|Outcomes|\bentry \d|Item \d/);
    }
    await selectNode(page, 'main_menu');
    const text = await inspector.innerText();
    expect(text).toContain('If the caller says nothing');
    expect(text).toContain('Press 3');
    await selectNode(page, 'fraud_queue');
    expect(await inspector.innerText()).toContain('If the wait runs out');
  });
});
