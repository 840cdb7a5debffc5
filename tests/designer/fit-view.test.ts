import { describe, expect, it } from 'vitest';
import { getFitViewport, getOpeningViewport, type Rect, type Viewport } from '../../designer/src/model/fit-view.ts';

// Zoom to fit never leaves a card under the minimap or the zoom buttons, and
// gives up as little zoom as it can to keep them over empty canvas.

const limits = { padding: 20, minZoom: 0.1, maxZoom: 1 };
const view = { width: 800, height: 600 };
const minimap: Rect = { x: 640, y: 490, width: 145, height: 95 };

const toScreen = (node: Rect, { x, y, zoom }: Viewport): Rect => ({ x: node.x * zoom + x, y: node.y * zoom + y, width: node.width * zoom, height: node.height * zoom });
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A grid of `columns` x `rows` cards, 240 x 150 at a 270 x 200 pitch, minus the cells `without` ("column,row"). */
function grid(columns: number, rows: number, without: string[] = []): Rect[] {
  const cards: Rect[] = [];
  for (let column = 0; column < columns; column++) for (let row = 0; row < rows; row++) if (!without.includes(`${column},${row}`)) cards.push({ x: column * 270, y: row * 200, width: 240, height: 150 });
  return cards;
}

describe('getFitViewport', () => {
  it('fits a flow with nothing over the canvas as a plain fit does, centred', () => {
    const viewport = getFitViewport(grid(4, 3), view, [], limits)!;
    expect(viewport.zoom).toBeCloseTo(Math.min(760 / 1050, 560 / 550), 5);
    const screen = toScreen({ x: 0, y: 0, width: 1050, height: 550 }, viewport);
    expect(screen.x + screen.width / 2).toBeCloseTo(400, 5);
    expect(screen.y + screen.height / 2).toBeCloseTo(300, 5);
  });

  it('keeps the zoom when the flow leaves a corner free for the minimap, and no card under it', () => {
    const cards = grid(4, 3, ['3,2']);
    const viewport = getFitViewport(cards, view, [minimap], limits)!;
    expect(viewport.zoom).toBeCloseTo(760 / 1050, 5);
    expect(cards.filter((card) => overlaps(toScreen(card, viewport), minimap))).toEqual([]);
  });

  it('zooms out only as far as it takes when every corner is full', () => {
    // a view of the flow's own shape: no slack to move the flow aside
    const cards = grid(4, 3);
    const small = { width: 545, height: 295 };
    const corner: Rect = { x: 400, y: 200, width: 140, height: 90 };
    const plain = Math.min(505 / 1050, 255 / 550);
    const viewport = getFitViewport(cards, small, [corner], limits)!;
    expect(viewport.zoom).toBeLessThan(plain);
    expect(viewport.zoom).toBeGreaterThan(plain * 0.7);
    expect(cards.filter((card) => overlaps(toScreen(card, viewport), corner))).toEqual([]);
  });

  it('never zooms past 100%, and has nothing to fit without nodes', () => {
    expect(getFitViewport(grid(1, 1), view, [minimap], limits)!.zoom).toBe(1);
    expect(getFitViewport([], view, [minimap], limits)).toBeNull();
  });
});

describe('getOpeningViewport', () => {
  it('opens at the fit when the fit is legible', () => {
    const fitted = getFitViewport(grid(4, 3), view, [minimap], limits)!;
    expect(getOpeningViewport(fitted, grid(1, 1)[0], view, 0.4)).toEqual(fitted);
  });

  it('opens a flow too wide to read at fit at the legible zoom, its entry a third across and a quarter down', () => {
    // an import whose canvas spans 20 columns: its fit is a smudge
    const cards = grid(20, 6);
    const fitted = getFitViewport(cards, view, [minimap], limits)!;
    expect(fitted.zoom).toBeLessThan(0.2);
    const entry = cards[7]!;
    const opening = getOpeningViewport(fitted, entry, view, 0.4);
    expect(opening.zoom).toBe(0.4);
    const onScreen = toScreen(entry, opening);
    expect(onScreen.x + onScreen.width / 2).toBeCloseTo(800 / 3, 5);
    expect(onScreen.y + onScreen.height / 2).toBeCloseTo(600 / 4, 5);
    // with no entry card to show (a flow whose entry names no node), the fit
    expect(getOpeningViewport(fitted, undefined, view, 0.4)).toEqual(fitted);
  });
});
