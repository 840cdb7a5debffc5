import { describe, expect, test } from 'vitest';
import { getPersonAnsweredAt } from '../../runtime/call/call-summary.ts';
import type { CallRecord } from '../../runtime/store/types.ts';
import { createRecord } from '../store/call-store.contract.ts';

// When the first person answered, worked out from an action webhook that Twilio
// sends only after the agent's call has ended.

const T0 = Date.parse('2026-05-04T08:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const waiting = (wait: CallRecord['wait'], sinceSeconds?: number): CallRecord => ({
  ...createRecord('CA1', 3),
  wait,
  ...(sinceSeconds === undefined ? {} : { waitSinceMs: at(sinceSeconds).getTime() }),
});
const dial = waiting({ kind: 'dial', nodeId: 'transfer', to: { number: '+12125550147' }, timeout: 25, whisper: '' }, 100);
const queue = (since?: number) => waiting({ kind: 'queue', nodeId: 'queue', queue: 'support', hold: [], announce: { position: false, estimatedWait: false, everySeconds: 60 }, whisper: '' }, since);

describe('getPersonAnsweredAt', () => {
  test("a transfer's person answered the agent call's length before its action; a queue's, the seconds held after the call began holding", () => {
    expect(getPersonAnsweredAt(dial, { dialOutcome: 'answered', agentCallSeconds: 300 }, at(500))).toEqual(at(200));
    expect(getPersonAnsweredAt(queue(100), { queueEnding: 'answered', heldSeconds: 45 }, at(900))).toEqual(at(145));
  });

  test('never before the wait began, even when the reported length is longer than the wait', () => {
    expect(getPersonAnsweredAt(dial, { dialOutcome: 'answered', agentCallSeconds: 900 }, at(500))).toEqual(at(100));
  });

  test('unknown when the webhook does not tell, or the record predates the wait instant', () => {
    expect(getPersonAnsweredAt(dial, { dialOutcome: 'answered' }, at(500))).toBeUndefined();
    expect(getPersonAnsweredAt(queue(), { queueEnding: 'answered', heldSeconds: 45 }, at(900))).toBeUndefined();
  });
});
