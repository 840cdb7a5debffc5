import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { SCREENSHOTS, useServedDesigner, watchPageErrors } from './harness.ts';

// The bank flow (22 nodes) read on one laptop screen: at "fit" every card's
// label is legible and in view, nothing the canvas draws on top hides a card,
// the header keeps one row whatever the verdict says, and the canvas gets most
// of the screen.

/**
 * An import's canvas, as Studio and Connect lay flows out: 20 cards in a row 380 px apart, which fit
 * the screen only at a zoom where no card can be read.
 */
function createWideFlow(): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  const positions: Record<string, { x: number; y: number }> = {};
  const count = 20;
  for (let index = 0; index < count; index++) {
    const id = index === 0 ? 'welcome' : `note_${index}`;
    nodes[id] = { kind: 'say', prompt: `Note ${index}.`, next: index === count - 1 ? 'agent' : `note_${index + 1}` };
    positions[id] = { x: index * 380, y: (index % 4) * 450 };
  }
  nodes.agent = { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } };
  nodes.vm = { kind: 'voicemail', prompt: 'Leave a message.' };
  positions.agent = { x: count * 380, y: 0 };
  positions.vm = { x: count * 380, y: 450 };
  return { name: 'Wide import', entry: 'welcome', nodes, ui: { positions } };
}

const designer = useServedDesigner({ wide: createWideFlow() });

/** The smallest text a designer reads without leaning in, in screen pixels. */
const LEGIBLE_PX = 11;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/** The canvas zoom React Flow applies to the cards. */
const getZoom = (page: Page) => page.locator('.react-flow__viewport').evaluate((viewport) => new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a);

/** A logged-in page with the bank flow at `width` x `height`, zoomed to fit once the view has settled. */
async function openBankAt(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const page = await designer.newPage({ viewport: { width, height }, timezoneId: 'UTC' });
  const errors = watchPageErrors(page);
  await page.goto(designer.served.loginUrl);
  await page.getByTestId('verdict').waitFor();
  await page.locator('.react-flow__node[data-id="goodbye"]').waitFor();
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await waitForSettledZoom(page);
  return { page, errors };
}

async function waitForSettledZoom(page: Page): Promise<number> {
  let previous = -1;
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.waitForTimeout(100);
    const zoom = await getZoom(page);
    if (zoom === previous) return zoom;
    previous = zoom;
  }
  throw new Error('the canvas zoom never settled');
}

/** Every card's label: its on-screen font size and box, by node id. */
async function getLabels(page: Page): Promise<Array<{ id: string; text: string; screenPx: number; box: Box }>> {
  const zoom = await getZoom(page);
  return page.locator('.react-flow__node').evaluateAll(
    (cards, zoom) =>
      cards.map((card) => {
        const label = card.querySelector('.hl-node-title')!;
        const { x, y, width, height } = label.getBoundingClientRect();
        return { id: card.getAttribute('data-id')!, text: label.textContent ?? '', screenPx: parseFloat(getComputedStyle(label).fontSize) * zoom, box: { x, y, width, height } };
      }),
    zoom,
  );
}

const getBox = async (page: Page, selector: string): Promise<Box> => (await page.locator(selector).boundingBox())!;

const SCREENS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;

