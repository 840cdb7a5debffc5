import type { NodeAnalytics } from '../../../core/designer-api/types.ts';

// The canvas overlay's scales: a node's colour by the share of its callers
// who hung up there, an edge's width by the share of calls taking it.

/** Drop-off at which a node is fully red: past a third of its callers lost, every node is an emergency. */
export const HEAT_FULL_SHARE = 1 / 3;

const clampShare = (share: number) => (Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0);

/** Green (nobody lost) through amber to red (HEAT_FULL_SHARE or more), as an HSL colour. */
export function toHeatColour(dropOffShare: number): string {
  const heat = clampShare(dropOffShare / HEAT_FULL_SHARE);
  const hue = Math.round(130 * (1 - heat));
  return `hsl(${hue} 70% ${Math.round(42 + 4 * (1 - heat))}%)`;
}

export const EDGE_WIDTH = { min: 1.5, max: 12 } as const;

/** Stroke width of an edge `calls` of `totalCalls` took; a thin line for one nobody took. */
export function toEdgeWidth(calls: number, totalCalls: number): number {
  if (totalCalls <= 0) return EDGE_WIDTH.min;
  const width = EDGE_WIDTH.min + (EDGE_WIDTH.max - EDGE_WIDTH.min) * clampShare(calls / totalCalls);
  return Math.round(width * 10) / 10;
}

/** A node's rates, each over its visits (0 with no visits). */
export interface NodeRates {
  dropOff: number;
  zeroOut: number;
  noInput: number;
  noMatch: number;
}

export function getNodeRates(node: NodeAnalytics): NodeRates {
  const of = (count: number) => (node.visits > 0 ? count / node.visits : 0);
  return { dropOff: of(node.dropOffs), zeroOut: of(node.zeroOuts), noInput: of(node.noInputs), noMatch: of(node.noMatches) };
}

/** Calls per `source>target` pair, as the canvas keys an edge's ends. */
export function getEdgeCalls(edges: ReadonlyArray<{ from: string; to: string; calls: number }>): Map<string, number> {
  const calls = new Map<string, number>();
  for (const edge of edges) calls.set(`${edge.from}>${edge.to}`, (calls.get(`${edge.from}>${edge.to}`) ?? 0) + edge.calls);
  return calls;
}
