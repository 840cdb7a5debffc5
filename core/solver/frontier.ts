import type { Analysis } from './analyze.ts';

/**
 * The checked nodes where a problem starts: `bad` holds there but not at the
 * node the shortest route from the entry came from. Every bad checked node lies
 * below one of these, so reporting them names each problem once instead of
 * once per node upstream of it. In breadth-first order from the entry.
 */
export function getFrontier(analysis: Analysis, bad: (node: number) => boolean): number[] {
  const { graph, checked } = analysis;
  const frontier: number[] = [];
  for (const node of checked.order) {
    if (!bad(node)) continue;
    const x = checked.parentExit[node]!;
    if (x < 0 || !bad(graph.exitSource[x]!)) frontier.push(node);
  }
  return frontier;
}

/** The checked node with the largest finite value that `include` accepts, the first in breadth-first order on a tie; -1 when none. */
export function getWorstNode(analysis: Analysis, value: Float64Array, include: (node: number) => boolean = () => true): number {
  let worst = -1;
  for (const node of analysis.checked.order) {
    if (value[node] === Infinity || !include(node)) continue;
    if (worst < 0 || value[node]! > value[worst]!) worst = node;
  }
  return worst;
}
