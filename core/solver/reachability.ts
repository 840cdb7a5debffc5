import type { FlowGraph } from '../graph/flow-graph.ts';

export interface Reach {
  /** 1 for each node the walk reached */
  reached: Uint8Array;
  /** reached nodes in breadth-first order from the entry */
  order: Int32Array;
  /** the exit through which each node was first reached (a shortest route), -1 for the entry and unreached nodes */
  parentExit: Int32Array;
  /** exits on the shortest route from the entry to each node, -1 for unreached nodes */
  depth: Int32Array;
}

/**
 * Breadth-first walk from the entry (from every start, in a line of flows). `follow(exit)` says which exits the walk
 * takes and `expand(node)` whether it leaves a node at all, so one walk gives
 * both the reachable nodes and the checked ones (SPEC: reachable without
 * passing a success outcome or a follow-up).
 */
export function walkFromEntry(graph: FlowGraph, follow: (exit: number) => boolean, expand: (node: number) => boolean): Reach {
  const n = graph.ids.length;
  const reached = new Uint8Array(n);
  const parentExit = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  const depth = new Int32Array(n).fill(-1);
  let head = 0;
  let tail = 0;
  for (const start of graph.starts) {
    reached[start] = 1;
    depth[start] = 0;
    order[tail++] = start;
  }
  while (head < tail) {
    const u = order[head++]!;
    if (!expand(u)) continue;
    for (let x = graph.exitStart[u]!; x < graph.exitStart[u + 1]!; x++) {
      const t = graph.exitTarget[x]!;
      if (t < 0 || reached[t] || !follow(x)) continue;
      reached[t] = 1;
      parentExit[t] = x;
      depth[t] = depth[u]! + 1;
      order[tail++] = t;
    }
  }
  return { reached, order: order.slice(0, tail), parentExit, depth };
}

/** Every node the call can get to, whatever happens. */
export function getReachable(graph: FlowGraph): Reach {
  return walkFromEntry(graph, () => true, () => true);
}

/** The nodes the guarantee is checked on: reachable before a person or a follow-up was reached. */
export function getChecked(graph: FlowGraph): Reach {
  return walkFromEntry(
    graph,
    (x) => graph.exitType[x] !== 'success',
    (u) => graph.role[u] !== 'followUp',
  );
}
