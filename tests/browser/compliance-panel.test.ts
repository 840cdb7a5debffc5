import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { PROFILES_BY_ID } from '../../core/profiles/index.ts';
import { SCREENSHOTS, useServedDesigner } from './harness.ts';

// The Compliance tab judges the flow on the canvas as `humanline report` does, live as it is edited,
// and leads from each requirement and finding to its nodes.

const { openDesigner } = useServedDesigner();

const JUDGED = ['humanline:gethuman', 'humanline:es-ley-10-2025'];
const ALL_IDS = [...PROFILES_BY_ID.values()].flatMap((profile) => profile.requirements.map((requirement) => requirement.id));

const requirement = (page: Page, profileId: string, id: string) => page.locator(`[data-profile="${profileId}"] [data-requirement="${id}"]`);
const nodeCard = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"] .hl-node`);

/** Selects a node as a click on its card does, wherever it sits on screen, and waits for the inspector to show it. */
async function selectNode(page: Page, id: string) {
  await page.evaluate((nodeId) => {
    document.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId}"]`)?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }, id);
  await expect.poll(() => page.getByTestId('inspector').getByLabel('Node id').inputValue()).toBe(id);
}

async function openCompliance(page: Page) {
  await page.getByRole('tab', { name: 'Compliance' }).click();
  await page.getByTestId('compliance').waitFor();
}

describe('the Compliance panel', () => {
  test('lists every requirement of the shipped bank line as holding or not checkable, and a barge-in turned off fails GH-7 live', async () => {
    const { page, errors } = await openDesigner();
    await page.setViewportSize({ width: 1280, height: 720 });
    await openCompliance(page);

    for (const profileId of JUDGED) {
      const profile = PROFILES_BY_ID.get(profileId)!;
      const section = page.locator(`[data-profile="${profileId}"]`);
      await expect.poll(() => section.locator('h3').textContent()).toBe(profile.title);
      for (const { id, title } of profile.requirements) {
        const item = requirement(page, profileId, id);
        expect(await item.getAttribute('data-status'), id).toMatch(/^(holds|cannot-check)$/);
        expect(await item.locator('.hl-requirement-main').textContent(), id).toContain(title);
        expect(await item.locator('.hl-requirement-status').textContent(), id).toMatch(/^(Holds|Cannot be checked)$/);
      }
    }
    expect(await page.locator('[data-profile="humanline:es-ley-10-2025"] .hl-compliance-meta').textContent()).toContain('Compliance by 2026-12-28');
    // the bank flow is published but has taken no call: its measures say so
    await expect.poll(() => page.getByTestId('compliance-measured').textContent()).toContain('No calls');
    expect(await page.locator('[data-measure="attendedWithin180s"]').first().textContent()).toContain('not measured');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'compliance-panel.png') });

    // barge-in off in the inspector: GH-7 fails at once, with the finding
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await selectNode(page, 'main_menu');
    await page.getByTestId('inspector').getByRole('checkbox', { name: /Barge-in/ }).uncheck();
    await selectNode(page, 'greeting');
    await openCompliance(page);
    const bargeIn = requirement(page, 'humanline:gethuman', 'GH-7');
    await expect.poll(() => bargeIn.getAttribute('data-status')).toBe('fails');
    expect(await bargeIn.locator('.hl-requirement-status').textContent()).toBe('Fails');
    const finding = bargeIn.getByTestId('compliance-finding');
    expect(await finding.textContent()).toContain('"bargeIn": false');
    expect(await page.locator('[data-profile="humanline:gethuman"] .hl-compliance-counts').textContent()).toContain('Fails 1');

    // the finding leads to its node
    expect(await nodeCard(page, 'main_menu').getAttribute('class')).not.toMatch(/is-selected/);
    await finding.click();
    await expect.poll(() => nodeCard(page, 'main_menu').getAttribute('class')).toMatch(/is-selected/);
    expect(await nodeCard(page, 'greeting').getAttribute('class')).not.toMatch(/is-selected/);

    // a requirement that holds leads to the route that proves it
    const proven = requirement(page, 'humanline:gethuman', 'GH-1').locator('.hl-requirement-main');
    const provenIds = (await proven.getAttribute('title'))!.replace('Show on the canvas: ', '').split(', ');
    expect(provenIds).toContain('greeting');
    await proven.click();
    for (const id of provenIds) await expect.poll(() => nodeCard(page, id).getAttribute('class'), { message: id }).toMatch(/is-selected/);

    // the download is the HTML report naming every requirement shown
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report' }).click()]);
    expect(download.suggestedFilename()).toBe('bank-compliance.html');
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const id of ALL_IDS) expect(html, id).toContain(`data-requirement="${id}"`);
    expect(html).toContain('data-requirement="GH-7" data-profile="humanline:gethuman" data-flow="bank.json" data-status="fails"');
    expect(errors).toEqual([]);
  }, 60_000);

  test('the profiles chosen stay chosen for the session, across tabs', async () => {
    const { page } = await openDesigner();
    await openCompliance(page);
    await page.getByRole('checkbox', { name: PROFILES_BY_ID.get('humanline:us-ca-ab-1609-draft')!.title }).uncheck();
    expect(await page.locator('.hl-compliance-profile').evaluateAll((sections) => sections.map((section) => section.getAttribute('data-profile')))).toEqual(JUDGED.slice().sort());
    await page.getByRole('tab', { name: 'History' }).click();
    await openCompliance(page);
    expect(await page.locator('.hl-compliance-profile').count()).toBe(2);
    expect(await page.getByRole('checkbox', { name: PROFILES_BY_ID.get('humanline:us-ca-ab-1609-draft')!.title }).isChecked()).toBe(false);
  });
});
