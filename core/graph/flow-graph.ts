import type { Flow, FlowNode, NodeKind, NodeOfKind } from '../schema/flow.ts';
import { forEachExit, getKindSpec, NODE_KINDS, type Decider, type Exit, type ExitType, type Role } from '../nodes/registry.ts';

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
  /** node indexes by kind, in file order, so a rule about menus need not visit every node */
  byKind: { [K in NodeKind]: number[] };
  decider: Decider[];
  role: Role[];
  /** index of the entry node, or -1 when the entry names no node */
  entry: number;
  /** every node a call can start at: the entry and, in a line of flows, each flow's entry */
  starts: number[];
  /** first exit of each node; length n+1 */
  exitStart: Int32Array;
  /** node owning each exit */
  exitSource: Int32Array;
  /** target node of each exit, UNCONNECTED or UNKNOWN_TARGET */
  exitTarget: Int32Array;
  /** the exits, column by column (no object per exit: flows get large): see `getExit` for one as an object */
  exitId: string[];
  exitLabel: string[];
  exitType: ExitType[];
  /** the target id as written, undefined when unconnected */
  exitTargetId: Array<string | undefined>;
  exitSeconds: Float64Array;
  /** 1 where the caller, not the node's decider, takes the exit if it wants to (a queue's callback offer) */
  exitByCaller: Uint8Array;
  /** exits entering each node: predStart[j] .. predStart[j+1]-1 index into predExit */
  predStart: Int32Array;
  predExit: Int32Array;
}

/** How a graph of several flows reads its nodes' targets (see core/lint/line.ts). */
export interface GraphLinks {
  /** the key in `flow.nodes` a target written in node `source` names; undefined when it names none */
  resolve(target: string, source: number): string | undefined;
  /** node ids, besides the entry, a call can start at */
  starts: string[];
}

/** A typed array twice as long holding the same values: exit columns grow as the one walk finds exits. */
function toDoubled<T extends Int32Array | Float64Array | Uint8Array>(values: T): T {
  const doubled = new (values.constructor as new (length: number) => T)(values.length * 2);
  doubled.set(values);
  return doubled;
}

export function buildFlowGraph(flow: Flow, links?: GraphLinks): FlowGraph {
  const ids = Object.keys(flow.nodes);
  // A look-up per id, not Object.values: on a flow of thousands of nodes (an object in dictionary
  // mode) Object.values takes several times as long, about half the flow's parse time at 100k.
  const nodes = ids.map((id) => flow.nodes[id]!);
  const n = ids.length;
  const byKind = Object.fromEntries(Object.keys(NODE_KINDS).map((kind) => [kind, [] as number[]])) as FlowGraph['byKind'];
  // every id is numbered before the one walk over the exits, which resolves each target as it comes
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) indexOf.set(ids[i]!, i);
  const exitStart = new Int32Array(n + 1);
  const inDegree = new Int32Array(n + 1);
  const decider = new Array<Decider>(n);
  const role = new Array<Role>(n);
  // typed columns sized for three exits a node (a Studio export has about 2.6), doubled when a flow has more
  let exitSource = new Int32Array(3 * n + 16);
  // the other columns too are made at that size and written by index: pushing one at a time grows and copies them
  const exitId = new Array<string>(exitSource.length);
  const exitLabel = new Array<string>(exitSource.length);
  const exitType = new Array<ExitType>(exitSource.length);
  const exitTargetId = new Array<string | undefined>(exitSource.length);
  let exitTarget = new Int32Array(exitSource.length);
  let exitSeconds = new Float64Array(exitSource.length);
  let exitByCaller = new Uint8Array(exitSource.length);
  let e = 0;
  let source = 0;
  const emit = (id: string, label: string, type: ExitType, target: string | undefined, time: number, takenByCaller: boolean) => {
    if (e === exitSource.length) {
      exitSource = toDoubled(exitSource);
      exitTarget = toDoubled(exitTarget);
      exitSeconds = toDoubled(exitSeconds);
      exitByCaller = toDoubled(exitByCaller);
    }
    exitId[e] = id;
    exitLabel[e] = label;
    exitType[e] = type;
    exitTargetId[e] = target;
    const key = target === undefined || links === undefined ? target : links.resolve(target, source);
    const t = target === undefined ? UNCONNECTED : ((key === undefined ? undefined : indexOf.get(key)) ?? UNKNOWN_TARGET);
    exitSource[e] = source;
    exitTarget[e] = t;
    if (t >= 0) inDegree[t]!++;
    exitSeconds[e] = time;
    exitByCaller[e] = takenByCaller ? 1 : 0;
    e++;
  };
  for (; source < n; source++) {
    const node = nodes[source]!;
    byKind[node.kind].push(source);
    exitStart[source] = e;
    const spec = getKindSpec(node);
    decider[source] = spec.decider;
    role[source] = spec.role;
    forEachExit(node, emit);
  }
  exitStart[n] = e;
  exitSource = exitSource.slice(0, e);
  exitTarget = exitTarget.slice(0, e);
  exitSeconds = exitSeconds.slice(0, e);
  exitByCaller = exitByCaller.slice(0, e);
  exitId.length = e;
  exitLabel.length = e;
  exitType.length = e;
  exitTargetId.length = e;

  // Counting sort of exits by target gives the reverse adjacency in O(V+E).
  const predStart = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) predStart[j + 1] = predStart[j]! + inDegree[j]!;
  const fill = predStart.slice(0, n);
  const predExit = new Int32Array(predStart[n]!);
  for (let x = 0; x < e; x++) {
    const t = exitTarget[x]!;
    if (t >= 0) predExit[fill[t]!++] = x;
  }

  const entry = indexOf.get(flow.entry) ?? -1;
  const starts = entry < 0 ? [] : [entry];
  for (const id of links?.starts ?? []) {
    const start = indexOf.get(id);
    if (start !== undefined && !starts.includes(start)) starts.push(start);
  }
  return {
    flow,
    ids,
    indexOf,
    nodes,
    byKind,
    decider,
    role,
    entry,
    starts,
    exitStart,
    exitSource,
    exitTarget,
    exitId,
    exitLabel,
    exitType,
    exitTargetId,
    exitSeconds,
    exitByCaller,
    predStart,
    predExit,
  };
}

/** Calls `visit` with each node of one kind, typed as that kind, in file order. */
export function forEachNodeOfKind<K extends NodeKind>(graph: FlowGraph, kind: K, visit: (node: NodeOfKind<K>, nodeId: string, index: number) => void): void {
  const indexes = graph.byKind[kind];
  for (let at = 0; at < indexes.length; at++) {
    const index = indexes[at]!;
    visit(graph.nodes[index] as NodeOfKind<K>, graph.ids[index]!, index);
  }
}

/** Exit `x` as an object, for code that reports on it. */
export function getExit(graph: FlowGraph, x: number): Exit {
  return {
    id: graph.exitId[x]!,
    label: graph.exitLabel[x]!,
    type: graph.exitType[x]!,
    target: graph.exitTargetId[x],
    seconds: graph.exitSeconds[x]!,
    byCaller: graph.exitByCaller[x] === 1,
  };
}

/** Exit types a caller with a fixed habit takes at caller-decides nodes. */
export type FixedCaller = Extract<ExitType, 'noInput' | 'noMatch'>;
