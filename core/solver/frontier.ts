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
  const { order } = checked;
  // indexed, not for-of: the loop runs once per rule over every checked node, before it is optimised
  for (let index = 0; index < order.length; index++) {
    const node = order[index]!;
    if (!bad(node)) continue;
    const x = checked.parentExit[node]!;
    if (x < 0 || !bad(graph.exitSource[x]!)) frontier.push(node);
  }
  return frontier;
}

/** The checked node with the largest finite value that `include` accepts, the first in breadth-first order on a tie; -1 when none. */
export function getWorstNode(analysis: Analysis, value: Float64Array, include: (node: number) => boolean = () => true): number {
  let worst = -1;
  const { order } = analysis.checked;
  for (let index = 0; index < order.length; index++) {
    const node = order[index]!;
    if (value[node] === Infinity || !include(node)) continue;
    if (worst < 0 || value[node]! > value[worst]!) worst = node;
  }
  return worst;
}