describe('the canvas on one laptop screen', () => {
  for (const { width, height } of SCREENS) {
    test(`${width}x${height}: at fit every card of the bank flow is legible, in view and uncovered`, async () => {
      const { page, errors } = await openBankAt(width, height);
      const canvas = await getBox(page, '.hl-canvas');
      // the canvas gets most of the screen: side panels and the problems list leave it room
      expect(canvas.height / height).toBeGreaterThanOrEqual(0.75);
      expect(canvas.width / width).toBeGreaterThanOrEqual(0.58);

      const labels = await getLabels(page);
      expect(labels).toHaveLength(22);
      for (const label of labels) {
        expect(label.screenPx, `${label.id}'s label in screen px`).toBeGreaterThanOrEqual(LEGIBLE_PX);
        expect(label.text.trim(), label.id).not.toBe('');
        expect(inside(label.box, canvas), `${label.id}'s label inside the canvas`).toBe(true);
      }

      // nothing drawn over the canvas (minimap, zoom controls) covers a card
      const cards = await page.locator('.react-flow__node').evaluateAll((elements) =>
        elements.map((element) => {
          const { x, y, width, height } = element.getBoundingClientRect();
          return { id: element.getAttribute('data-id')!, box: { x, y, width, height } };
        }),
      );
      for (const overlay of ['.react-flow__minimap', '.react-flow__controls']) {
        const box = await getBox(page, overlay);
        expect(cards.filter((card) => overlaps(card.box, box)).map((card) => card.id), `cards under ${overlay}`).toEqual([]);
      }

      // a goodbye reaches no person by design: its badge does not look like a fault
      expect(await page.getByTestId('badge-goodbye').textContent()).toBe('no person');
      expect(await page.getByTestId('badge-goodbye').getAttribute('class')).toContain('is-final');
      await page.screenshot({ path: path.join(SCREENSHOTS, `bank-${width}x${height}.png`) });
      expect(errors).toEqual([]);
    }, 60_000);

    test(`${width}x${height}: the header is one row, as high with a long verdict as with a short one`, async () => {
      const { page, errors } = await openBankAt(width, height);
      const header = page.locator('.hl-header');
      const verdict = page.getByTestId('verdict');
      /** Every item of the header sits in one row: each one's box spans the same middle line. */
      const getRows = () =>
        header.evaluate((element) => {
          const items = [...element.children].filter((child) => (child as HTMLElement).offsetParent !== null).map((child) => child.getBoundingClientRect());
          const lowestTop = Math.max(...items.map((item) => item.top));
          const highestBottom = Math.min(...items.map((item) => item.bottom));
          return { height: element.getBoundingClientRect().height, oneRow: lowestTop < highestBottom };
        });
      const short = await getRows();
      expect(short.oneRow).toBe(true);
      expect(short.height).toBeLessThanOrEqual(48);

      // a step budget of 1 breaks the guarantee at many nodes: a long verdict
      await page.getByLabel('Step budget').fill('1');
      await expect.poll(async () => (await verdict.textContent())!.length).toBeGreaterThan(100);
      const long = await getRows();
      expect(long).toEqual(short);
      // the whole verdict is one hover away
      const fullText = (await verdict.textContent())!.replace(/^[✓✗]\s*/, '');
      expect(await verdict.getAttribute('title')).toContain(fullText.trim());
      expect(errors).toEqual([]);
    }, 60_000);
  }

  test('a card shows its detail again once zoomed in', async () => {
    const { page, errors } = await openBankAt(1440, 900);
    const summary = page.locator('.react-flow__node[data-id="main_menu"] .hl-node-summary');
    expect(await summary.isVisible()).toBe(false);
    for (let click = 0; click < 12 && (await getZoom(page)) < 0.9; click++) await page.locator('.react-flow__controls-zoomin').click();
    await waitForSettledZoom(page);
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);

  test('the minimap shows every card, and folds away and back', async () => {
    const { page, errors } = await openBankAt(1280, 720);
    const cards = await page.locator('.react-flow__node').count();
    expect(cards).toBe(22);
    // drawn from what React Flow measured: a canvas that kept its measurements to itself left it empty
    await expect.poll(() => page.locator('.react-flow__minimap-node').count()).toBe(cards);
    await page.getByRole('button', { name: 'Hide minimap' }).click();
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
    await page.getByRole('button', { name: 'Show minimap' }).click();
    expect(await page.locator('.react-flow__minimap').count()).toBe(1);
    await expect.poll(() => page.locator('.react-flow__minimap-node').count()).toBe(cards);
    expect(errors).toEqual([]);
  }, 60_000);

  test('a flow too wide to read at fit opens legible at its entry, and Fit still shows all of it', async () => {
    const { page, errors } = await designer.openDesigner('#flow=wide');
    await page.locator('.react-flow__node[data-id="welcome"]').waitFor();
    const opening = await waitForSettledZoom(page);
    // a compact card's title at 11 px or more on screen
    expect(opening).toBeGreaterThanOrEqual(0.4);
    const canvas = await getBox(page, '.hl-canvas');
    const entry = await getBox(page, '.react-flow__node[data-id="welcome"]');
    expect(inside(entry, canvas), 'the entry card in view').toBe(true);
    expect(entry.x - canvas.x).toBeLessThan(canvas.width / 2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'wide-import-opening.png') });
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    expect(await waitForSettledZoom(page)).toBeLessThan(0.2);
    const last = await getBox(page, '.react-flow__node[data-id="vm"]');
    expect(inside(last, canvas), 'the last card in view after Fit').toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);
});
