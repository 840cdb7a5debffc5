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

/**
 * Every figure is a sum of counters, each under a key, per flow, hour of the
 * call's start and version: SQLite keeps them at write time (sqlite-calls.ts),
 * Redis adds them up from the range's summaries; toFlowAnalytics shapes both.
 * Parts are tab-separated (node ids hold no tab). Times count in whole seconds.
 */
export const FIGURE_KEYS = {
  /** the call's outcome; a hang-up also where, and whether in a queue (drop-offs, abandonment) */
  callClass: (call: CallSummaryFields) => {
    const outcome = toOutcome(call);
    if (outcome !== 'hungUp') return `c\t${outcome}`;
    return `c\thungUp\t${call.flowEnd === null && call.hangupInQueue ? 1 : 0}\t${call.flowEndNode ?? call.hangupNode ?? ''}`;
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

/** The counters one call adds up to, given all its node marks in order (what Redis sums; SQLite keeps the same as they happen). */
export function getCallFigureCounts(call: CallSummaryFields, marks: StoredNodeMark[]): string[] {
  const keys = [FIGURE_KEYS.callClass(call)];
  if (call.fallback) keys.push(FIGURE_KEYS.fallback);
  if (call.surveyScore !== null) keys.push(FIGURE_KEYS.survey(call.surveyScore, call.personNode));
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
    keys.push(FIGURE_KEYS.timeToPerson(toWholeSeconds(call.startedMs, call.personMs)));
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
  for (const { summary, marks } of calls) for (const key of getCallFigureCounts(summary, marks)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return toFlowAnalytics(filter, targetSeconds, counts);
}
