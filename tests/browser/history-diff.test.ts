import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useServedDesigner, publishWithNote } from './harness.ts';

// The diff in caller terms as a CX designer reads it in the History panel:
// two published versions ticked, then the canvas's unsaved edit against what
// is live. The diff itself is core's (diffFlows); this checks what shows.

const { openDesigner } = useServedDesigner();
const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-history-diff-'));


/** Saves the bank flow's draft with the main menu's "press 3" unconnected, as another tab or a script would. */
async function saveBankWithoutLoans(page: Page): Promise<void> {
  const status = await page.evaluate(async () => {
    const opened = (await (await fetch('/api/flows/bank')).json()) as { flow: { nodes: Record<string, { options: Array<{ key: string; next?: string }> }> } };
    const press3 = opened.flow.nodes.main_menu!.options.find((option) => option.key === '3')!;
    delete press3.next;
    const saved = await fetch('/api/flows/bank', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ flow: opened.flow }) });
    return saved.status;
  });
  expect(status).toBe(200);
}

async function selectNode(page: Page, id: string): Promise<void> {
  await page.evaluate((nodeId) => {
    document.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId}"]`)?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }, id);
  await expect.poll(() => page.getByTestId('inspector').getByLabel('Node id').inputValue()).toBe(id);
}

/** The text of one section of the Differences region, by its heading. */
const getSectionText = (page: Page, title: string) =>
  page.getByRole('region', { name: 'Differences' }).locator('.hl-diff-section', { has: page.getByRole('heading', { name: title }) }).innerText();

describe('the diff in the History panel', () => {
  test('two published versions ticked show the route removed, the findings that appeared and the verdict before → after', async () => {
    const { page, errors } = await openDesigner();
    page.on('dialog', (dialog) => void dialog.accept());
    // a publish of what is live already adds no version: the first one renames the flow
    const name = page.getByLabel('Flow name', { exact: true });
    await name.fill('Acme Bank, spring');
    await name.press('Enter');
    await publishWithNote(page, 'bank', 'Spring name');
    await saveBankWithoutLoans(page);
    await page.reload();
    await page.getByTestId('verdict').waitFor();
    await publishWithNote(page, 'bank', 'Loans by phone closed');

    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByLabel('Select v2').check();
    await page.getByLabel('Select v3').check();
    const differences = page.getByRole('region', { name: 'Differences' });
    await expect.poll(() => differences.textContent()).toContain('v2');

    const verdicts = await differences.locator('.hl-diff-verdicts').innerText();
    expect(verdicts).toMatch(/Before\s+Every caller reaches a person within 3 steps\s+After\s+Every caller reaches a person within 3 steps \(3 warnings\)/);
    const routes = await getSectionText(page, 'Routes');
    expect(routes).toMatch(/removed\s+Main menu\s+main_menu\s+press 3\s+Loan advisors open\?\s+loans_hours/);
    const appeared = await differences.locator('.hl-diff-section', { has: page.getByRole('heading', { name: 'Findings that appeared' }) }).locator('li').allInnerTexts();
    expect(appeared).toEqual([
      expect.stringMatching(/^warning\s+Loan advisors open\? loans_hours\s+No call can get here/),
      expect.stringMatching(/^warning\s+Loan advisors loans_transfer\s+No call can get here/),
      expect.stringMatching(/^warning\s+Loan advisor call back loans_callback\s+No call can get here/),
    ]);
    expect(await differences.getByRole('heading', { name: 'Steps to a person' }).count()).toBe(1);
    expect(await differences.locator('.hl-diff-empty').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'versions.png') });

    // unticking one closes the diff; v2 put back live as v4 is the same flow: nothing for callers
    await page.getByLabel('Select v3').uncheck();
    expect(await differences.count()).toBe(0);
    await page.locator('li[data-version="2"]').getByRole('button', { name: 'Rollback' }).click();
    await page.getByLabel('Select v4').check();
    await expect.poll(() => differences.locator('.hl-diff-empty').textContent()).toBe('No difference for callers');
    expect(await differences.locator('.hl-diff-verdicts').innerText()).toMatch(/Before\s+Every caller reaches a person within 3 steps\s+After\s+Every caller reaches a person within 3 steps$/);
    expect(errors).toEqual([]);
  }, 90_000);

  test('"Compare draft with published" shows an edit not saved yet, and a node of it selects the node on the canvas', async () => {
    const { page, errors } = await openDesigner();
    await page.getByRole('tab', { name: 'History' }).click();
    expect(await page.getByRole('button', { name: 'Compare draft with published' }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Inspector' }).click();
    await selectNode(page, 'main_menu');
    const timeout = page.getByTestId('inspector').locator('input[name="timeout"]');
    await timeout.fill('8');
    await timeout.press('Tab');
    await selectNode(page, 'greeting');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Compare draft with published' }).click();
    const differences = page.getByRole('region', { name: 'Differences' });
    await expect.poll(() => differences.textContent()).toContain('your unsaved edits');
    expect(await getSectionText(page, 'Nodes')).toMatch(/changed\s+Main menu\s+main_menu\s+timeout: 5 → 8/);
    await page.screenshot({ path: path.join(SHOTS, 'draft.png') });

    // the diff's "after" is the canvas: its node names select there
    await differences.getByRole('button', { name: 'Main menu main_menu' }).click();
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await expect.poll(() => page.getByTestId('inspector').getByLabel('Node id').inputValue()).toBe('main_menu');
    expect(errors).toEqual([]);
  }, 90_000);
});
