import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findFreeSpot, type Rect, type Size } from '../../designer/src/model/free-spot.ts';

// A node added by a click lands in free space near the middle of the view.

const CARD: Size = { width: 220, height: 80 };

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('findFreeSpot', () => {
  it('centres the card on the middle of the view when nothing is there', () => {
    expect(findFreeSpot([], { x: 500, y: 300 }, CARD)).toEqual({ x: 390, y: 260 });
  });

  it('puts the card beside one that sits on the middle of the view, not on it', () => {
    const existing: Rect = { x: 390, y: 260, ...CARD };
    const spot = findFreeSpot([existing], { x: 500, y: 300 }, CARD);
    expect(overlaps({ ...spot, ...CARD }, existing)).toBe(false);
    // the nearest free cell: one row above or below, in the same column
    expect(spot.x).toBe(390);
    expect(Math.abs(spot.y - 260)).toBeLessThanOrEqual(CARD.height + 24);
  });

  it('cards added one after another on the same middle never cover each other', () => {
    const placed: Rect[] = [];
    for (let count = 0; count < 30; count++) placed.push({ ...findFreeSpot(placed, { x: 0, y: 0 }, CARD), ...CARD });
    for (const [index, rect] of placed.entries()) {
      expect(placed.slice(index + 1).filter((other) => overlaps(rect, other))).toEqual([]);
    }
  });

  it('goes below everything when the whole neighbourhood is taken', () => {
    const wall: Rect = { x: -1e6, y: -1e6, width: 2e6, height: 2e6 };
    const spot = findFreeSpot([wall], { x: 0, y: 0 }, CARD);
    expect(overlaps({ ...spot, ...CARD }, wall)).toBe(false);
  });

  it('never overlaps an existing node, whatever the nodes and the middle', () => {
    const rect = fc.record({
      x: fc.integer({ min: -3000, max: 3000 }),
      y: fc.integer({ min: -3000, max: 3000 }),
      width: fc.integer({ min: 1, max: 800 }),
      height: fc.integer({ min: 1, max: 600 }),
    });
    const size = fc.record({ width: fc.integer({ min: 1, max: 400 }), height: fc.integer({ min: 1, max: 300 }) });
    const centre = fc.record({ x: fc.integer({ min: -2000, max: 2000 }), y: fc.integer({ min: -2000, max: 2000 }) });
    fc.assert(
      fc.property(fc.array(rect, { maxLength: 60 }), centre, size, (occupied, middle, card) => {
        const spot = findFreeSpot(occupied, middle, card);
        return occupied.every((existing) => !overlaps({ ...spot, ...card }, existing));
      }),
      { seed: 20261130, numRuns: 500 },
    );
  });
});
