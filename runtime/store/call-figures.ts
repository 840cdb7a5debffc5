import { CALL_OUTCOMES, type CallListEntry, type CallOutcome, type FlowAnalytics, type NodeAnalytics } from '../../core/designer-api/types.ts';
import type { CallFilter, CallNodeMarkKind, LinkedFlow } from './types.ts';

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
  /** when the caller first asked for a person; null for none (or a call recorded before it was kept) */
  personAskedMs: number | null;
  /** when the first person answered, as the action webhook tells it; null when it did not (or before it was kept) */
  personAnsweredMs: number | null;
  lineEndedWait: boolean;
  followUp: boolean;
  fallback: boolean;
  flowEnd: 'choice' | 'noChoice' | null;
  flowEndNode: string | null;
  hangupMs: number | null;
  hangupNode: string | null;
  hangupInQueue: boolean;
  surveyScore: number | null;
  /** the flows a goto moved the call to, besides the one it started in; empty for a call kept before they were */
  linkedFlows: LinkedFlow[];
  /** the flow of `personNode`; null for the entry flow (and in calls kept before it was) */
  personFlowId: string | null;
  /** the flow of the node the call ended at (flowEndNode, else hangupNode); null for the entry flow (and in calls kept before it was) */
  endFlowId: string | null;
}

export interface StoredNodeMark {
  nodeId: string;
  mark: CallNodeMarkKind;
  /** absent: the call's entry flow (and marks kept before a mark said its flow) */
  flowId?: string;
  versionId?: string;
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

/**
 * The flows a call counts in: the one it started in, then each a goto moved it to, in the version it ran each in.
 * A designer reading a flow's insights asks what happened to the calls that went through it, so a call handed from
 * A to B counts in the call totals of both, with its one outcome and its time to a person from the call's start
 * (what the caller lived through); each node's figures count only in the flow the node is in. So the calls of a
 * line's flows add up to more than the line's calls: its entry flow's totals are the line's.
 */
export function getCallFlows(call: Pick<CallSummaryFields, 'flowId' | 'versionId' | 'linkedFlows'>): LinkedFlow[] {
  return [{ flowId: call.flowId, versionId: call.versionId }, ...call.linkedFlows];
}

/** The version the call ran `flowId` in; undefined when it never entered that flow. */
export function getCallFlowVersion(call: Pick<CallSummaryFields, 'flowId' | 'versionId' | 'linkedFlows'>, flowId: string): string | undefined {
  return getCallFlows(call).find((flow) => flow.flowId === flowId)?.versionId;
}

/** Is the mark one of `flowId`'s nodes? A mark that does not say is the entry flow's. */
export const isMarkOfFlow = (call: Pick<CallSummaryFields, 'flowId'>, mark: { flowId?: string }, flowId: string) => (mark.flowId ?? call.flowId) === flowId;

/**
 * Every figure is a sum of counters, each under a key, per flow, hour of the
 * call's start and version: SQLite keeps them at write time (sqlite-calls.ts),
 * Redis adds them up from the range's summaries; toFlowAnalytics shapes both.
 * Parts are tab-separated (node ids hold no tab). Times count in whole seconds.
 */
export const FIGURE_KEYS = {
  /** the call's outcome in `flowId`'s figures; a hang-up also where (when it ended in that flow), and whether in a queue (drop-offs, abandonment) */
  callClass: (call: CallSummaryFields, flowId: string) => {
    const outcome = toOutcome(call);
    if (outcome !== 'hungUp') return `c\t${outcome}`;
    const endNode = (call.endFlowId ?? call.flowId) === flowId ? (call.flowEndNode ?? call.hangupNode ?? '') : '';
    return `c\thungUp\t${call.flowEnd === null && call.hangupInQueue ? 1 : 0}\t${endNode}`;
  },
  fallback: 'f',
  survey: (score: number, target: string | null) => `s\t${score}\t${target ?? ''}`,
  mark: (nodeId: string, mark: CallNodeMarkKind) => `m\t${nodeId}\t${mark}`,
  edge: (from: string, to: string) => `e\t${from}\t${to}`,
  timeToPerson: (seconds: number) => `t\t${seconds}`,
  nodeStepsToPerson: (nodeId: string, steps: number) => `ns\t${nodeId}\t${steps}`,
  nodeSecondsToPerson: (nodeId: string, seconds: number) => `nt\t${nodeId}\t${seconds}`,
} as const;

export const HOUR_MS = 60 * 60 * 1000;

/** Figures are kept per hour of the calls' start: a range counts from the hour `from` falls in to the hour before the one `to` falls in. */
export function toHourRange<T extends { from: Date; to: Date }>(filter: T): T {
  const floor = (date: Date) => new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);
  return { ...filter, from: floor(filter.from), to: floor(filter.to) };
}

