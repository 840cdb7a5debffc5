import type { Position } from './canvas-types.ts';

// Where a node added by a click goes: the free spot nearest the middle of the
// view, so it never lands on a card already there.

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Position, Size {}

/** Space kept between the new card and its neighbours, in flow units. */
const GAP = 24;
/** Rings of the search grid; past them the card goes below everything, which is always free. */
const MAX_RINGS = 40;

function isFree(spot: Position, size: Size, occupied: readonly Rect[]): boolean {
  return occupied.every(
    (rect) =>
      spot.x >= rect.x + rect.width + GAP ||
      spot.x + size.width + GAP <= rect.x ||
      spot.y >= rect.y + rect.height + GAP ||
      spot.y + size.height + GAP <= rect.y,
  );
}

/** The grid cells at Chebyshev distance `ring` from the middle, nearest on screen first. */
function getRingCells(ring: number, step: Position): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  for (let column = -ring; column <= ring; column++) {
    for (let row = -ring; row <= ring; row++) {
      if (Math.max(Math.abs(column), Math.abs(row)) === ring) cells.push([column, row]);
    }
  }
  const distance = ([column, row]: [number, number]) => (column * step.x) ** 2 + (row * step.y) ** 2;
  return cells.sort((a, b) => distance(a) - distance(b));
}

/**
 * The top-left corner for a card of `size` whose middle is as near `centre`
 * as the cards in `occupied` allow: the nearest cell of a grid one card plus
 * a gap wide, searched ring by ring outwards.
 */
export function findFreeSpot(occupied: readonly Rect[], centre: Position, size: Size): Position {
  const origin = { x: Math.round(centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) };
  const step = { x: size.width + GAP, y: size.height + GAP };
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    for (const [column, row] of getRingCells(ring, step)) {
      const spot = { x: origin.x + column * step.x, y: origin.y + row * step.y };
      if (isFree(spot, size, occupied)) return spot;
    }
  }
  const bottom = Math.max(...occupied.map((rect) => rect.y + rect.height));
  return { x: origin.x, y: Math.ceil(bottom) + GAP };
}
