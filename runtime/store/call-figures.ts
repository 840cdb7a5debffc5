import { CALL_OUTCOMES, type CallListEntry, type CallOutcome, type FlowAnalytics, type NodeAnalytics } from '../../core/designer-api/types.ts';
import type { CallFilter, CallNodeMarkKind } from './types.ts';

// The figures of a bounded set of calls computed in memory, for a store
// without SQL (Redis): the same definitions as sqlite-calls.ts's queries, and
// the store contract suite checks both give the same answers.

/** A call's summary as merged at write time (CallSummaryUpdate), field for field as SQLite keeps it. */
export interface CallSummaryFields {
  callSid: string;
  flowId: string;
  versionId: string;
  startedMs: number;
  lastMs: number;
  caller: string;
  personMs: number | null;
  personSteps: number | null;
  personNode: string | null;
  followUp: boolean;
  fallback: boolean;
  flowEnd: 'choice' | 'noChoice' | null;
  flowEndNode: string | null;
  hangupMs: number | null;
  hangupNode: string | null;
  hangupInQueue: boolean;
  surveyScore: number | null;
}

export interface StoredNodeMark {
  nodeId: string;
  mark: CallNodeMarkKind;
  from?: string;
  atMs: number;
  steps: number;
}

/** The outcome, in the precedence sqlite-calls.ts's generated column has. */
export function toOutcome(call: CallSummaryFields): CallOutcome {
  if (call.flowEnd === null && call.hangupMs === null) return 'inProgress';
  if (call.personMs !== null) return 'person';
  if (call.followUp) return 'followUp';
  if (call.fallback) return 'fallback';
  return call.flowEnd === 'choice' ? 'callerChoice' : 'hungUp';
}

export function toCallListEntry(call: CallSummaryFields): CallListEntry {
  const outcome = toOutcome(call);
  const ended = outcome !== 'inProgress';
  return {
    callSid: call.callSid,
    flowId: call.flowId,
    versionId: call.versionId,
    startedAt: new Date(call.startedMs).toISOString(),
    durationSeconds: ended ? (call.lastMs - call.startedMs) / 1000 : null,
    caller: call.caller,
    outcome,
    endNodeId: ended ? (call.flowEndNode ?? call.hangupNode) : null,
    secondsToPerson: call.personMs === null ? null : (call.personMs - call.startedMs) / 1000,
    stepsToPerson: call.personSteps,
    surveyScore: call.surveyScore,
  };
}

/** Nearest rank: the value at rank ceil(p·n) of the sorted values. */
function percentile(sorted: number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.floor((percent * sorted.length + 99) / 100) - 1] ?? null;
}

const lowerMedian = (values: number[]) => (values.length === 0 ? null : [...values].sort((a, b) => a - b)[Math.floor((values.length + 1) / 2) - 1]!);