/** Whole seconds between two times in ms. */
export const toWholeSeconds = (fromMs: number, toMs: number) => Math.floor((toMs - fromMs) / 1000);

/** The counters of the call as a whole in `flowId`'s figures (getCallFlows): its outcome, fallback, survey and time to a person. */
export function getCallTotalCounts(call: CallSummaryFields, flowId: string): string[] {
  const keys = [FIGURE_KEYS.callClass(call, flowId)];
  if (call.fallback) keys.push(FIGURE_KEYS.fallback);
  // the survey's target is a node: named only in the figures of the flow it is in
  if (call.surveyScore !== null) keys.push(FIGURE_KEYS.survey(call.surveyScore, (call.personFlowId ?? call.flowId) === flowId ? call.personNode : null));
  if (call.personMs !== null && call.personSteps !== null) keys.push(FIGURE_KEYS.timeToPerson(toWholeSeconds(call.startedMs, call.personMs)));
  return keys;
}

/** The counters one call adds to `flowId`'s figures, given all its node marks in order (what Redis sums; SQLite keeps the same as they happen). */
export function getCallFigureCounts(call: CallSummaryFields, allMarks: StoredNodeMark[], flowId: string): string[] {
  const keys = getCallTotalCounts(call, flowId);
  // the person mark stays in: the nodes visited before it, in any flow, led to the person
  const marks = allMarks.filter((mark) => mark.mark === 'person' || isMarkOfFlow(call, mark, flowId));
  const edges = new Set<string>();
  const firstVisits = new Map<string, StoredNodeMark>();
  const personIndex = marks.findIndex((mark) => mark.mark === 'person');
  marks.forEach((mark, index) => {
    if (mark.mark === 'person') return;
    keys.push(FIGURE_KEYS.mark(mark.nodeId, mark.mark));
    if (mark.mark !== 'visit') return;
    if (mark.from !== undefined) edges.add(FIGURE_KEYS.edge(mark.from, mark.nodeId));
    if (index < personIndex && !firstVisits.has(mark.nodeId)) firstVisits.set(mark.nodeId, mark);
  });
  keys.push(...edges);
  if (call.personMs !== null && call.personSteps !== null) {
    for (const [nodeId, visit] of firstVisits) {
      keys.push(FIGURE_KEYS.nodeStepsToPerson(nodeId, call.personSteps - visit.steps), FIGURE_KEYS.nodeSecondsToPerson(nodeId, toWholeSeconds(visit.atMs, call.personMs)));
    }
  }
  return keys;
}

/** Nearest rank in a histogram (value -> count): the value at rank ceil(p·n). */
function percentileOf(histogram: Map<number, number>, percent: number): number | null {
  const total = [...histogram.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.floor((percent * total + 99) / 100);
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value)!;
    if (seen >= rank) return value;
  }
  return null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The figures from their counters (FIGURE_KEYS -> count) summed over the range. */
