import type { MeasuredEvidence } from '../../core/profiles/measures.ts';
import type { CallSummaryFields } from './call-figures.ts';

// The run-time measures a compliance report takes from the store, for one
// flow's calls started in a period. SQLite computes them in SQL
// (sqlite-calls.ts); Redis in one pass over the period's summaries, here; the
// store contract suite checks both answer the same.
//
// - attendedWithin180s: of the calls where the caller asked for a person (a
//   zero-out, or the call entered a transfer or a queue), the share a person
//   answered within 180 s of the call's start. Calls that never asked (ended
//   by the caller's choice, at a follow-up reached without asking, still in a
//   menu) do not count: the law's "95 % of calls attended within three
//   minutes" is about callers who wanted a person.
// - secondsToPersonP95FromStart / FromRequest: nearest-rank p95 (NEAREST_RANK)
//   of the seconds from the call's start, or from the first ask, to the first
//   person answering, over the calls whose answered instant is recorded.
// - lineDisconnectsWhileWaiting: calls the line ended while the caller waited
//   for a person (a queue's timeout or a failed transfer routed to a hang-up),
//   out of the calls that asked; a caller hanging up while holding is not one.
//
// Calls recorded before these instants were kept have neither: they count in
// `calls` only.

/** What "attended" allows: a person within three minutes of the call's start. */
export const ATTENDED_WITHIN_MS = 180_000;

/** The 1-based nearest rank of the 95th percentile of n sorted values, ceil(0.95 n), in integers as the SQL has it. */
export const toP95Rank = (count: number): number => Math.floor((count * 95 + 99) / 100);

/** The nearest-rank 95th percentile of values, in seconds; null for none. */
export function toP95Seconds(valuesMs: number[]): number | null {
  if (valuesMs.length === 0) return null;
  const sorted = [...valuesMs].sort((a, b) => a - b);
  return (sorted[toP95Rank(sorted.length) - 1] as number) / 1000;
}

/** What the measures read of a call's summary. */
export type MeasuredCall = Pick<CallSummaryFields, 'startedMs' | 'personAskedMs' | 'personAnsweredMs' | 'lineEndedWait'>;

/** The measures of a period's calls, added one at a time (the Redis store reads them in pages; SQLite's are SQL). */
export function createMeasureTally() {
  const counts = { calls: 0, asked: 0, attended: 0, lineEnded: 0 };
  const fromStartMs: number[] = [];
  const fromRequestMs: number[] = [];
  return {
    add(call: MeasuredCall): void {
      counts.calls++;
      if (call.personAskedMs !== null) {
        counts.asked++;
        if (call.personAnsweredMs !== null && call.personAnsweredMs - call.startedMs <= ATTENDED_WITHIN_MS) counts.attended++;
        if (call.lineEndedWait) counts.lineEnded++;
      }
      if (call.personAnsweredMs === null) return;
      // an instant derived from Twilio's whole seconds may fall a moment before the one it is measured from
      fromStartMs.push(Math.max(0, call.personAnsweredMs - call.startedMs));
      if (call.personAskedMs !== null) fromRequestMs.push(Math.max(0, call.personAnsweredMs - call.personAskedMs));
    },
    toEvidence(flowId: string, from: Date, to: Date): MeasuredEvidence {
      return toMeasuredEvidence(flowId, from, to, {
        ...counts,
        fromStart: { calls: fromStartMs.length, p95Seconds: toP95Seconds(fromStartMs) },
        fromRequest: { calls: fromRequestMs.length, p95Seconds: toP95Seconds(fromRequestMs) },
      });
    },
  };
}

/** The counts both stores work out, however. */
export interface MeasureCounts {
  calls: number;
  asked: number;
  attended: number;
  lineEnded: number;
  fromStart: { calls: number; p95Seconds: number | null };
  fromRequest: { calls: number; p95Seconds: number | null };
}

export function toMeasuredEvidence(flowId: string, from: Date, to: Date, counts: MeasureCounts): MeasuredEvidence {
  return {
    flowId,
    from: from.toISOString(),
    to: to.toISOString(),
    calls: counts.calls,
    measures: {
      attendedWithin180s: { value: counts.asked === 0 ? null : counts.attended / counts.asked, calls: counts.asked },
      secondsToPersonP95FromStart: { value: counts.fromStart.p95Seconds, calls: counts.fromStart.calls },
      secondsToPersonP95FromRequest: { value: counts.fromRequest.p95Seconds, calls: counts.fromRequest.calls },
      lineDisconnectsWhileWaiting: { value: counts.lineEnded, calls: counts.asked },
    },
  };
}
