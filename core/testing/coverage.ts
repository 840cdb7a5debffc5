import { getExits } from '../nodes/registry.ts';
import type { Flow } from '../schema/flow.ts';
import { getReachableEdges, toEdgeKey, type WalkStep } from './paths.ts';

// Path coverage of a flow by a set of walks (generated, or the steps scenarios took):
// which nodes and exits some walk went through, against those reachable from the entry and all.

/** Walked out of a total. */
export interface Ratio {
  walked: number;
  total: number;
}

/** An exit no walk took, with the words reports and the designer show for it. */
export interface UncoveredEdge extends WalkStep {
  label: string;
}

export interface Coverage {
  /** nodes walked out of those reachable from the entry, and out of every node of the flow */
  nodes: { reachable: Ratio; all: Ratio };
  /** exits taken out of the exits of reachable nodes, and out of every exit of the flow */
  edges: { reachable: Ratio; all: Ratio };
  /** nodes of the flow no walk entered, in the flow's order */
  uncoveredNodes: string[];
  /** exits of the flow no walk took, in the flow's order */
  uncoveredEdges: UncoveredEdge[];
}

/** What `walks` (each a list of exits taken, from the entry) cover of `flow`; a node counts when a walk enters it. */
export function getCoverage(flow: Flow, walks: ReadonlyArray<{ steps: readonly WalkStep[]; endNodeId?: string }>): Coverage {
  const taken = new Set<string>();
  const entered = new Set<string>();
  for (const walk of walks) {
    if (walk.steps.length > 0 || walk.endNodeId !== undefined) entered.add(flow.entry);
    for (const step of walk.steps) {
      taken.add(toEdgeKey(step.nodeId, step.exitId));
      entered.add(step.nodeId);
      const target = getExits(flow.nodes[step.nodeId] ?? { kind: 'hangup' }).find((exit) => exit.id === step.exitId)?.target;
      if (target !== undefined && Object.hasOwn(flow.nodes, target)) entered.add(target);
    }
    if (walk.endNodeId !== undefined) entered.add(walk.endNodeId);
  }
  const reachableEdges = getReachableEdges(flow);
  const reachableNodes = new Set<string>([...reachableEdges.values()].map((edge) => edge.nodeId));
  for (const edge of reachableEdges.values()) if (edge.exit.target !== undefined && Object.hasOwn(flow.nodes, edge.exit.target)) reachableNodes.add(edge.exit.target);
  if (Object.hasOwn(flow.nodes, flow.entry)) reachableNodes.add(flow.entry);

  const uncoveredNodes: string[] = [];
  const uncoveredEdges: UncoveredEdge[] = [];
  let allEdges = 0;
  let walkedEdges = 0;
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    if (!entered.has(nodeId)) uncoveredNodes.push(nodeId);
    for (const exit of getExits(node)) {
      allEdges++;
      if (taken.has(toEdgeKey(nodeId, exit.id))) walkedEdges++;
      else uncoveredEdges.push({ nodeId, exitId: exit.id, label: exit.label });
    }
  }
  const walkedReachable = [...reachableEdges.keys()].filter((key) => taken.has(key)).length;
  const nodeCount = Object.keys(flow.nodes).length;
  return {
    nodes: {
      reachable: { walked: [...reachableNodes].filter((id) => entered.has(id)).length, total: reachableNodes.size },
      all: { walked: nodeCount - uncoveredNodes.length, total: nodeCount },
    },
    edges: { reachable: { walked: walkedReachable, total: reachableEdges.size }, all: { walked: walkedEdges, total: allEdges } },
    uncoveredNodes,
    uncoveredEdges,
  };
}

/** The coverage of one flow by the scenarios run on it, as `humanline test --coverage` reports it. */
export interface FlowCoverage extends Coverage {
  /** the flow file's base name without `.json`: the designer's flow id */
  flowId: string;
  /** the flow file, as the CLI displays it */
  flow: string;
  /** the flow's own name, when it has one */
  name?: string;
}

/** What scenario runs (each a list of exits taken from the entry) cover of `flow`. */
export function getScenarioCoverage(flow: Flow, runs: ReadonlyArray<{ walk?: readonly WalkStep[] }>): Coverage {
  // Every scenario's call enters the entry, even one that never leaves it.
  return getCoverage(flow, runs.map((run) => ({ steps: run.walk ?? [], endNodeId: flow.entry })));
}

/** Whole percent walked, rounded down so that 99.6 % is not shown as all; nothing to walk is all walked. */
export function toPercent(ratio: Ratio): number {
  return ratio.total === 0 ? 100 : Math.floor((ratio.walked * 100) / ratio.total);
}
