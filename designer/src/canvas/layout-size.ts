/** A node card's footprint for auto-layout: cards are 240 px wide and grow with their exits. */
export const LAYOUT_SIZE = { nodeWidth: 250, nodeHeight: 150 } as const;
