import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useServedDesigner } from './harness.ts';

// Connecting as a designer does it: drag from an exit and let go anywhere on
// the card it should lead to; every exit of a menu has a handle of its own,
// however many there are; cards and edges read without overlapping words.

const designer = useServedDesigner();
const { openDesigner } = designer;
const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-connect-'));

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const card = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const exitHandles = (page: Page, id: string) => page.locator(`.react-flow__handle.source[data-nodeid="${id}"]`);
const centre = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The canvas's zoom, from React Flow's viewport transform. */
const getZoom = (page: Page) => page.locator('.react-flow__viewport').evaluate((viewport) => new DOMMatrix(getComputedStyle(viewport).transform).a);

/** Where to zoom so the span [low, high] grows towards filling [start, end] in step: the point that divides both in the same ratio. */
function getZoomAnchor(low: number, high: number, start: number, end: number): number {
  const anchor = (low * (end - start) - start * (high - low)) / (end - start - (high - low));
  return Math.min(end - 4, Math.max(start + 4, anchor));
}

/** Zooms in with the wheel, as a designer does to read cards, towards 100% while all of `ids` stay in view. */
async function zoomInOn(page: Page, ...ids: string[]): Promise<void> {
  const canvas = (await page.locator('.hl-canvas').boundingBox())!;
  for (let turn = 0; turn < 30 && (await getZoom(page)) < 0.95; turn++) {
    const boxes = await Promise.all(ids.map(async (id) => (await card(page, id).boundingBox())!));
    const left = Math.min(...boxes.map((box) => box.x));
    const top = Math.min(...boxes.map((box) => box.y));
    const right = Math.max(...boxes.map((box) => box.x + box.width));
    const bottom = Math.max(...boxes.map((box) => box.y + box.height));
    // each turn zooms by about 15%
    if ((right - left) * 1.2 > canvas.width || (bottom - top) * 1.2 > canvas.height) break;
    await page.mouse.move(getZoomAnchor(left, right, canvas.x, canvas.x + canvas.width), getZoomAnchor(top, bottom, canvas.y, canvas.y + canvas.height));
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(200);
}

/** What a designer sees on hovering an exit: where it leads ("to greeting"), or that it is open. */
const getExitTitle = (page: Page, id: string, exitId: string) =>
  page.locator(`.react-flow__handle.source[data-nodeid="${id}"][data-handleid="${exitId}"]`).evaluate((handle) => (handle.closest('[title]') as HTMLElement).title);

/** Presses on an exit's handle and moves to the middle of another card's body, without letting go. */
async function dragExitOnto(page: Page, id: string, exitId: string, target: string): Promise<void> {
  const from = centre((await exitHandles(page, id).and(page.locator(`[data-handleid="${exitId}"]`)).boundingBox())!);
  const to = centre((await card(page, target).boundingBox())!);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
}

/** Whether the element on top at the middle of the card is marked as where the connection will land. */
const isHighlightedTarget = (page: Page, id: string) =>
  card(page, id).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return top !== null && element.contains(top) && top.classList.contains('connectingto') && top.classList.contains('valid') && getComputedStyle(top).boxShadow !== 'none';
  });

/** For each exit handle of a card: its exit id, its words, and whether it is the element on top at its own centre. */
const getHandleReach = (page: Page, id: string) =>
  exitHandles(page, id).evaluateAll((handles) =>
    handles.map((handle) => {
      const box = handle.getBoundingClientRect();
      const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return { exitId: handle.getAttribute('data-handleid'), words: handle.closest('.hl-exit')?.textContent ?? '', onTop: top === handle || (top !== null && handle.contains(top)) };
    }),
  );

/** A menu with six keys, no input and no match: eight exits, as imported Studio menus have. */
const EIGHT_EXITS = {
  name: 'Eight exits',
  entry: 'menu',
  nodes: {
    menu: {
      kind: 'menu',
      prompt: 'Press a key.',
      options: ['1', '2', '3', '4', '5', '0'].map((key) => ({ key, next: 'bye' })),
      noInput: { next: 'bye' },
      noMatch: { next: 'bye' },
    },
    bye: { kind: 'hangup' },
  },
  ui: { positions: { menu: { x: 0, y: 0 }, bye: { x: 0, y: 400 } } },
};

