import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createCoverageReportText, createFlowCoverage } from '../helpers/coverage-report.ts';
import { clickEdge, SCREENSHOTS, useServedDesigner } from './harness.ts';

// A coverage report of `humanline test --coverage -f json` loaded in the designer marks,
// on the open flow, the exits and nodes no test walked, until the user clears the marks.

const { openDesigner } = useServedDesigner();

const WALKS = 8;
const coverage = createFlowCoverage('bank', WALKS);
const uncoveredEdgeIds = coverage.uncoveredEdges.map((edge) => `${edge.nodeId}:${edge.exitId}`);
const reportFile = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

/** Every edge drawn on the canvas: its id, whether it carries the coverage mark, and its accessible name. */
async function getDrawnEdges(page: Page): Promise<Array<{ id: string; marked: boolean; ariaLabel: string }>> {
  return page.locator('.react-flow__edge').evaluateAll((edges) =>
    edges.map((edge) => ({ id: edge.getAttribute('data-id')!, marked: edge.classList.contains('is-uncovered'), ariaLabel: edge.getAttribute('aria-label') ?? '' })),
  );
}

const getMarkedNodes = (page: Page) => page.locator('.react-flow__node:has(.hl-node.is-uncovered)').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')!).sort());

const exitChip = (page: Page, nodeId: string, exitId: string) => page.locator(`.react-flow__node[data-id="${nodeId}"] .hl-exit[data-handleid="${exitId}"]`);

describe('coverage marks in a browser', () => {
  test('a report for the bank flow marks the exits and nodes no test walked, follows an edit, and clears', async () => {
    const { page, errors } = await openDesigner();
    const legend = page.getByTestId('coverage-legend');
    const notice = page.getByTestId('notice');

    // a report of another flow is refused, and nothing is marked
    await page.getByTestId('coverage-input').setInputFiles(reportFile('clinic-report.json', createCoverageReportText(['clinic'], 2)));
    await expect.poll(() => notice.textContent()).toBe('The report has no coverage for flow bank: it covers clinic');
    expect(await legend.count()).toBe(0);

    expect(await page.getByRole('button', { name: 'Load coverage' }).isEnabled()).toBe(true);
    await page.getByTestId('coverage-input').setInputFiles(reportFile('report.json', createCoverageReportText(['clinic', 'bank'], WALKS)));
    const { walked, total } = coverage.edges.all;
    await expect.poll(() => legend.textContent()).toContain(`Tests walk ${walked} of ${total} exits (${Math.floor((walked / total) * 100)}%)`);
    expect(await legend.textContent()).toContain('not walked by any test');
    expect(await notice.textContent()).toBe(`Loaded report.json: ${uncoveredEdgeIds.length} exits no test walked are marked.`);

    // the marked edges are exactly the report's, each saying so to a screen reader
    const drawn = await getDrawnEdges(page);
    expect(drawn.length).toBeGreaterThan(uncoveredEdgeIds.length);
    expect(drawn.filter((edge) => edge.marked).map((edge) => edge.id).sort()).toEqual(uncoveredEdgeIds.filter((id) => drawn.some((edge) => edge.id === id)).sort());
    for (const edge of drawn) expect(edge.ariaLabel.endsWith(', not walked by any test')).toBe(edge.marked);
    expect(drawn.find((edge) => edge.id === 'main_menu:options.0.next')?.marked).toBe(false);
    expect(drawn.find((edge) => edge.id === 'cards_menu:options.3.next')?.marked).toBe(true);
    // a walked edge is drawn as before, an unwalked one dotted in the coverage colour
    const strokeOf = (id: string) =>
      page.locator(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`).evaluate((line) => `${getComputedStyle(line).stroke} ${getComputedStyle(line).strokeDasharray}`);
    expect(await strokeOf('cards_menu:options.3.next')).toMatch(/^rgb\(176, 24, 143\) 1px, \d+px$/);
    expect(await strokeOf('main_menu:options.0.next')).toMatch(/ none$/);
    // the whole bank fits at a zoom where cards turn compact: there the dots are drawn thicker, to stay visible
    expect(await page.locator('.hl-canvas').getAttribute('class')).toContain('is-compact');
    expect(await page.locator('.react-flow__edge[data-id="cards_menu:options.3.next"] path.react-flow__edge-path').evaluate((line) => getComputedStyle(line).strokeWidth)).toBe('7px');
    expect(await getMarkedNodes(page)).toEqual([...coverage.uncoveredNodes].sort());
    expect(await exitChip(page, 'cards_menu', 'options.3.next').getAttribute('title')).toBe('to agent_hours; not walked by any test');
    expect(await exitChip(page, 'main_menu', 'options.0.next').getAttribute('class')).not.toContain('is-uncovered');

    await page.screenshot({ path: path.join(SCREENSHOTS, 'coverage.png') });

    // unconnected, the exit keeps its mark on its chip
    await clickEdge(page, 'loans_hours', 'else');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__edge[data-id="loans_hours:else"]').count()).toBe(0);
    expect(await exitChip(page, 'loans_hours', 'else').getAttribute('class')).toMatch(/is-open.*is-uncovered/);
    expect(await exitChip(page, 'loans_hours', 'else').getAttribute('title')).toBe('not connected: the call hangs up here; not walked by any test');
    // still red: an unconnected exit is a fault whether or not a test walks it
    expect(await exitChip(page, 'loans_hours', 'else').evaluate((chip) => getComputedStyle(chip).color)).toBe('rgb(192, 38, 45)');

    await page.getByRole('button', { name: 'Clear marks' }).click();
    expect(await legend.count()).toBe(0);
    expect(await page.locator('.is-uncovered').count()).toBe(0);
    expect((await getDrawnEdges(page)).some((edge) => edge.ariaLabel.includes('not walked'))).toBe(false);

    // dropped on the page, a report loads instead of being imported as a flow
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      return transfer;
    }, createCoverageReportText(['bank'], WALKS));
    await page.dispatchEvent('.hl-canvas', 'dragover', { dataTransfer });
    await page.dispatchEvent('.hl-canvas', 'drop', { dataTransfer });
    await expect.poll(() => notice.textContent()).toMatch(/^Loaded dropped\.json: /);
    expect(await page.locator('.hl-flow-id').textContent()).toMatch(/^bank\.json/);
    expect(await legend.count()).toBe(1);
    expect(await page.locator('.react-flow__edge.is-uncovered[data-id="balance_lookup:on.failed"]').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
