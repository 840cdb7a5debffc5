// Zoom to fit around what the canvas draws on top of itself (the minimap, the
// zoom buttons): the flow as large as the view allows with no card under one.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface FitLimits {
  /** screen pixels kept free around the flow */
  padding: number;
  minZoom: number;
  maxZoom: number;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function getBounds(rects: readonly Rect[]): Rect {
  const left = Math.min(...rects.map((rect) => rect.x));
  const top = Math.min(...rects.map((rect) => rect.y));
  const right = Math.max(...rects.map((rect) => rect.x + rect.width));
  const bottom = Math.max(...rects.map((rect) => rect.y + rect.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Where the flow may sit in the view's free room, as fractions of it: the centre first, then ever further out. */
const PLACEMENTS: ReadonlyArray<readonly [number, number]> = (() => {
  const steps = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((step) => step / 8);
  return steps.flatMap((x) => steps.map((y) => [x, y] as const)).sort((a, b) => Math.hypot(a[0] - 0.5, a[1] - 0.5) - Math.hypot(b[0] - 0.5, b[1] - 0.5));
})();
/** Each try gives up this share of zoom; the search stops at 40% of the plain fit. */
const ZOOM_STEP = 0.025;
const ZOOM_TRIES = 24;

const toScreen = (rect: Rect, viewport: Viewport): Rect => ({
  x: rect.x * viewport.zoom + viewport.x,
  y: rect.y * viewport.zoom + viewport.y,
  width: rect.width * viewport.zoom,
  height: rect.height * viewport.zoom,
});

const isClear = (nodes: readonly Rect[], overlays: readonly Rect[], viewport: Viewport) =>
  nodes.every((node) => {
    const onScreen = toScreen(node, viewport);
    return overlays.every((overlay) => !overlaps(onScreen, overlay));
  });

/**
 * The viewport showing every node (flow coordinates) in a view of `view`'s
 * size with no node under an overlay (view coordinates): the largest zoom,
 * tried in small steps down from a plain fit, at which some placement of the
 * flow (nearest the centre first) leaves every overlay over empty canvas,
 * such as a corner the flow does not fill. Null for no nodes.
 */
export function getFitViewport(nodes: readonly Rect[], view: { width: number; height: number }, overlays: readonly Rect[], limits: FitLimits): Viewport | null {
  if (nodes.length === 0) return null;
  const bounds = getBounds(nodes);
  const { padding } = limits;
  const room = { width: Math.max(1, view.width - 2 * padding), height: Math.max(1, view.height - 2 * padding) };
  const fitted = Math.min(limits.maxZoom, Math.max(limits.minZoom, Math.min(room.width / Math.max(1, bounds.width), room.height / Math.max(1, bounds.height))));
  const place = (zoom: number, [across, down]: readonly [number, number]): Viewport => ({
    x: padding + (room.width - bounds.width * zoom) * across - bounds.x * zoom,
    y: padding + (room.height - bounds.height * zoom) * down - bounds.y * zoom,
    zoom,
  });
  for (let attempt = 0; attempt < ZOOM_TRIES; attempt++) {
    const zoom = Math.max(limits.minZoom, fitted * (1 - attempt * ZOOM_STEP));
    const clear = PLACEMENTS.find((placement) => isClear(nodes, overlays, place(zoom, placement)));
    if (clear) return place(zoom, clear);
    if (zoom === limits.minZoom) break;
  }
  return place(fitted, [0.5, 0.5]);
}

/** Where the entry's card sits in an opening view that cannot show the whole flow: flows run on to the right and down from it. */
const ENTRY_ACROSS = 1 / 3;
const ENTRY_DOWN = 1 / 4;

/**
 * The view a flow opens at: the fit, unless the fit is too small to read (`legibleZoom`: an import
 * whose canvas spans thousands of pixels fits at 0.15, every card a smudge). Then the legible zoom,
 * with the entry's card a third of the way across and a quarter down, the rest a pan or the fit
 * button away, as Studio and Connect open at their start.
 */
export function getOpeningViewport(fitted: Viewport, entry: Rect | undefined, view: { width: number; height: number }, legibleZoom: number): Viewport {
  if (fitted.zoom >= legibleZoom || entry === undefined) return fitted;
  const zoom = legibleZoom;
  return {
    x: view.width * ENTRY_ACROSS - (entry.x + entry.width / 2) * zoom,
    y: view.height * ENTRY_DOWN - (entry.y + entry.height / 2) * zoom,
    zoom,
  };
}
