import type { FlowGraph } from '../graph/flow-graph.ts';

/**
 * Closing nodes (SPEC section 3): a hangup, and any node without a caller
 * decision, a person or a follow-up whose every exit leads to a closing node
 * or is unconnected. A least fixpoint, computed backwards in O(V+E); a cycle
 * of such nodes is not closing (it is an endless loop instead).
 */
export function getClosingNodes(graph: FlowGraph, options: { unconnectedExitsClose?: boolean } = {}): Uint8Array {
  const n = graph.ids.length;
  const closing = new Uint8Array(n);
  const openExits = new Int32Array(n);
  // each node enters the queue once, when it is found closing: a typed array of n, not a growing list
  const queue = new Int32Array(n);
  let tail = 0;
  // with `unconnectedExitsClose: false`, only a real hang-up ends a call: a node with an unconnected exit never closes
  const hasUnconnectedExit = (i: number) => {
    for (let x = graph.exitStart[i]!; x < graph.exitStart[i + 1]!; x++) if (graph.exitTarget[x]! < 0) return true;
    return false;
  };
  const eligible = (i: number) => graph.decider[i] !== 'caller' && graph.role[i] === 'step' && (options.unconnectedExitsClose !== false || !hasUnconnectedExit(i));

  for (let i = 0; i < n; i++) {
    if (graph.role[i] === 'end') {
      closing[i] = 1;
      queue[tail++] = i;
      continue;
    }
    if (!eligible(i)) continue;
    let open = 0;
    for (let x = graph.exitStart[i]!; x < graph.exitStart[i + 1]!; x++) if (graph.exitTarget[x]! >= 0) open++;
    openExits[i] = open;
    if (open === 0) {
      closing[i] = 1;
      queue[tail++] = i;
    }
  }
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    for (let p = graph.predStart[u]!; p < graph.predStart[u + 1]!; p++) {
      const s = graph.exitSource[graph.predExit[p]!]!;
      if (closing[s] || !eligible(s)) continue;
      if (--openExits[s]! === 0) {
        closing[s] = 1;
        queue[tail++] = s;
      }
    }
  }
  return closing;
}
