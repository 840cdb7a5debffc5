/** A node card's footprint for auto-layout: cards are 240 px wide and grow with their exits. */
export const LAYOUT_SIZE = { nodeWidth: 250, nodeHeight: 150 } as const;

/** Zoom to fit, never past 100%: a flow of one or two nodes would otherwise fill the screen. */
export const FIT_VIEW = { padding: 0.15, maxZoom: 1 } as const;
