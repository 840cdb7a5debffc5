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