describe('connecting and reading cards in a browser', () => {
  test('an exit let go in the middle of another card connects to it, and that card is highlighted while dragging', async () => {
    const { page, errors } = await openDesigner();
    await zoomInOn(page, 'main_menu', 'greeting');
    expect(await getExitTitle(page, 'main_menu', 'noMatch.next')).toBe('to agent_hours');

    await dragExitOnto(page, 'main_menu', 'noMatch.next', 'greeting');
    await expect.poll(() => isHighlightedTarget(page, 'greeting')).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'dragging-onto-card.png') });
    await page.mouse.up();

    await expect.poll(() => getExitTitle(page, 'main_menu', 'noMatch.next')).toBe('to greeting');
    expect(await isHighlightedTarget(page, 'greeting')).toBe(false);
    expect(errors).toEqual([]);
  }, 60_000);

  test('the place a connection lands is the whole card, for every card of the bank flow', async () => {
    const { page, errors } = await openDesigner();
    const mismatched = await page.locator('.react-flow__node').evaluateAll((nodes) =>
      nodes.flatMap((node) => {
        const cardBox = node.querySelector('.hl-node')!.getBoundingClientRect();
        const targetBox = node.querySelector('.react-flow__handle.target')!.getBoundingClientRect();
        const same = (['x', 'y', 'width', 'height'] as const).every((side) => Math.abs(cardBox[side] - targetBox[side]) <= 1);
        return same ? [] : [node.getAttribute('data-id')];
      }),
    );
    expect(mismatched).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test("every exit of the bank's main menu has its own handle on top under its own words, and each connects", async () => {
    const { page, errors } = await openDesigner();
    await zoomInOn(page, 'main_menu', 'greeting');
    await page.screenshot({ path: path.join(SHOTS, 'main-menu.png') });
    const reach = await getHandleReach(page, 'main_menu');
    expect(reach.map((handle) => handle.words)).toEqual(['press 1', 'press 2', 'press 3', 'press 0', 'no input', 'no match']);
    expect(reach.filter((handle) => !handle.onTop)).toEqual([]);

    for (const { exitId } of reach) {
      await dragExitOnto(page, 'main_menu', exitId!, 'greeting');
      await page.mouse.up();
      await expect.poll(() => getExitTitle(page, 'main_menu', exitId!)).toBe('to greeting');
    }
    expect(errors).toEqual([]);
  }, 60_000);

  test('a menu with eight exits shows eight handles, each reachable', async () => {
    const { page, errors } = await openDesigner();
    const saved = await page.evaluate(
      (flow) => fetch('/api/flows/eight-exits', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ flow }) }).then((response) => response.status),
      EIGHT_EXITS,
    );
    expect(saved).toBe(200);
    await page.goto(`${designer.served.url}/#flow=eight-exits`);
    await page.reload();
    await card(page, 'menu').waitFor();
    await zoomInOn(page, 'menu');
    await page.screenshot({ path: path.join(SHOTS, 'eight-exits.png') });
    const reach = await getHandleReach(page, 'menu');
    expect(reach.map((handle) => handle.words)).toEqual(['press 1', 'press 2', 'press 3', 'press 4', 'press 5', 'press 0', 'no input', 'no match']);
    expect(reach.filter((handle) => !handle.onTop)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('an hours card shows its opening hours', async () => {
    const { page, errors } = await openDesigner();
    expect(await card(page, 'agent_hours').locator('.hl-node-detail').textContent()).toBe('Mon–Fri 08:00–20:00, Sat 09:00–14:00 · America/New_York · 11 holidays');
    expect(errors).toEqual([]);
  }, 60_000);

  test('no two edge or exit labels of the bank flow overlap', async () => {
    const { page, errors } = await openDesigner();
    await page.screenshot({ path: path.join(SHOTS, 'bank-fit.png') });

    const labels = await page.locator('.react-flow__edge-textwrapper, .hl-exit').evaluateAll((elements) =>
      elements.map((element) => {
        const { x, y, width, height } = element.getBoundingClientRect();
        return { text: element.textContent ?? '', x, y, width, height };
      }),
    );
    const overlapping = labels.flatMap((a, index) => labels.slice(index + 1).filter((b) => overlaps(a, b)).map((b) => `${a.text} / ${b.text}`));
    expect(overlapping).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
