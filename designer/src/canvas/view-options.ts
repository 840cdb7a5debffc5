/** A node card's footprint for auto-layout: cards are 240 px wide and grow with their exits. */
export const LAYOUT_SIZE = { nodeWidth: 240, nodeHeight: 130 } as const;

/** Zoom to fit, never past 100%: a flow of one or two nodes would otherwise fill the screen. */
export const FIT_VIEW = { padding: '24px', maxZoom: 1 } as const;

/**
 * Below this zoom a card's detail lines are too small to read, so cards show
 * only their kind, label and steps, in type sized for that zoom.
 */
export const COMPACT_BELOW_ZOOM = 0.75;

/**
 * The smallest zoom a flow opens at: a compact card's 27 px title is then about 11 px on screen,
 * the least a designer reads without leaning in (the readable-canvas browser test's bound).
 */
export const LEGIBLE_ZOOM = 0.4;
