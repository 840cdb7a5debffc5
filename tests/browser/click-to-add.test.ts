import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useServedDesigner } from './harness.ts';

// A node added by a click on the palette lands in free space near the middle
// of the view, never on top of a card already there.

const { openDesigner } = useServedDesigner();

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every card's box on screen, by node id. */
async function getCardBoxes(page: Page): Promise<Box[]> {
  return page.locator('.react-flow__node').evaluateAll((cards) =>
    cards.map((card) => {
      const box = card.getBoundingClientRect();
      return { id: card.getAttribute('data-id')!, x: box.x, y: box.y, width: box.width, height: box.height };
    }),
  );
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The ids of cards the card `id` covers. */
async function getCoveredCards(page: Page, id: string): Promise<string[]> {
  const boxes = await getCardBoxes(page);
  const added = boxes.find((box) => box.id === id)!;
  return boxes.filter((box) => box.id !== id && overlaps(added, box)).map((box) => box.id);
}

/** Clicks "Add say" and returns the id of the node it added. */
async function addSayByClick(page: Page): Promise<string> {
  const before = new Set((await getCardBoxes(page)).map((box) => box.id));
  await page.getByRole('button', { name: 'Add say' }).click();
  await expect.poll(async () => (await getCardBoxes(page)).length).toBe(before.size + 1);
  const added = (await getCardBoxes(page)).find((box) => !before.has(box.id))!;
  // React Flow measures a card a frame after it mounts.
  await page.waitForTimeout(100);
  return added.id;
}

describe('click-to-add in a browser', () => {
  test('nodes added by clicking the palette never cover a card, even when the middle of the view is on one', async () => {
    const { page, errors } = await openDesigner();

    const first = await addSayByClick(page);
    expect(await getCoveredCards(page, first)).toEqual([]);
    const second = await addSayByClick(page);
    expect(await getCoveredCards(page, second)).toEqual([]);

    // pan so the middle of the canvas lies on the main menu's card
    const canvas = (await page.locator('.hl-canvas').boundingBox())!;
    const menu = (await page.locator('.react-flow__node[data-id="main_menu"]').boundingBox())!;
    const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
    const grab = { x: canvas.x + 12, y: canvas.y + canvas.height - 12 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x + centre.x - (menu.x + menu.width / 2), grab.y + centre.y - (menu.y + menu.height / 2), { steps: 10 });
    await page.mouse.up();
    const panned = (await page.locator('.react-flow__node[data-id="main_menu"]').boundingBox())!;
    expect(panned.x < centre.x && centre.x < panned.x + panned.width && panned.y < centre.y && centre.y < panned.y + panned.height).toBe(true);

    const third = await addSayByClick(page);
    expect(await getCoveredCards(page, third)).toEqual([]);
    // near the middle of the view: inside the canvas
    const added = (await getCardBoxes(page)).find((box) => box.id === third)!;
    expect(added.x >= canvas.x && added.x + added.width <= canvas.x + canvas.width && added.y >= canvas.y && added.y + added.height <= canvas.y + canvas.height).toBe(true);
    expect(errors).toEqual([]);
  });
});