/** The figures of `calls` (already those of the filter), each with its node marks in order. */
export function computeFlowAnalytics(
  filter: Omit<CallFilter, 'outcome'>,
  targetSeconds: number,
  calls: Array<{ summary: CallSummaryFields; marks: StoredNodeMark[] }>,
): FlowAnalytics {
  const outcomes = Object.fromEntries(CALL_OUTCOMES.map((outcome) => [outcome, 0])) as Record<CallOutcome, number>;
  const nodes: Record<string, NodeAnalytics> = {};
  const nodeOf = (nodeId: string) =>
    (nodes[nodeId] ??= { visits: 0, dropOffs: 0, zeroOuts: 0, noInputs: 0, noMatches: 0, medianStepsToPerson: null, medianSecondsToPerson: null });
  const toPerson: number[] = [];
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  const byTarget = new Map<string, number[]>();
  const edges = new Map<string, { from: string; to: string; calls: number }>();
  const medians = new Map<string, { steps: number[]; ms: number[] }>();
  let inQueue = 0;
  let fallbacks = 0;
  let surveySum = 0;
  for (const { summary, marks } of calls) {
    const outcome = toOutcome(summary);
    outcomes[outcome]++;
    if (summary.fallback) fallbacks++;
    const endNode = summary.flowEndNode ?? summary.hangupNode;
    if (outcome === 'hungUp') {
      if (summary.flowEnd === null && summary.hangupInQueue) inQueue++;
      if (endNode !== null) nodeOf(endNode).dropOffs++;
    }
    if (summary.personMs !== null) toPerson.push(summary.personMs - summary.startedMs);
    if (summary.surveyScore !== null) {
      distribution[summary.surveyScore - 1]!++;
      surveySum += summary.surveyScore;
      if (summary.personNode !== null) byTarget.set(summary.personNode, [...(byTarget.get(summary.personNode) ?? []), summary.surveyScore]);
    }
    const seenEdges = new Set<string>();
    const firstVisits = new Map<string, StoredNodeMark>();
    const personIndex = marks.findIndex((mark) => mark.mark === 'person');
    marks.forEach((mark, index) => {
      const node = nodeOf(mark.nodeId);
      if (mark.mark === 'visit') node.visits++;
      else if (mark.mark === 'zeroOut') node.zeroOuts++;
      else if (mark.mark === 'noInput') node.noInputs++;
      else if (mark.mark === 'noMatch') node.noMatches++;
      if (mark.mark !== 'visit') return;
      if (mark.from !== undefined && !seenEdges.has(`${mark.from}\n${mark.nodeId}`)) {
        seenEdges.add(`${mark.from}\n${mark.nodeId}`);
        const edge = edges.get(`${mark.from}\n${mark.nodeId}`) ?? { from: mark.from, to: mark.nodeId, calls: 0 };
        edge.calls++;
        edges.set(`${mark.from}\n${mark.nodeId}`, edge);
      }
      if (index < personIndex && !firstVisits.has(mark.nodeId)) firstVisits.set(mark.nodeId, mark);
    });
    const person = marks[personIndex];
    if (person === undefined) continue;
    for (const [nodeId, visit] of firstVisits) {
      const values = medians.get(nodeId) ?? { steps: [], ms: [] };
      values.steps.push(person.steps - visit.steps);
      values.ms.push(person.atMs - visit.atMs);
      medians.set(nodeId, values);
    }
  }
  for (const [nodeId, values] of medians) {
    const node = nodeOf(nodeId);
    node.medianStepsToPerson = lowerMedian(values.steps);
    const ms = lowerMedian(values.ms);
    node.medianSecondsToPerson = ms === null ? null : ms / 1000;
  }
  toPerson.sort((a, b) => a - b);
  const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  const scored = distribution.reduce((sum, count) => sum + count, 0);
  const ended = calls.length - outcomes.inProgress;
  return {
    flowId: filter.flowId,
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    versionId: filter.versionId ?? null,
    calls: calls.length,
    outcomes,
    timeToPerson: {
      p50: seconds(percentile(toPerson, 50)),
      p90: seconds(percentile(toPerson, 90)),
      p95: seconds(percentile(toPerson, 95)),
      targetSeconds,
      withinTarget: toPerson.filter((ms) => ms <= targetSeconds * 1000).length,
    },
    abandonment: { inMenu: outcomes.hungUp - inQueue, inQueue },
    containment: ended === 0 ? 0 : outcomes.callerChoice / ended,
    survey: {
      distribution,
      mean: scored === 0 ? null : surveySum / scored,
      byTarget: [...byTarget.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([target, scores]) => ({ target, count: scores.length, mean: scores.reduce((sum, score) => sum + score, 0) / scores.length })),
    },
    fallbacks,
    nodes,
    edges: [...edges.values()].sort((a, b) => (a.from === b.from ? (a.to < b.to ? -1 : 1) : a.from < b.from ? -1 : 1)),
  };
}
