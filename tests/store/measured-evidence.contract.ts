import { describe, expect, test } from 'vitest';
import type { MeasuredEvidence } from '../../core/profiles/measures.ts';
import type { CallStore, CallSummaryUpdate } from '../../runtime/store/types.ts';
import { newCallSid, type StoreUnderTest, withFreshStore } from './call-store.contract.ts';

// The measured evidence of a compliance report, whichever store keeps the
// calls: each figure against values worked out by hand.

const T0 = Date.parse('2026-05-04T08:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const DAY = { from: at(0), to: at(86_400) };

export function describeMeasuredEvidenceContract(name: string, open: () => Promise<StoreUnderTest>): void {
  const withStore = (run: (store: CallStore, flowId: string) => Promise<unknown>) => withFreshStore(open, run);

  /** Starts a call at `seconds` and applies its updates, as the webhooks would. */
  const recordCall = async (store: CallStore, flowId: string, seconds: number, updates: CallSummaryUpdate[] = []) => {
    const callSid = newCallSid();
    await store.updateCallSummary(callSid, { at: at(seconds), start: { flowId, versionId: 'v1', caller: '+34612345601' } });
    for (const update of updates) await store.updateCallSummary(callSid, update);
    return callSid;
  };

  describe(`${name}: measured evidence`, () => {
    test(
      'counts callers who asked for a person, attended within 180 s, p95 from the start and from the ask, and the line ending a wait',
      withStore(async (store, flowId) => {
        const person = (seconds: number, answeredSeconds?: number): CallSummaryUpdate => ({
          at: at(seconds),
          person: { nodeId: 'queue', steps: 1, ...(answeredSeconds === undefined ? {} : { answeredAt: at(answeredSeconds) }) },
        });
        // A: presses 0 at 10 s (a second ask at 20 s changes nothing), a person answers at 70 s (told at 300 s): 70 s from the start, 60 from the ask
        await recordCall(store, flowId, 0, [{ at: at(10), personAsked: true }, { at: at(20), personAsked: true }, person(300, 70)]);
        // B: queues at 1010 s, answered at 1200 s: 200 s from the start (not attended), 190 from the ask; a second answer is ignored
        await recordCall(store, flowId, 1000, [{ at: at(1010), personAsked: true }, person(1300, 1200), person(1400, 1100)]);
        // C: asks at 2005 s, answered at exactly 180 s: attended; 175 s from the ask
        await recordCall(store, flowId, 2000, [{ at: at(2005), personAsked: true }, person(2300, 2180)]);
        // D: asks at 3030 s, the queue times out into a hang-up: the line ended the wait
        await recordCall(store, flowId, 3000, [{ at: at(3030), personAsked: true }, { at: at(3100), lineEndedWait: true, flowEnd: { kind: 'noChoice', nodeId: 'bye' } }]);
        // E: asks at 4010 s, hangs up holding: not attended, not the line's doing
        await recordCall(store, flowId, 4000, [{ at: at(4010), personAsked: true }, { at: at(4050), hangup: { nodeId: 'queue', inQueue: true } }]);
        // F: says goodbye at the menu, never asks: not counted in the person measures
        await recordCall(store, flowId, 5000, [{ at: at(5005), flowEnd: { kind: 'choice', nodeId: 'bye' } }]);
        // G: a call recorded before the ask and the answered instant were kept: a person, but no instants
        await recordCall(store, flowId, 6000, [person(6040)]);
        // H: the day before, outside the period
        await recordCall(store, flowId, -3600, [{ at: at(-3590), personAsked: true }, person(-3000, -3580)]);

        // calls: A..G = 7; asked: A..E = 5; attended: A, C = 2 of 5 = 0.4
        // from the start: 70, 180, 200 -> nearest rank ceil(0.95 * 3) = 3rd = 200 s; from the ask: 60, 175, 190 -> 190 s
        expect(await store.getMeasuredEvidence(flowId, DAY.from, DAY.to)).toEqual({
          flowId,
          from: DAY.from.toISOString(),
          to: DAY.to.toISOString(),
          calls: 7,
          measures: {
            attendedWithin180s: { value: 0.4, calls: 5 },
            secondsToPersonP95FromStart: { value: 200, calls: 3 },
            secondsToPersonP95FromRequest: { value: 190, calls: 3 },
            lineDisconnectsWhileWaiting: { value: 1, calls: 5 },
          },
        } satisfies MeasuredEvidence);
      }),
    );

    test(
      'the p95 is the nearest rank: of 20 waits of 1..20 s, the 19th (not 20, nor 19.05 interpolated)',
      withStore(async (store, flowId) => {
        for (let wait = 20; wait >= 1; wait--) {
          const start = wait * 1000;
          await recordCall(store, flowId, start, [{ at: at(start), personAsked: true }, { at: at(start + 600), person: { nodeId: 'transfer', steps: 0, answeredAt: at(start + wait) } }]);
        }
        const { measures } = await store.getMeasuredEvidence(flowId, DAY.from, DAY.to);
        expect(measures.secondsToPersonP95FromStart).toEqual({ value: 19, calls: 20 });
        expect(measures.secondsToPersonP95FromRequest).toEqual({ value: 19, calls: 20 });
        expect(measures.attendedWithin180s).toEqual({ value: 1, calls: 20 });
      }),
    );

    test(
      'a period without calls has no figures, and counts none',
      withStore(async (store, flowId) => {
        await recordCall(store, flowId, -10, [{ at: at(-5), personAsked: true }]);
        expect((await store.getMeasuredEvidence(flowId, DAY.from, DAY.to)).measures).toEqual({
          attendedWithin180s: { value: null, calls: 0 },
          secondsToPersonP95FromStart: { value: null, calls: 0 },
          secondsToPersonP95FromRequest: { value: null, calls: 0 },
          lineDisconnectsWhileWaiting: { value: 0, calls: 0 },
        });
      }),
    );
  });
}
