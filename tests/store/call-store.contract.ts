import { describe, expect, test } from 'vitest';
import { PUBLISH_HISTORY_LENGTH, type CallEventRecord, type CallRecord, type CallStore } from '../../runtime/store/types.ts';

// What every CallStore does, whichever it is: each store's test file runs this
// suite against a real instance (SQLite in a temporary folder, Redis on a
// redis-server of the test's own).

export interface StoreUnderTest {
  store: CallStore;
  /** the call's events as analytics read them, in order */
  getEvents(callSid: string): Promise<CallEventRecord[]>;
  /** closes this store and opens another on the same data, as a restart (or another replica) does */
  reopen(): Promise<StoreUnderTest>;
}

let sidCounter = 0;
/** A call sid of its own for each test, so the suites can share one Redis. */
export const newCallSid = () => `CA${String(++sidCounter).padStart(6, '0')}${Date.now().toString(16).padStart(26, '0')}`;

/** A test body run on a freshly opened store with a flow id of its own, closing the store whatever happens. */
export const withFreshStore =
  (open: () => Promise<StoreUnderTest>, run: (store: CallStore, flowId: string) => Promise<unknown>) =>
  async (): Promise<void> => {
    const subject = await open();
    try {
      await run(subject.store, `flow-${newCallSid().toLowerCase()}`);
    } finally {
      await subject.store.close();
    }
  };

export function createRecord(callSid: string, seq: number, flowId = 'bank'): CallRecord {
  return {
    callSid,
    flowId,
    state: { callSid, seq, flowVersion: 'v1', at: 'main_menu', attempts: { noInput: 0, noMatch: 0 }, steps: 1, visits: {}, variables: {}, language: 'en-US', trail: [], reached: 'none', caller: { callSid } },
    wait: { kind: 'end', reason: 'hangup' },
  } as CallRecord;
}

