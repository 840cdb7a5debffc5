import type { Flow, FlowNode } from '../schema/flow.ts';
import { getExits, getKindSpec, type Decider, type Exit, type ExitType, type Role } from '../nodes/registry.ts';

/** Target index of an exit left unconnected. */
export const UNCONNECTED = -1;
/** Target index of an exit naming a node that does not exist. */
export const UNKNOWN_TARGET = -2;

/**
 * The adjacency structure every algorithm shares, built once per flow.
 * Nodes are numbered 0..n-1 in file order; exits are numbered 0..e-1 and
 * stored flat (exits of node i are exitStart[i] .. exitStart[i+1]-1), so the
 * solvers run on typed arrays rather than on objects.
 */
export interface FlowGraph {
  flow: Flow;
  /** node id by node index */
  ids: string[];
  /** node index by node id */
  indexOf: Map<string, number>;
  nodes: FlowNode[];
  decider: Decider[];
  role: Role[];
  /** index of the entry node, or -1 when the entry names no node */
  entry: number;
  /** first exit of each node; length n+1 */
  exitStart: Int32Array;
  /** node owning each exit */
  exitSource: Int32Array;
  /** target node of each exit, UNCONNECTED or UNKNOWN_TARGET */
  exitTarget: Int32Array;
  /** the exits themselves, for labels, types and handle ids */
  exits: Exit[];
  /** exits entering each node: predStart[j] .. predStart[j+1]-1 index into predExit */
  predStart: Int32Array;
  predExit: Int32Array;
}

export function buildFlowGraph(flow: Flow): FlowGraph {
  const ids = Object.keys(flow.nodes);
  const nodes = ids.map((id) => flow.nodes[id]!);
  const indexOf = new Map<string, number>();
  ids.forEach((id, index) => indexOf.set(id, index));
  const n = ids.length;

  const exits: Exit[] = [];
  const exitStart = new Int32Array(n + 1);
  const decider: Decider[] = new Array(n);
  const role: Role[] = new Array(n);
  for (let i = 0; i < n; i++) {
    exitStart[i] = exits.length;
    const node = nodes[i]!;
    const spec = getKindSpec(node);
    decider[i] = spec.decider;
    role[i] = spec.role;
    for (const exit of getExits(node)) exits.push(exit);
  }
  exitStart[n] = exits.length;

  const e = exits.length;
  const exitSource = new Int32Array(e);
  const exitTarget = new Int32Array(e);
  const inDegree = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let x = exitStart[i]!; x < exitStart[i + 1]!; x++) {
      exitSource[x] = i;
      const target = exits[x]!.target;
      const t = target === undefined ? UNCONNECTED : (indexOf.get(target) ?? UNKNOWN_TARGET);
      exitTarget[x] = t;
      if (t >= 0) inDegree[t]!++;
    }
  }
  // Counting sort of exits by target gives the reverse adjacency in O(V+E).
  const predStart = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) predStart[j + 1] = predStart[j]! + inDegree[j]!;
  const fill = predStart.slice(0, n);
  const predExit = new Int32Array(predStart[n]!);
  for (let x = 0; x < e; x++) {
    const t = exitTarget[x]!;
    if (t >= 0) predExit[fill[t]!++] = x;
  }

  return {
    flow,
    ids,
    indexOf,
    nodes,
    decider,
    role,
    entry: indexOf.get(flow.entry) ?? -1,
    exitStart,
    exitSource,
    exitTarget,
    exits,
    predStart,
    predExit,
  };
}

/** Exit types a caller with a fixed habit takes at caller-decides nodes. */
export type FixedCaller = Extract<ExitType, 'noInput' | 'noMatch'>;
