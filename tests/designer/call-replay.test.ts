import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CallDetail, CallListEntry, CallTimelineEvent } from '../../core/designer-api/types.ts';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import { toCallMoves } from '../../designer/src/model/call-moves.ts';
import { getReplayOutcome, isSameOutcome, replayAllMoves, replayNextMove, startCallReplay } from '../../designer/src/simulator/call-replay.ts';
import { getTrail } from '../../designer/src/simulator/simulator-session.ts';

// A recorded call replayed on the shared interpreter: the timeline the API
// answers (shaped as runtime/call/call-events.ts records it) becomes the same
// inputs and outcomes, at the times they happened, and ends the same way.

const bank: Flow = FlowSchema.parse(JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')));

/** Tuesday 10 March 2026, 11:00 in New York: customer service is open. */
const OPEN = Date.parse('2026-03-10T15:00:00Z');
/** Sunday 15 March 2026, 12:00 in New York: closed. */
const CLOSED = Date.parse('2026-03-15T16:00:00Z');

/** A timeline entry without its time: `after` seconds after the one before (5 when absent). */
type Entry = CallTimelineEvent extends infer E ? (E extends CallTimelineEvent ? Omit<E, 'at'> & { after?: number } : never) : never;

/** Timeline entries a few seconds apart from `start`. */
function toTimeline(start: number, events: Entry[]): CallTimelineEvent[] {
  let at = start;
  return events.map(({ after = 5, ...event }) => {
    at += after * 1000;
    return { ...event, at: new Date(at).toISOString() } as CallTimelineEvent;
  });
}

function toDetail(outcome: CallListEntry['outcome'], timeline: CallTimelineEvent[]): CallDetail {
  const call: CallListEntry = {
    callSid: 'CA0001',
    flowId: 'bank',
    versionId: 'v1',
    startedAt: timeline[0]!.at,
    durationSeconds: 60,
    caller: '+1 212 ••• ••76',
    outcome,
    endNodeId: null,
    secondsToPerson: null,
    stepsToPerson: null,
    surveyScore: null,
  };
  return { call, timeline, path: timeline.flatMap((event) => (event.type === 'nodeEntered' ? [event.nodeId] : [])), flow: bank, linkedFlows: [] };
}

/** Cards, lost card, the fraud line busy, the queue answers, a survey of 4, goodbye; then Twilio's final status. */
const personTimeline = toTimeline(OPEN, [
  { type: 'nodeEntered', nodeId: 'main_menu', after: 0 },
  { type: 'input', nodeId: 'main_menu', digits: '2' },
  { type: 'nodeEntered', nodeId: 'cards_menu', after: 0 },
  { type: 'input', nodeId: 'cards_menu', speech: 'lost card' },
  { type: 'nodeEntered', nodeId: 'fraud_transfer', after: 0 },
  { type: 'outcome', nodeId: 'fraud_transfer', outcome: 'busy', after: 20 },
  { type: 'nodeEntered', nodeId: 'fraud_queue', after: 0 },
  { type: 'outcome', nodeId: 'fraud_queue', outcome: 'answered', after: 200 },
  { type: 'personReached', nodeId: 'fraud_queue', after: 0 },
  { type: 'nodeEntered', nodeId: 'post_call_survey', after: 0 },
  { type: 'input', nodeId: 'post_call_survey', digits: '4' },
  { type: 'surveyScore', nodeId: 'post_call_survey', score: 4, after: 0 },
  { type: 'hangup', nodeId: 'post_call_survey', reason: 'hangup', after: 0 },
  { type: 'hangup', reason: 'completed', after: 2 },
]);

describe('a recorded call as interpreter moves', () => {
  it('turns inputs and outcomes into the events the runtime fed the interpreter, at their times', () => {
    const { startedAt, moves, notReplayable } = toCallMoves(bank, personTimeline);
    expect(startedAt.toISOString()).toBe(personTimeline[0]!.at);
    expect(moves.map((move) => (move.kind === 'event' ? [move.nodeId, move.event] : ['hangup']))).toEqual([
      ['main_menu', { type: 'input', digits: '2' }],
      ['cards_menu', { type: 'input', speech: 'lost card' }],
      ['fraud_transfer', { type: 'dial', outcome: 'busy' }],
      ['fraud_queue', { type: 'queue', outcome: 'answered' }],
      ['post_call_survey', { type: 'input', digits: '4' }],
      // the final status after the flow's own goodbye: a hang-up move the replay finds already over
      ['hangup'],
    ]);
    expect(moves[2]!.at.toISOString()).toBe(personTimeline[5]!.at);
    expect(notReplayable).toEqual([]);
  });

  it('reads look-up, message and call-back outcomes off the node kinds, silence as an input with nothing', () => {
    const { moves, notReplayable } = toCallMoves(
      bank,
      toTimeline(OPEN, [
        { type: 'input', nodeId: 'main_menu' },
        { type: 'outcome', nodeId: 'balance_lookup', outcome: 'timeout' },
        { type: 'outcome', nodeId: 'closed_voicemail', outcome: 'recorded' },
        { type: 'outcome', nodeId: 'closed_callback', outcome: 'callbackNumber' },
        { type: 'outcome', nodeId: 'no_such_node', outcome: 'busy' },
        { type: 'fallback', reason: 'number' },
      ]),
    );
    expect(moves.map((move) => move.kind === 'event' && move.event)).toEqual([
      { type: 'input' },
      { type: 'lookup', outcome: 'timeout' },
      { type: 'recorded' },
      { type: 'callbackNumber' },
    ]);
    expect(notReplayable).toEqual(['the outcome "busy" at no_such_node', "the runtime's fallback (number)"]);
  });
});

describe('replaying a recorded call', () => {
  it('walks the same nodes to the same person, and the survey, as the recorded call', () => {
    const replay = replayAllMoves(startCallReplay(bank, toDetail('person', personTimeline)));
    expect(replay.status).toBe('done');
    expect(getReplayOutcome(replay.session)).toBe('person');
    expect(isSameOutcome(replay)).toBe(true);
    expect(getTrail(replay.session)).toEqual(['greeting', 'main_menu', 'cards_menu', 'fraud_transfer', 'fraud_queue', 'post_call_survey', 'goodbye']);
    const said = replay.session.transcript.filter((line) => line.kind === 'caller').map((line) => ('text' in line ? line.text : ''));
    expect(said).toEqual(['Pressed 2', 'Said "lost card"', 'Pressed 4']);
  });

  it('decides business hours at the time the call happened, not at the time of the replay', () => {
    const closedTimeline = toTimeline(CLOSED, [
      { type: 'nodeEntered', nodeId: 'main_menu', after: 0 },
      { type: 'input', nodeId: 'main_menu', digits: '0' },
      { type: 'nodeEntered', nodeId: 'closed_menu', after: 0 },
      { type: 'input', nodeId: 'closed_menu', digits: '2' },
      { type: 'nodeEntered', nodeId: 'closed_voicemail', after: 0 },
      { type: 'outcome', nodeId: 'closed_voicemail', outcome: 'recorded', after: 30 },
      { type: 'hangup', nodeId: 'closed_voicemail', reason: 'hangup', after: 0 },
    ]);
    const replay = replayAllMoves(startCallReplay(bank, toDetail('followUp', closedTimeline)));
    expect(getTrail(replay.session)).toContain('closed_menu');
    expect(replay.status).toBe('done');
    expect(isSameOutcome(replay)).toBe(true);
    // the same presses on an open Tuesday go to the queue instead
    const openTimeline = closedTimeline.map((event) => ({ ...event, at: new Date(Date.parse(event.at) - CLOSED + OPEN).toISOString() }));
    const open = replayAllMoves(startCallReplay(bank, toDetail('followUp', openTimeline)));
    expect(open.status).toBe('diverged');
    expect(open.problem).toBe('The recorded call was at closed_menu; the replay waits at agent_queue');
    expect(isSameOutcome(open)).toBe(false);
  });

  it('hangs up where the caller did, one move at a time', () => {
    const hungUp = toTimeline(OPEN, [
      { type: 'nodeEntered', nodeId: 'main_menu', after: 0 },
      { type: 'input', nodeId: 'main_menu' },
      { type: 'nodeEntered', nodeId: 'main_menu', after: 0 },
      { type: 'hangup', reason: 'completed', after: 3 },
    ]);
    let replay = startCallReplay(bank, toDetail('hungUp', hungUp));
    expect(replay.status).toBe('playing');
    replay = replayNextMove(replay);
    expect(replay.at).toBe(1);
    expect(isSameOutcome(replay)).toBeUndefined();
    replay = replayNextMove(replay);
    expect(replay.status).toBe('done');
    expect(replay.session.callerHungUp).toBe(true);
    expect(getReplayOutcome(replay.session)).toBe('hungUp');
    expect(isSameOutcome(replay)).toBe(true);
  });

  it('replays a failed look-up and a hang-up while waiting in the queue', () => {
    const timeline = toTimeline(OPEN, [
      { type: 'nodeEntered', nodeId: 'main_menu', after: 0 },
      { type: 'input', nodeId: 'main_menu', digits: '1' },
      { type: 'nodeEntered', nodeId: 'balance_account', after: 0 },
      { type: 'input', nodeId: 'balance_account', digits: '1234567890' },
      { type: 'outcome', nodeId: 'balance_lookup', outcome: 'failed', after: 1 },
      { type: 'nodeEntered', nodeId: 'agent_queue', after: 0 },
      { type: 'hangup', nodeId: 'agent_queue', reason: 'completed', after: 40 },
    ]);
    const replay = replayAllMoves(startCallReplay(bank, toDetail('hungUp', timeline)));
    expect(replay.status).toBe('done');
    expect(getTrail(replay.session)).toEqual(['greeting', 'main_menu', 'balance_account', 'balance_lookup', 'balance_unavailable', 'agent_hours', 'agent_queue']);
    expect(isSameOutcome(replay)).toBe(true);
  });

  it('ends in self-service when the caller chooses goodbye, and says so as the API does', () => {
    const timeline = toTimeline(OPEN, [
      { type: 'nodeEntered', nodeId: 'main_menu', after: 0 },
      { type: 'input', nodeId: 'main_menu', speech: 'balance' },
      { type: 'nodeEntered', nodeId: 'balance_account', after: 0 },
      { type: 'input', nodeId: 'balance_account', digits: '1234567890' },
      { type: 'outcome', nodeId: 'balance_lookup', outcome: 'ok', after: 1 },
      { type: 'nodeEntered', nodeId: 'balance_menu', after: 0 },
      { type: 'input', nodeId: 'balance_menu', digits: '9' },
      { type: 'hangup', nodeId: 'balance_menu', reason: 'hangup', after: 0 },
    ]);
    const replay = replayAllMoves(startCallReplay(bank, toDetail('callerChoice', timeline)));
    expect(replay.status).toBe('done');
    expect(getReplayOutcome(replay.session)).toBe('callerChoice');
    expect(isSameOutcome(replay)).toBe(true);
    // the same call recorded as a person reached is not the same outcome
    expect(isSameOutcome(replayAllMoves(startCallReplay(bank, toDetail('person', timeline))))).toBe(false);
  });
});

describe('replaying a recorded call that a goto took into another flow', () => {
  /** The shop's 1 hands the call to the bank's main menu; its own main_menu shares the bank's id. */
  const shop: Flow = FlowSchema.parse({
    name: 'Shop',
    entry: 'main_menu',
    nodes: {
      main_menu: {
        kind: 'menu',
        prompt: 'For the bank, press 1. For the old shop, press 2.',
        options: [
          { key: '1', next: 'to_bank' },
          { key: '2', next: 'to_gone' },
        ],
        noInput: { next: 'desk' },
        noMatch: { next: 'desk' },
      },
      to_bank: { kind: 'goto', flow: 'bank', node: 'main_menu', on: { failed: 'desk' } },
      to_gone: { kind: 'goto', flow: 'gone', on: { failed: 'desk' } },
      desk: { kind: 'transfer', to: { number: '+34910000000' }, on: { answered: 'bye' } },
      bye: { kind: 'hangup' },
    },
  });
  const toShopDetail = (outcome: CallListEntry['outcome'], timeline: CallTimelineEvent[], linkedFlows: CallDetail['linkedFlows']): CallDetail => {
    const detail = toDetail(outcome, timeline);
    return { ...detail, call: { ...detail.call, flowId: 'shop', versionId: 's1' }, flow: shop, linkedFlows };
  };

  it("follows the call into the bank's version it ran, and on to the same person there", () => {
    const timeline = toTimeline(OPEN, [
      { type: 'nodeEntered', nodeId: 'main_menu', after: 0 },
      { type: 'input', nodeId: 'main_menu', digits: '1' },
      { type: 'nodeEntered', nodeId: 'to_bank', after: 0 },
      { type: 'flowLinked', nodeId: 'to_bank', flowId: 'bank', versionId: 'b1', after: 0 },
      { type: 'nodeEntered', nodeId: 'main_menu', after: 0 },
      { type: 'input', nodeId: 'main_menu', digits: '0' },
      { type: 'nodeEntered', nodeId: 'agent_queue', after: 0 },
      { type: 'outcome', nodeId: 'agent_queue', outcome: 'answered', after: 60 },
      { type: 'personReached', nodeId: 'agent_queue', after: 0 },
      { type: 'hangup', reason: 'completed', after: 100 },
    ]);
    const detail = toShopDetail('person', timeline, [{ flowId: 'bank', versionId: 'b1', flow: bank }]);
    const { moves } = toCallMoves(shop, timeline, { flowId: 'shop', getLinked: () => bank });
    expect(moves.flatMap((move) => (move.kind === 'event' ? [`${move.flowId ?? 'shop'}:${move.nodeId}`] : []))).toEqual(['shop:main_menu', 'bank:main_menu', 'bank:agent_queue']);

    const replay = replayAllMoves(startCallReplay(shop, detail));
    expect(replay.problem).toBeUndefined();
    expect(replay.status).toBe('done');
    expect(isSameOutcome(replay)).toBe(true);
    expect(replay.session.linkedInto).toEqual(['bank']);
    // the canvas is the shop's: only its own nodes are lit
    expect(getTrail(replay.session)).toEqual(['main_menu', 'to_bank']);
  });

  it("takes the goto's failed route where the runtime could not start the linked flow", () => {
    const timeline = toTimeline(OPEN, [
      { type: 'nodeEntered', nodeId: 'main_menu', after: 0 },
      { type: 'input', nodeId: 'main_menu', digits: '2' },
      { type: 'nodeEntered', nodeId: 'to_gone', after: 0 },
      { type: 'outcome', nodeId: 'to_gone', outcome: 'failed', after: 0 },
      { type: 'nodeEntered', nodeId: 'desk', after: 0 },
      { type: 'outcome', nodeId: 'desk', outcome: 'answered', after: 20 },
      { type: 'personReached', nodeId: 'desk', after: 0 },
      { type: 'hangup', reason: 'completed', after: 100 },
    ]);
    const replay = replayAllMoves(startCallReplay(shop, toShopDetail('person', timeline, [])));
    expect(replay.notReplayable).toEqual([]);
    expect(replay.problem).toBeUndefined();
    expect(isSameOutcome(replay)).toBe(true);
    expect(getTrail(replay.session)).toEqual(['main_menu', 'to_gone', 'desk', 'bye']);
  });
});