export function describeCallStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  /** Runs a test on a fresh store and closes it after, even when the test fails. */
  const withStore = (run: (subject: StoreUnderTest) => Promise<unknown>) => async () => {
    // reopen closes the store it replaces: only the newest one is left to close
    const opened: StoreUnderTest[] = [];
    const track = (subject: StoreUnderTest): StoreUnderTest => {
      opened.push(subject);
      return { ...subject, reopen: async () => track(await subject.reopen()) };
    };
    try {
      await run(track(await open()));
    } finally {
      await opened.at(-1)?.store.close();
    }
  };

  describe(`${name}: the CallStore contract`, () => {
    test(
      'a saved call reads back as it was saved; an unknown one is undefined',
      withStore(async ({ store }) => {
        const callSid = newCallSid();
        expect(await store.getCall(callSid)).toBeUndefined();
        const record = createRecord(callSid, 1);
        expect(await store.saveStep({ record, expectedSeq: undefined, answerSeq: -1, twiml: '<Response/>' })).toBe('saved');
        expect(await store.getCall(callSid)).toEqual(record);
      }),
    );

    test(
      "refuses a step whose expected seq is not the call's, as a racing duplicate would send",
      withStore(async ({ store }) => {
        const callSid = newCallSid();
        await store.saveStep({ record: createRecord(callSid, 1), expectedSeq: undefined, answerSeq: -1, twiml: '<Response>1</Response>' });
        expect(await store.saveStep({ record: createRecord(callSid, 2), expectedSeq: 1, answerSeq: 1, twiml: '<Response>2</Response>' })).toBe('saved');
        expect(await store.saveStep({ record: createRecord(callSid, 2), expectedSeq: 1, answerSeq: 1, twiml: '<Response>other</Response>' })).toBe('conflict');
        expect(await store.saveStep({ record: createRecord(callSid, 1), expectedSeq: undefined, answerSeq: -1, twiml: '' })).toBe('conflict');
        expect(await store.getAnswer(callSid, 1)).toBe('<Response>2</Response>');
        expect((await store.getCall(callSid))?.state.seq).toBe(2);
      }),
    );

    test(
      'of two steps racing from the same seq exactly one is saved, and its answer is the one replayed',
      withStore(async ({ store }) => {
        const callSid = newCallSid();
        await store.saveStep({ record: createRecord(callSid, 1), expectedSeq: undefined, answerSeq: -1, twiml: 'entry' });
        const results = await Promise.all(
          ['first', 'second'].map((twiml) => store.saveStep({ record: createRecord(callSid, 2), expectedSeq: 1, answerSeq: 1, twiml })),
        );
        expect([...results].sort()).toEqual(['conflict', 'saved']);
        expect(await store.getAnswer(callSid, 1)).toBe(results[0] === 'saved' ? 'first' : 'second');
        const starts = await Promise.all(['a', 'b'].map((twiml) => store.saveStep({ record: createRecord(`${callSid}x`, 1), expectedSeq: undefined, answerSeq: -1, twiml })));
        expect([...starts].sort()).toEqual(['conflict', 'saved']);
      }),
    );

    test(
      'keeps every answer of a live call for replays; an answer never given is undefined',
      withStore(async ({ store }) => {
        const callSid = newCallSid();
        await store.saveStep({ record: createRecord(callSid, 1), expectedSeq: undefined, answerSeq: -1, twiml: 'entry' });
        await store.saveStep({ record: createRecord(callSid, 2), expectedSeq: 1, answerSeq: 1, twiml: 'one' });
        await store.saveStep({ record: createRecord(callSid, 3), expectedSeq: 2, answerSeq: 2, twiml: 'two' });
        expect(await store.getAnswer(callSid, -1)).toBe('entry');
        expect(await store.getAnswer(callSid, 1)).toBe('one');
        expect(await store.getAnswer(callSid, 2)).toBe('two');
        expect(await store.getAnswer(callSid, 3)).toBeUndefined();
        expect(await store.getAnswer(newCallSid(), -1)).toBeUndefined();
      }),
    );

    test(
      "keeps a call's events in the order they happened, with the step's and the lone ones interleaved",
      withStore(async ({ store, getEvents }) => {
        const callSid = newCallSid();
        const at = new Date();
        await store.saveStep({ record: createRecord(callSid, 1), expectedSeq: undefined, answerSeq: -1, twiml: 'a', events: { list: [{ type: 'nodeEntered', nodeId: 'a' }], at } });
        await store.recordEvent(callSid, { type: 'input', nodeId: 'a', digits: '1' }, at);
        await store.saveStep({
          record: createRecord(callSid, 2),
          expectedSeq: 1,
          answerSeq: 1,
          twiml: 'b',
          events: { list: [{ type: 'outcome', nodeId: 'a', outcome: 'ok' }, { type: 'nodeEntered', nodeId: 'b' }], at },
        });
        // a conflicting step writes nothing, events included
        await store.saveStep({ record: createRecord(callSid, 2), expectedSeq: 1, answerSeq: 1, twiml: 'dup', events: { list: [{ type: 'fallback', reason: 'dup' }], at } });
        await store.recordEvent(callSid, { type: 'hangup', reason: 'completed' }, at);
        expect(await getEvents(callSid)).toEqual([
          { type: 'nodeEntered', nodeId: 'a' },
          { type: 'input', nodeId: 'a', digits: '1' },
          { type: 'outcome', nodeId: 'a', outcome: 'ok' },
          { type: 'nodeEntered', nodeId: 'b' },
          { type: 'hangup', reason: 'completed' },
        ]);
        expect(await getEvents(newCallSid())).toEqual([]);
      }),
    );

    test(
      'statuses: a later one replaces an earlier one, a late lower one is ignored, a final one stays',
      withStore(async ({ store }) => {
        const callSid = newCallSid();
        const at = new Date();
        expect(await store.getStatus(callSid)).toBeUndefined();
        expect(await store.setStatus(callSid, 'ringing', at)).toEqual({ applied: true, status: 'ringing' });
        expect(await store.setStatus(callSid, 'in-progress', at)).toEqual({ applied: true, status: 'in-progress' });
        expect(await store.setStatus(callSid, 'ringing', at)).toEqual({ applied: false, status: 'in-progress' });
        expect(await store.setStatus(callSid, 'in-progress', at)).toEqual({ applied: true, status: 'in-progress' });
        expect(await store.getStatus(callSid)).toBe('in-progress');
        expect(await store.setStatus(callSid, 'completed', at)).toEqual({ applied: true, status: 'completed' });
        expect(await store.setStatus(callSid, 'in-progress', at)).toEqual({ applied: false, status: 'completed' });
        expect(await store.setStatus(callSid, 'failed', at)).toEqual({ applied: false, status: 'completed' });
        expect(await store.getStatus(callSid)).toBe('completed');
      }),
    );

    test(
      "a status's event is recorded with it, after the call's earlier events, and only when the status is applied",
      withStore(async ({ store, getEvents }) => {
        const callSid = newCallSid();
        const at = new Date();
        await store.saveStep({ record: createRecord(callSid, 1), expectedSeq: undefined, answerSeq: -1, twiml: 'a', events: { list: [{ type: 'nodeEntered', nodeId: 'a' }], at } });
        expect(await store.setStatus(callSid, 'in-progress', at)).toEqual({ applied: true, status: 'in-progress' });
        expect(await store.setStatus(callSid, 'completed', at, { type: 'hangup', reason: 'completed' })).toEqual({ applied: true, status: 'completed' });
        // a late final status is not applied: its hangup is not a second one
        expect(await store.setStatus(callSid, 'canceled', at, { type: 'hangup', reason: 'canceled' })).toEqual({ applied: false, status: 'completed' });
        expect(await getEvents(callSid)).toEqual([
          { type: 'nodeEntered', nodeId: 'a' },
          { type: 'hangup', reason: 'completed' },
        ]);
      }),
    );

    test(
      'a final status first (callbacks out of order) keeps the earlier ones out',
      withStore(async ({ store }) => {
        const callSid = newCallSid();
        const at = new Date();
        expect(await store.setStatus(callSid, 'no-answer', at)).toEqual({ applied: true, status: 'no-answer' });
        expect(await store.setStatus(callSid, 'ringing', at)).toEqual({ applied: false, status: 'no-answer' });
        // two final statuses racing: one wins, and both callers are told which
        const other = newCallSid();
        const raced = await Promise.all([store.setStatus(other, 'completed', at), store.setStatus(other, 'canceled', at)]);
        expect(raced.filter((result) => result.applied)).toHaveLength(1);
        expect(raced[1]!.status).toBe(raced[0]!.status);
        expect(await store.getStatus(other)).toBe(raced[0]!.status);
      }),
    );

    test(
      'queue-leave reasons are kept per call and per wait',
      withStore(async ({ store }) => {
        const callSid = newCallSid();
        expect(await store.getQueueLeave(callSid, 4)).toBeUndefined();
        await store.setQueueLeave(callSid, 4, 'timeout');
        await store.setQueueLeave(callSid, 6, 'callback');
        expect(await store.getQueueLeave(callSid, 4)).toBe('timeout');
        expect(await store.getQueueLeave(callSid, 6)).toBe('callback');
        expect(await store.getQueueLeave(callSid, 5)).toBeUndefined();
        await store.setQueueLeave(callSid, 4, 'callback');
        expect(await store.getQueueLeave(callSid, 4)).toBe('callback');
        expect(await store.getQueueLeave(newCallSid(), 4)).toBeUndefined();
      }),
    );

    test(
      "flow versions: saved once (a version's id is its content), read back by flow and version",
      withStore(async ({ store }) => {
        const flowId = `flow-${newCallSid().toLowerCase()}`;
        expect(await store.getFlowVersion(flowId, 'v1')).toBeUndefined();
        await store.saveFlowVersion({ flowId, versionId: 'v1', flowJson: '{"one":1}' }, new Date());
        await store.saveFlowVersion({ flowId, versionId: 'v2', flowJson: '{"two":2}' }, new Date());
        await store.saveFlowVersion({ flowId, versionId: 'v1', flowJson: '{"again":1}' }, new Date());
        expect(await store.getFlowVersion(flowId, 'v1')).toEqual({ flowId, versionId: 'v1', flowJson: '{"one":1}' });
        expect(await store.getFlowVersion(flowId, 'v2')).toEqual({ flowId, versionId: 'v2', flowJson: '{"two":2}' });
        expect(await store.getFlowVersion('other', 'v1')).toBeUndefined();
      }),
    );

    test(
      'the latest flow version is the one saved last, also when it was saved before: what a restart serves for a broken file',
      withStore(async ({ store }) => {
        const flowId = `flow-${newCallSid().toLowerCase()}`;
        expect(await store.getLatestFlowVersion(flowId)).toBeUndefined();
        await store.saveFlowVersion({ flowId, versionId: 'v1', flowJson: '{"one":1}' }, new Date());
        await store.saveFlowVersion({ flowId, versionId: 'v2', flowJson: '{"two":2}' }, new Date());
        expect(await store.getLatestFlowVersion(flowId)).toEqual({ flowId, versionId: 'v2', flowJson: '{"two":2}' });
        await store.saveFlowVersion({ flowId, versionId: 'v1', flowJson: '{"one":1}' }, new Date());
        expect(await store.getLatestFlowVersion(flowId)).toEqual({ flowId, versionId: 'v1', flowJson: '{"one":1}' });
        expect(await store.getLatestFlowVersion('other')).toBeUndefined();
      }),
    );

    test(
      "a flow's publishes: newest first, with who and the note, kept across a restart and bounded",
      withStore(async (subject) => {
        const flowId = `flow-${newCallSid().toLowerCase()}`;
        expect(await subject.store.listPublishes(flowId)).toEqual([]);
        const first = { flowId, versionId: 'v1', publishedAt: '2026-11-30T09:00:00.000Z', by: 'flows folder' };
        const second = { flowId, versionId: 'v2', publishedAt: '2026-11-30T10:00:00.000Z', by: 'admin', note: 'opening hours for December' };
        await subject.store.savePublish(first);
        await subject.store.savePublish(second);
        await subject.store.savePublish({ ...first, flowId: 'other' });
        expect(await subject.store.listPublishes(flowId)).toEqual([second, first]);

        const reopened = await subject.reopen();
        expect(await reopened.store.listPublishes(flowId)).toEqual([second, first]);
        for (let index = 0; index < PUBLISH_HISTORY_LENGTH; index++) {
          await reopened.store.savePublish({ ...first, versionId: `later-${index}` });
        }
        const kept = await reopened.store.listPublishes(flowId);
        expect(kept).toHaveLength(PUBLISH_HISTORY_LENGTH);
        expect(kept[0]?.versionId).toBe(`later-${PUBLISH_HISTORY_LENGTH - 1}`);
        expect(kept.map((publish) => publish.versionId)).not.toContain('v2');
      }),
    );

    test(
      'keeps calls, answers and events in order across a restart, also for a call that already finished',
      withStore(async (subject) => {
        const { store } = subject;
        const callSid = newCallSid();
        const flowId = `flow-${callSid.toLowerCase()}`;
        await store.saveStep({ record: createRecord(callSid, 1), expectedSeq: undefined, answerSeq: -1, twiml: 'first', events: { list: [{ type: 'nodeEntered', nodeId: 'a' }], at: new Date() } });
        await store.saveStep({ record: createRecord(callSid, 2), expectedSeq: 1, answerSeq: 1, twiml: 'second', events: { list: [{ type: 'nodeEntered', nodeId: 'b' }], at: new Date() } });
        await store.recordEvent(callSid, { type: 'hangup', reason: 'completed' }, new Date());
        await store.setStatus(callSid, 'completed', new Date());
        const live = newCallSid();
        await store.saveStep({ record: createRecord(live, 3), expectedSeq: undefined, answerSeq: -1, twiml: 'live' });
        await store.setQueueLeave(live, 3, 'callback');
        await store.setStatus(live, 'in-progress', new Date());
        await store.saveFlowVersion({ flowId, versionId: 'v1', flowJson: '{}' }, new Date());

        const reopened = await subject.reopen();
        expect((await reopened.store.getCall(callSid))?.state.seq).toBe(2);
        expect(await reopened.store.getAnswer(callSid, -1)).toBe('first');
        expect(await reopened.store.getAnswer(callSid, 1)).toBe('second');
        expect((await reopened.getEvents(callSid)).map((event) => event.type)).toEqual(['nodeEntered', 'nodeEntered', 'hangup']);
        expect(await reopened.store.getStatus(callSid)).toBe('completed');
        expect(await reopened.store.setStatus(callSid, 'ringing', new Date())).toEqual({ applied: false, status: 'completed' });
        expect(await reopened.store.getCall(live)).toEqual(createRecord(live, 3));
        expect(await reopened.store.getQueueLeave(live, 3)).toBe('callback');
        expect(await reopened.store.getStatus(live)).toBe('in-progress');
        expect(await reopened.store.saveStep({ record: createRecord(live, 4), expectedSeq: 3, answerSeq: 3, twiml: 'next' })).toBe('saved');
        expect(await reopened.store.getFlowVersion(flowId, 'v1')).toEqual({ flowId, versionId: 'v1', flowJson: '{}' });
      }),
    );

    test(
      "a queue's head is the call holding longest in it, across flows; it moves on when that call ends, leaves or is taken by an agent",
      withStore(async (subject) => {
        const queue = `support ${newCallSid()}`;
        const toQueueWait = (callSid: string, seq: number, flowId: string, queueName = queue): CallRecord => ({
          ...createRecord(callSid, seq, flowId),
          wait: { kind: 'queue', nodeId: 'agents', queue: queueName, hold: [], announce: { position: false, estimatedWait: false, everySeconds: 30 }, whisper: `whisper of ${callSid}` },
        });
        const enter = async (callSid: string, flowId: string, queueName = queue) => {
          await subject.store.saveStep({ record: createRecord(callSid, 1, flowId), expectedSeq: undefined, answerSeq: -1, twiml: 'menu' });
          await subject.store.saveStep({ record: toQueueWait(callSid, 2, flowId, queueName), expectedSeq: 1, answerSeq: 1, twiml: 'enqueue' });
        };
        expect(await subject.store.getQueueHead(queue)).toBeUndefined();
        const [first, second, third, elsewhere] = [newCallSid(), newCallSid(), newCallSid(), newCallSid()];
        await enter(elsewhere, 'bank', `${queue} other`);
        await enter(first, 'bank');
        await enter(second, 'insurance');
        await enter(third, 'bank');
        expect(await subject.store.getQueueHead(queue)).toEqual(toQueueWait(first, 2, 'bank'));

        // the first caller hangs up while holding; the second survives a restart as the head
        await subject.store.setStatus(first, 'completed', new Date());
        const reopened = await subject.reopen();
        expect((await reopened.store.getQueueHead(queue))?.callSid).toBe(second);

        // an agent takes the second caller; the third's call moves on to another wait, then queues again at the back
        await reopened.store.removeFromQueue(second);
        expect((await reopened.store.getQueueHead(queue))?.callSid).toBe(third);
        await reopened.store.saveStep({ record: createRecord(third, 3, 'bank'), expectedSeq: 2, answerSeq: 2, twiml: 'menu again' });
        expect(await reopened.store.getQueueHead(queue)).toBeUndefined();
        const fourth = newCallSid();
        await reopened.store.saveStep({ record: createRecord(fourth, 1, 'bank'), expectedSeq: undefined, answerSeq: -1, twiml: 'menu' });
        await reopened.store.saveStep({ record: toQueueWait(fourth, 2, 'bank'), expectedSeq: 1, answerSeq: 1, twiml: 'enqueue' });
        await reopened.store.saveStep({ record: toQueueWait(third, 4, 'bank'), expectedSeq: 3, answerSeq: 3, twiml: 'enqueue again' });
        expect((await reopened.store.getQueueHead(queue))?.callSid).toBe(fourth);
        expect((await reopened.store.getQueueHead(`${queue} other`))?.callSid).toBe(elsewhere);
      }),
    );
  });
}