export function toFlowAnalytics(filter: Omit<CallFilter, 'outcome'>, targetSeconds: number, counts: Iterable<[string, number]>): FlowAnalytics {
  const outcomes = Object.fromEntries(CALL_OUTCOMES.map((outcome) => [outcome, 0])) as Record<CallOutcome, number>;
  const nodes: Record<string, NodeAnalytics> = {};
  const nodeOf = (nodeId: string) =>
    (nodes[nodeId] ??= { visits: 0, dropOffs: 0, zeroOuts: 0, noInputs: 0, noMatches: 0, medianStepsToPerson: null, medianSecondsToPerson: null });
  const markFields = { visit: 'visits', zeroOut: 'zeroOuts', noInput: 'noInputs', noMatch: 'noMatches' } as const;
  const toPerson = new Map<number, number>();
  const nodeSteps = new Map<string, Map<number, number>>();
  const nodeSeconds = new Map<string, Map<number, number>>();
  const addTo = (histograms: Map<string, Map<number, number>>, nodeId: string, value: number, count: number) => {
    const histogram = histograms.get(nodeId) ?? new Map<number, number>();
    histogram.set(value, (histogram.get(value) ?? 0) + count);
    histograms.set(nodeId, histogram);
  };
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  const targets = new Map<string, { count: number; sum: number }>();
  const edges: Array<{ from: string; to: string; calls: number }> = [];
  let calls = 0;
  let inQueue = 0;
  let fallbacks = 0;
  let surveySum = 0;
  for (const [key, count] of counts) {
    if (count === 0) continue;
    const [kind, a = '', b = '', c = ''] = key.split('\t');
    switch (kind) {
      case 'c':
        calls += count;
        outcomes[a as CallOutcome] += count;
        if (a === 'hungUp') {
          if (b === '1') inQueue += count;
          if (c !== '') nodeOf(c).dropOffs += count;
        }
        break;
      case 'f':
        fallbacks += count;
        break;
      case 's': {
        const score = Number(a);
        distribution[score - 1]! += count;
        surveySum += score * count;
        if (b !== '') targets.set(b, { count: (targets.get(b)?.count ?? 0) + count, sum: (targets.get(b)?.sum ?? 0) + score * count });
        break;
      }
      case 'm':
        if (b in markFields) nodeOf(a)[markFields[b as keyof typeof markFields]] += count;
        break;
      case 'e':
        edges.push({ from: a, to: b, calls: count });
        break;
      case 't':
        toPerson.set(Number(a), (toPerson.get(Number(a)) ?? 0) + count);
        break;
      case 'ns':
        addTo(nodeSteps, a, Number(b), count);
        break;
      case 'nt':
        addTo(nodeSeconds, a, Number(b), count);
        break;
    }
  }
  // the lower median: nearest rank at one half
  for (const [nodeId, histogram] of nodeSteps) nodeOf(nodeId).medianStepsToPerson = percentileOf(histogram, 50);
  for (const [nodeId, histogram] of nodeSeconds) nodeOf(nodeId).medianSecondsToPerson = percentileOf(histogram, 50);
  const scored = distribution.reduce((sum, count) => sum + count, 0);
  const ended = calls - outcomes.inProgress;
  let withinTarget = 0;
  for (const [seconds, count] of toPerson) if (seconds <= targetSeconds) withinTarget += count;
  return {
    flowId: filter.flowId,
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    versionId: filter.versionId ?? null,
    calls,
    outcomes,
    timeToPerson: { p50: percentileOf(toPerson, 50), p90: percentileOf(toPerson, 90), p95: percentileOf(toPerson, 95), targetSeconds, withinTarget },
    abandonment: { inMenu: outcomes.hungUp - inQueue, inQueue },
    containment: ended === 0 ? 0 : outcomes.callerChoice / ended,
    survey: {
      distribution,
      mean: scored === 0 ? null : surveySum / scored,
      byTarget: [...targets.entries()].sort(([a], [b]) => byText(a, b)).map(([target, { count, sum }]) => ({ target, count, mean: sum / count })),
    },
    fallbacks,
    nodes,
    edges: edges.sort((x, y) => byText(x.from, y.from) || byText(x.to, y.to)),
  };
}

/** The figures of `calls` (already those of the filter), each with its node marks in order. */
export function computeFlowAnalytics(
  filter: Omit<CallFilter, 'outcome'>,
  targetSeconds: number,
  calls: Array<{ summary: CallSummaryFields; marks: StoredNodeMark[] }>,
): FlowAnalytics {
  const counts = new Map<string, number>();
  // the caller has already read the calls of the hour range
  for (const { summary, marks } of calls) for (const key of getCallFigureCounts(summary, marks, filter.flowId)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return toFlowAnalytics(filter, targetSeconds, counts);
}
