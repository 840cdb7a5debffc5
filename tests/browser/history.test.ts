import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { REPO, useServedDesigner, publishWithNote } from './harness.ts';

// The flow's history as a CX designer uses it: publish with a note, edit,
// publish again, read both versions with who and why, roll back, discard a
// draft; and an export imported twice says so and replaces the first draft.

const designer = useServedDesigner();
const { openDesigner } = designer;

async function setFlowName(page: Page, name: string): Promise<void> {
  const input = page.getByLabel('Flow name', { exact: true });
  await input.fill(name);
  await input.press('Enter');
}


/** The History panel's rows as "vN who note". */
async function getHistoryRows(page: Page): Promise<string[]> {
  return page.locator('.hl-history-list li').evaluateAll((rows) =>
    rows.map((row) => [row.querySelector('strong')?.textContent, row.querySelector('.hl-history-by')?.textContent, row.querySelector('.hl-history-note')?.textContent ?? ''].join(' ').trim()),
  );
}

const getOpenedFlow = (page: Page) => page.evaluate(async () => (await (await fetch('/api/flows/bank')).json()) as { source: string; flow: { name: string } });

describe('revision history', () => {
  test('publish with a note, edit, publish again, see both, open one read-only, roll back, discard a draft', async () => {
    const { page, errors } = await openDesigner();
    page.on('dialog', (dialog) => void dialog.accept());
    await setFlowName(page, 'Acme Bank, spring');
    await publishWithNote(page, 'bank', 'Spring greeting');
    await setFlowName(page, 'Acme Bank, summer');
    await publishWithNote(page, 'bank', 'Summer hours');

    await page.getByRole('tab', { name: 'History' }).click();
    await expect.poll(() => getHistoryRows(page)).toEqual(['v3 admin Summer hours', 'v2 admin Spring greeting', 'v1 flows folder']);
    expect(await page.locator('.hl-history-list li time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    await page.locator('li[data-version="2"]').getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.getByTestId('history-view').textContent()).toContain('"name": "Acme Bank, spring"');
    await page.getByTestId('history-view').getByRole('button', { name: 'Close' }).click();

    await page.locator('li[data-version="2"]').getByRole('button', { name: 'Rollback' }).click();
    await expect.poll(() => getHistoryRows(page)).toEqual(['v4 admin rollback to v2', 'v3 admin Summer hours', 'v2 admin Spring greeting', 'v1 flows folder']);
    await expect.poll(() => page.getByLabel('Flow name', { exact: true }).inputValue()).toBe('Acme Bank, spring');
    expect(JSON.parse(readFileSync(path.join(designer.served.flowsDir, 'bank.json'), 'utf8')).name).toBe('Acme Bank, spring');

    await setFlowName(page, 'Unfinished idea');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await getOpenedFlow(page)).source).toBe('draft');
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await expect.poll(() => page.getByLabel('Flow name', { exact: true }).inputValue()).toBe('Acme Bank, spring');
    expect(await getOpenedFlow(page)).toMatchObject({ source: 'published', flow: { name: 'Acme Bank, spring' } });
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('re-import', () => {
  test('importing the same export again says so, and "Replace draft" replaces the first draft', async () => {
    const { page, errors } = await openDesigner();
    const exportFile = path.join(REPO, 'tests/fixtures/import/studio-ivr.json');
    await page.getByTestId('import-input').setInputFiles(exportFile);
    await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(/Imported studio-ivr\.json as studio-ivr\b/);
    const importedName = await page.getByLabel('Flow name', { exact: true }).inputValue();
    await setFlowName(page, 'Edited after import');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Saved studio-ivr');

    await page.getByTestId('import-input').setInputFiles(exportFile);
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('looks imported already as studio-ivr');
    await dialog.getByRole('button', { name: 'Replace draft' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('over the draft of studio-ivr');
    await expect.poll(() => page.getByLabel('Flow name', { exact: true }).inputValue()).toBe(importedName);
    const ids = await page.evaluate(async () => ((await (await fetch('/api/flows')).json()) as Array<{ id: string }>).map((flow) => flow.id));
    expect(ids.filter((id) => id.startsWith('studio-ivr'))).toEqual(['studio-ivr']);

    // kept beside it, the copy's name says which is which
    await page.getByTestId('import-input').setInputFiles(exportFile);
    await page.getByRole('dialog').getByRole('button', { name: 'Keep both' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(/as studio-ivr-2/);
    await expect.poll(() => page.getByLabel('Flow name', { exact: true }).inputValue()).toBe(`${importedName} (2)`);
    expect(errors).toEqual([]);
  }, 60_000);
});
