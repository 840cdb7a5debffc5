import type { FlowGraph } from '../graph/flow-graph.ts';

/**
 * Strongly connected components of the trapped nodes (those from which the
 * environment can keep the call going forever), following the exits that keep
 * the call inside the trap. Iterative Tarjan: flows of 100k nodes would
 * overflow a recursive one. Returns the components that contain a cycle.
 */
export function getTrapCycles(graph: FlowGraph, trapped: Uint8Array, active: Uint8Array): number[][] {
  const n = graph.ids.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const cycles: number[][] = [];
  const callNode: number[] = [];
  const callExit: number[] = [];
  let counter = 0;

  const inside = (x: number) => active[x] === 1 && graph.exitTarget[x]! >= 0 && trapped[graph.exitTarget[x]!] === 1;

  for (let root = 0; root < n; root++) {
    if (!trapped[root] || index[root]! >= 0) continue;
    callNode.push(root);
    callExit.push(graph.exitStart[root]!);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callNode.length > 0) {
      const top = callNode.length - 1;
      const u = callNode[top]!;
      const x = callExit[top]!;
      if (x < graph.exitStart[u + 1]!) {
        callExit[top] = x + 1;
        if (!inside(x)) continue;
        const v = graph.exitTarget[x]!;
        if (index[v]! < 0) {
          index[v] = low[v] = counter++;
          stack.push(v);
          onStack[v] = 1;
          callNode.push(v);
          callExit.push(graph.exitStart[v]!);
        } else if (onStack[v]) {
          low[u] = Math.min(low[u]!, index[v]!);
        }
        continue;
      }
      callNode.pop();
      callExit.pop();
      if (callNode.length > 0) {
        const parent = callNode[callNode.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[u]!);
      }
      if (low[u] === index[u]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== u);
        if (component.length > 1 || hasSelfLoop(graph, u, inside)) cycles.push(component.reverse());
      }
    }
  }
  return cycles;
}

function hasSelfLoop(graph: FlowGraph, u: number, inside: (x: number) => boolean): boolean {
  for (let x = graph.exitStart[u]!; x < graph.exitStart[u + 1]!; x++) if (inside(x) && graph.exitTarget[x] === u) return true;
  return false;
}
