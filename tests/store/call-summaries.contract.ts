import { describe, expect, test } from 'vitest';
import type { CallNodeMark, CallStore, CallSummaryUpdate } from '../../runtime/store/types.ts';
import { createRecord, newCallSid, type StoreUnderTest, withFreshStore } from './call-store.contract.ts';

// The call list and the analytics figures, whichever store keeps them: each
// figure against values worked out by hand from a few recorded calls.

const T0 = Date.parse('2026-03-10T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const visit = (nodeId: string, steps: number, from?: string): CallNodeMark => ({ nodeId, mark: 'visit', steps, ...(from ? { from } : {}) });

/** Starts a call as its first webhook does: the summary begins at `seconds`, at the menu. */
async function startCall(store: CallStore, callSid: string, flowId: string, seconds: number, versionId = 'v1', caller = '+34612345601') {
  const summary: CallSummaryUpdate = { at: at(seconds), start: { flowId, versionId, caller }, nodes: [visit('menu', 0)] };
  await store.saveStep({ record: createRecord(callSid, 1, flowId), expectedSeq: undefined, answerSeq: -1, twiml: 'start', events: { list: [{ type: 'nodeEntered', nodeId: 'menu' }], at: at(seconds) }, summary });
}

/** The eight calls of the hand-worked figures below (ids A..H in their call sids). */
async function recordCalls(store: CallStore, flowId: string): Promise<Record<string, string>> {
  const sid = Object.fromEntries(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((name) => [name, `${newCallSid()}${name}`]));
  const update = (name: string, update: CallSummaryUpdate) => store.updateCallSummary(sid[name]!, update);
  // A: asks for a person at the menu, queues, a person answers after 70 s, scores 4, says goodbye
  await startCall(store, sid.A!, flowId, 0);
  await update('A', { at: at(10), nodes: [{ nodeId: 'menu', mark: 'zeroOut', steps: 0 }, visit('queue', 1, 'menu')] });
  await update('A', { at: at(70), person: { nodeId: 'queue', steps: 1 }, nodes: [{ nodeId: 'queue', mark: 'person', steps: 1 }, visit('survey', 1, 'queue')] });
  await update('A', { at: at(80), surveyScore: 4, flowEnd: { kind: 'choice', nodeId: 'goodbye' }, nodes: [visit('goodbye', 1, 'survey')] });
  // B: silent at the menu, hangs up there after 20 s
  await startCall(store, sid.B!, flowId, 1000);
  await update('B', { at: at(1005), nodes: [{ nodeId: 'menu', mark: 'noInput', steps: 0 }] });
  await update('B', { at: at(1020), hangup: { nodeId: 'menu', inQueue: false } });
  // C: a key that matches nothing, then the queue, hangs up waiting there
  await startCall(store, sid.C!, flowId, 2000);
  await update('C', { at: at(2010), nodes: [{ nodeId: 'menu', mark: 'noMatch', steps: 0 }] });
  await update('C', { at: at(2015), nodes: [visit('queue', 1, 'menu')] });
  await update('C', { at: at(2100), hangup: { nodeId: 'queue', inQueue: true } });
  // D: chooses to end the call at the menu
  await startCall(store, sid.D!, flowId, 3000);
  await update('D', { at: at(3005), flowEnd: { kind: 'choice', nodeId: 'goodbye' }, nodes: [visit('goodbye', 1, 'menu')] });
  // E (version v2): a transfer answers after 40 s, scores 2
  await startCall(store, sid.E!, flowId, 4000, 'v2');
  await update('E', { at: at(4010), nodes: [visit('transfer', 1, 'menu')] });
  await update('E', { at: at(4040), person: { nodeId: 'transfer', steps: 1 }, nodes: [{ nodeId: 'transfer', mark: 'person', steps: 1 }, visit('survey', 1, 'transfer')] });
  await update('E', { at: at(4050), surveyScore: 2, flowEnd: { kind: 'choice', nodeId: 'goodbye' }, nodes: [visit('goodbye', 1, 'survey')] });
  // F: the runtime's fallback takes it
  await startCall(store, sid.F!, flowId, 5000);
  await update('F', { at: at(5001), fallback: true });
  await update('F', { at: at(5030), hangup: { nodeId: null, inQueue: false } });
  // G: still at the menu
  await startCall(store, sid.G!, flowId, 6000);
  // H: the day before, outside the range asked for
  await startCall(store, sid.H!, flowId, -86_400);
  await update('H', { at: at(-86_000), person: { nodeId: 'queue', steps: 1 }, nodes: [{ nodeId: 'queue', mark: 'person', steps: 1 }] });
  return sid;
}

const HOUR = { from: at(0), to: at(3600 * 2) };

export function describeCallSummaryContract(name: string, open: () => Promise<StoreUnderTest>): void {
  const withStore = (run: (store: CallStore, flowId: string) => Promise<unknown>) => withFreshStore(open, run);

  describe(`${name}: call summaries, the call list and analytics`, () => {
    test(
      'lists a flow\'s calls newest first, page by page with the total, filtered by outcome and version',
      withStore(async (store, flowId) => {
        const sid = await recordCalls(store, flowId);
        const first = await store.listCalls({ flowId, ...HOUR }, { limit: 3 });
        expect(first.total).toBe(7);
        expect(first.calls.map((call) => call.callSid)).toEqual([sid.G, sid.F, sid.E]);
        const second = await store.listCalls({ flowId, ...HOUR }, { limit: 3, cursor: first.next! });
        expect(second.calls.map((call) => call.callSid)).toEqual([sid.D, sid.C, sid.B]);
        const last = await store.listCalls({ flowId, ...HOUR }, { limit: 3, cursor: second.next! });
        expect(last.calls.map((call) => call.callSid)).toEqual([sid.A]);
        expect(last.next).toBeNull();

        const hungUp = await store.listCalls({ flowId, ...HOUR, outcome: 'hungUp' }, { limit: 10 });
        expect(hungUp.calls.map((call) => [call.callSid, call.endNodeId])).toEqual([[sid.C, 'queue'], [sid.B, 'menu']]);
        expect(hungUp.total).toBe(2);
        expect((await store.listCalls({ flowId, ...HOUR, versionId: 'v2' }, { limit: 10 })).calls.map((call) => call.callSid)).toEqual([sid.E]);
        expect((await store.listCalls({ flowId: 'no-such-flow', ...HOUR }, { limit: 10 })).total).toBe(0);
      }),
    );

    test(
      'a call in the list: start, duration, caller, outcome, where it ended, time and steps to a person, survey',
      withStore(async (store, flowId) => {
        const sid = await recordCalls(store, flowId);
        const { calls } = await store.listCalls({ flowId, ...HOUR }, { limit: 10 });
        const byId = new Map(calls.map((call) => [call.callSid, call]));
        expect(byId.get(sid.A!)).toEqual({
          callSid: sid.A,
          flowId,
          versionId: 'v1',
          startedAt: at(0).toISOString(),
          durationSeconds: 80,
          caller: '+34612345601',
          outcome: 'person',
          endNodeId: 'goodbye',
          secondsToPerson: 70,
          stepsToPerson: 1,
          surveyScore: 4,
        });
        expect(byId.get(sid.B!)).toMatchObject({ outcome: 'hungUp', endNodeId: 'menu', durationSeconds: 20, secondsToPerson: null, stepsToPerson: null, surveyScore: null });
        expect(byId.get(sid.D!)).toMatchObject({ outcome: 'callerChoice', endNodeId: 'goodbye', durationSeconds: 5 });
        expect(byId.get(sid.F!)).toMatchObject({ outcome: 'fallback', durationSeconds: 30 });
        expect(byId.get(sid.G!)).toMatchObject({ outcome: 'inProgress', durationSeconds: null, endNodeId: null });
      }),
    );

    test(
      'every figure of the dashboard and the overlay, as worked out by hand',
      withStore(async (store, flowId) => {
        await recordCalls(store, flowId);
        const analytics = await store.getFlowAnalytics({ flowId, ...HOUR }, 60);
        expect(analytics).toEqual({
          flowId,
          from: HOUR.from.toISOString(),
          to: HOUR.to.toISOString(),
          versionId: null,
          calls: 7,
          outcomes: { person: 2, followUp: 0, callerChoice: 1, hungUp: 2, fallback: 1, inProgress: 1 },
          // nearest rank of [40, 70]: p50 the 1st, p90 and p95 the 2nd
          timeToPerson: { p50: 40, p90: 70, p95: 70, targetSeconds: 60, withinTarget: 1 },
          abandonment: { inMenu: 1, inQueue: 1 },
          containment: 1 / 6,
          survey: { distribution: [0, 1, 0, 1, 0], mean: 3, byTarget: [{ target: 'queue', count: 1, mean: 4 }, { target: 'transfer', count: 1, mean: 2 }] },
          fallbacks: 1,
          nodes: {
            // A and E reached a person from the menu: 1 step each, 70 s and 40 s (the lower median: 40)
            menu: { visits: 7, dropOffs: 1, zeroOuts: 1, noInputs: 1, noMatches: 1, medianStepsToPerson: 1, medianSecondsToPerson: 40 },
            queue: { visits: 2, dropOffs: 1, zeroOuts: 0, noInputs: 0, noMatches: 0, medianStepsToPerson: 0, medianSecondsToPerson: 60 },
            transfer: { visits: 1, dropOffs: 0, zeroOuts: 0, noInputs: 0, noMatches: 0, medianStepsToPerson: 0, medianSecondsToPerson: 30 },
            survey: { visits: 2, dropOffs: 0, zeroOuts: 0, noInputs: 0, noMatches: 0, medianStepsToPerson: null, medianSecondsToPerson: null },
            goodbye: { visits: 3, dropOffs: 0, zeroOuts: 0, noInputs: 0, noMatches: 0, medianStepsToPerson: null, medianSecondsToPerson: null },
          },
          edges: [
            { from: 'menu', to: 'goodbye', calls: 1 },
            { from: 'menu', to: 'queue', calls: 2 },
            { from: 'menu', to: 'transfer', calls: 1 },
            { from: 'queue', to: 'survey', calls: 1 },
            { from: 'survey', to: 'goodbye', calls: 2 },
            { from: 'transfer', to: 'survey', calls: 1 },
          ],
        });
        const v2 = await store.getFlowAnalytics({ flowId, ...HOUR, versionId: 'v2' }, 180);
        expect(v2).toMatchObject({ versionId: 'v2', calls: 1, outcomes: { person: 1 }, timeToPerson: { p50: 40, p95: 40, targetSeconds: 180, withinTarget: 1 }, containment: 0 });
        const empty = await store.getFlowAnalytics({ flowId: 'no-such-flow', ...HOUR }, 180);
        expect(empty).toMatchObject({ calls: 0, containment: 0, timeToPerson: { p50: null, p90: null, p95: null, withinTarget: 0 }, survey: { mean: null, byTarget: [] }, nodes: {}, edges: [] });
      }),
    );

    test(
      'a duplicate or late update changes nothing twice: the first start, person and ending stay',
      withStore(async (store, flowId) => {
        const callSid = newCallSid();
        await startCall(store, callSid, flowId, 0, 'v1', '+34612345601');
        // a status callback before the last action webhook: the flow's own ending wins
        await store.updateCallSummary(callSid, { at: at(30), hangup: { nodeId: 'menu', inQueue: false } });
        await store.updateCallSummary(callSid, { at: at(31), flowEnd: { kind: 'choice', nodeId: 'goodbye' } });
        await store.updateCallSummary(callSid, { at: at(20), start: { flowId, versionId: 'v9', caller: '+1999' }, hangup: { nodeId: 'queue', inQueue: true } });
        await store.updateCallSummary(callSid, { at: at(32), flowEnd: { kind: 'noChoice', nodeId: 'menu' } });
        const { calls, total } = await store.listCalls({ flowId, ...HOUR }, { limit: 10 });
        expect(total).toBe(1);
        expect(calls[0]).toMatchObject({ versionId: 'v1', caller: '+34612345601', outcome: 'callerChoice', endNodeId: 'goodbye', durationSeconds: 32 });
        // an update for a call never started is dropped
        await store.updateCallSummary(newCallSid(), { at: at(1), hangup: { nodeId: 'menu', inQueue: false } });
        expect((await store.listCalls({ flowId, ...HOUR }, { limit: 10 })).total).toBe(1);
      }),
    );

    test(
      "a call's detail: its summary, every event with its time in order, and the nodes it went through",
      withStore(async (store, flowId) => {
        const sid = await recordCalls(store, flowId);
        await store.recordEvent(sid.A!, { type: 'hangup', reason: 'completed' }, at(81));
        const detail = await store.getCallDetail(sid.A!);
        expect(detail?.call).toMatchObject({ callSid: sid.A, outcome: 'person' });
        expect(detail?.timeline).toEqual([
          { at: at(0).toISOString(), type: 'nodeEntered', nodeId: 'menu' },
          { at: at(81).toISOString(), type: 'hangup', reason: 'completed' },
        ]);
        expect(detail?.path).toEqual(['menu', 'queue', 'survey', 'goodbye']);
        expect(await store.getCallDetail(newCallSid())).toBeUndefined();
      }),
    );

    test(
      'purges calls started before a time, in batches, with everything kept of them',
      withStore(async (store, flowId) => {
        const sid = await recordCalls(store, flowId);
        let purged = 0;
        for (let batch = await store.purgeCalls(at(2500), 2); batch > 0; batch = await store.purgeCalls(at(2500), 2)) {
          expect(batch).toBeLessThanOrEqual(2);
          purged += batch;
        }
        // H, A, B and C started before; other tests' calls in a shared Redis may go too, never these
        expect(purged).toBeGreaterThanOrEqual(4);
        expect(await store.getCallDetail(sid.A!)).toBeUndefined();
        expect(await store.getCall(sid.A!)).toBeUndefined();
        expect(await store.getCallDetail(sid.D!)).toBeDefined();
        expect((await store.listCalls({ flowId, from: at(-100_000), to: HOUR.to }, { limit: 10 })).calls.map((call) => call.callSid)).toEqual([sid.G, sid.F, sid.E, sid.D]);
      }),
    );

    test(
      'a call a goto moved to another flow counts in the totals of both, each node only in its own flow',
      withStore(async (store, flowId) => {
        const linkedId = `${flowId}-linked`;
        const inLinked = { flowId: linkedId, versionId: 'w1' };
        // X starts here (its first mark says no flow, as marks kept before did: the entry flow's), a goto moves it
        // to the linked flow, whose own `menu` it is silent at and hangs up at
        const x = newCallSid();
        await startCall(store, x, flowId, 0);
        await store.updateCallSummary(x, { at: at(5), linked: [inLinked], nodes: [{ ...visit('goto', 0, 'menu'), flowId, versionId: 'v1' }, { ...visit('menu', 1), ...inLinked }] });
        await store.updateCallSummary(x, { at: at(20), nodes: [{ nodeId: 'menu', ...inLinked, mark: 'noInput', steps: 1 }] });
        await store.updateCallSummary(x, { at: at(30), hangup: { nodeId: 'menu', flowId: linkedId, inQueue: false } });
        // Y calls the linked flow itself and chooses to end the call
        const y = newCallSid();
        await startCall(store, y, linkedId, 100, 'w1');
        await store.updateCallSummary(y, { at: at(110), flowEnd: { kind: 'choice', nodeId: 'bye', flowId: linkedId }, nodes: [{ ...visit('bye', 1, 'menu'), ...inLinked }] });

        const entry = await store.getFlowAnalytics({ flowId, ...HOUR }, 60);
        expect(entry).toMatchObject({ calls: 1, outcomes: { hungUp: 1 }, abandonment: { inMenu: 1, inQueue: 0 } });
        expect(entry.nodes).toEqual({
          // X hung up in the linked flow's menu, not in this one's
          menu: { visits: 1, dropOffs: 0, zeroOuts: 0, noInputs: 0, noMatches: 0, medianStepsToPerson: null, medianSecondsToPerson: null },
          goto: { visits: 1, dropOffs: 0, zeroOuts: 0, noInputs: 0, noMatches: 0, medianStepsToPerson: null, medianSecondsToPerson: null },
        });
        expect(entry.edges).toEqual([{ from: 'menu', to: 'goto', calls: 1 }]);

        const linked = await store.getFlowAnalytics({ flowId: linkedId, ...HOUR }, 60);
        expect(linked).toMatchObject({ calls: 2, outcomes: { hungUp: 1, callerChoice: 1 }, abandonment: { inMenu: 1, inQueue: 0 }, containment: 1 / 2 });
        expect(linked.nodes).toEqual({
          menu: { visits: 2, dropOffs: 1, zeroOuts: 0, noInputs: 1, noMatches: 0, medianStepsToPerson: null, medianSecondsToPerson: null },
          bye: { visits: 1, dropOffs: 0, zeroOuts: 0, noInputs: 0, noMatches: 0, medianStepsToPerson: null, medianSecondsToPerson: null },
        });
        expect(linked.edges).toEqual([{ from: 'menu', to: 'bye', calls: 1 }]);
        // the version filter: the version each call ran the linked flow in
        expect((await store.getFlowAnalytics({ flowId: linkedId, ...HOUR, versionId: 'w1' }, 60)).calls).toBe(2);
        expect((await store.getFlowAnalytics({ flowId: linkedId, ...HOUR, versionId: 'v1' }, 60)).calls).toBe(0);

        const listed = await store.listCalls({ flowId: linkedId, ...HOUR }, { limit: 10 });
        expect(listed.calls.map((call) => [call.callSid, call.flowId, call.endNodeId])).toEqual([[y, linkedId, 'bye'], [x, flowId, 'menu']]);
        expect(listed.total).toBe(2);
        expect((await store.listCalls({ flowId: linkedId, ...HOUR, outcome: 'hungUp' }, { limit: 10 })).calls.map((call) => call.callSid)).toEqual([x]);
        // a page at a time, the calls started in the flow and those moved to it interleave newest first
        const first = await store.listCalls({ flowId: linkedId, ...HOUR }, { limit: 1 });
        expect([first.calls.map((call) => call.callSid), first.total]).toEqual([[y], 2]);
        const second = await store.listCalls({ flowId: linkedId, ...HOUR }, { limit: 1, cursor: first.next! });
        expect([second.calls.map((call) => call.callSid), second.next]).toEqual([[x], null]);
        expect((await store.getMeasuredEvidence(linkedId, HOUR.from, HOUR.to)).calls).toBe(2);
        // the detail's path lights the canvas of the flow the call started in: the linked flow's menu is not on it
        expect((await store.getCallDetail(x))?.path).toEqual(['menu', 'goto']);

        // purged from both flows' calls at once
        while ((await store.purgeCalls(at(1000), 10)) > 0);
        expect((await store.listCalls({ flowId, ...HOUR }, { limit: 10 })).total).toBe(0);
        expect((await store.listCalls({ flowId: linkedId, ...HOUR }, { limit: 10 })).total).toBe(0);
      }),
    );
  });
}
