import type { CallDetail, CallOutcome } from '../../../core/designer-api/types.ts';
import { toCallFlows, toPlaceName } from '../model/call-flows.ts';
import { toCallMoves, type CallMove } from '../model/call-moves.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { applyEvent, getCallPlace, hangUp, startSession, type RunOverrides, type SimulatorSession } from './simulator-session.ts';

// Replays a recorded call on the simulated phone: the same inputs and
// outcomes, at the times they happened, on the flow version the call ran, so
// a designer watches what the caller lived through and sees it end the same.

export interface CallReplay {
  callSid: string;
  /** how the recorded call ended, as the API classified it */
  recordedOutcome: CallOutcome;
  moves: CallMove[];
  session: SimulatorSession;
  /** index of the next move to play */
  at: number;
  /** `diverged`: the replay left the recorded path (a look-up's data, a split the draws could not steer) */
  status: 'playing' | 'done' | 'diverged';
  problem?: string;
  /** what the interpreter cannot replay (the runtime's fallback), said once when the replay starts */
  notReplayable: string[];
}

/** A split takes `then` when `random() * 100 < percent`: these draws take one branch or the other at every split. */
const SPLIT_DRAWS = [0, 0.999999] as const;

const toOverrides = (at: Date, draw: number): RunOverrides => ({ now: at, random: () => draw });

/** How the replayed call stands, in the API's words, to compare with the recorded one. */
export function getReplayOutcome(session: SimulatorSession): CallOutcome {
  const { state, wait } = session.step;
  if (state.reached === 'person') return 'person';
  if (state.reached === 'followUp') return 'followUp';
  if (session.callerHungUp) return 'hungUp';
  if (wait.kind === 'end') return wait.reason === 'hangup' ? 'callerChoice' : 'hungUp';
  return 'inProgress';
}

/** Where the replayed call waits, named as a move names it; null once it is over (or while the guard dials a number outside the flows). */
function getStanding(session: SimulatorSession): string | null {
  const place = getCallPlace(session);
  return place === null ? null : toPlaceName(place.nodeId, place.flowId);
}

/** Where the next event move happened, to steer splits towards it. */
const getNextPlace = (moves: readonly CallMove[], index: number): string | undefined => {
  const move = moves[index];
  return move?.kind === 'event' ? toPlaceName(move.nodeId, move.flowId) : undefined;
};

/** Runs `play` with each split draw and keeps the first that leads to `expected`; the first draw when none does. */
function playSteered(play: (overrides: RunOverrides) => SimulatorSession, at: Date, expected: string | undefined): SimulatorSession {
  let first: SimulatorSession | undefined;
  for (const draw of SPLIT_DRAWS) {
    const session = play(toOverrides(at, draw));
    first ??= session;
    if (expected === undefined || getStanding(session) === expected) return session;
  }
  return first!;
}

/** Checks the replay still follows the recording: the next move must find the call waiting where the recorded call waited, in the same flow. */
function checkStanding(replay: CallReplay): CallReplay {
  const next = replay.moves[replay.at];
  if (next === undefined) return { ...replay, status: 'done' };
  if (next.kind === 'hangup') return replay;
  const at = getStanding(replay.session);
  const recorded = toPlaceName(next.nodeId, next.flowId);
  if (at !== recorded) {
    const where = at === null ? 'the call had ended' : `the replay waits at ${at}`;
    return { ...replay, status: 'diverged', problem: `The recorded call was at ${recorded}; ${where}` };
  }
  return replay;
}

/**
 * Dials the version the call ran, at the time it started; `flow` is `detail.flow` parsed. Its gotos go
 * on in the flow versions the call was linked into, as the detail carries them.
 */
export function startCallReplay(flow: Flow, detail: CallDetail): CallReplay {
  const flows = toCallFlows(detail);
  const { startedAt, moves, notReplayable } = toCallMoves(flow, detail.timeline, flows);
  const line = { flowId: detail.call.flowId, linked: flows.byId };
  const session = playSteered((overrides) => startSession(flow, { now: startedAt, line }, overrides), startedAt, getNextPlace(moves, 0));
  const replay: CallReplay = { callSid: detail.call.callSid, recordedOutcome: detail.call.outcome, moves, session, at: 0, status: 'playing', notReplayable };
  return checkStanding(replay);
}

/** Plays the next recorded move. */
export function replayNextMove(replay: CallReplay): CallReplay {
  if (replay.status !== 'playing') return replay;
  const move = replay.moves[replay.at];
  if (move === undefined) return { ...replay, status: 'done' };
  const session =
    move.kind === 'hangup'
      ? hangUp(replay.session)
      : playSteered((overrides) => applyEvent(replay.session, move.event, overrides), move.at, getNextPlace(replay.moves, replay.at + 1));
  return checkStanding({ ...replay, session, at: replay.at + 1 });
}

/** Plays every move left; bounded by their number. */
export function replayAllMoves(replay: CallReplay): CallReplay {
  let current = replay;
  for (let guard = 0; guard <= replay.moves.length && current.status === 'playing'; guard++) current = replayNextMove(current);
  return current;
}

/** Whether the replay ended as the recorded call did; undefined while it plays. */
export function isSameOutcome(replay: CallReplay): boolean | undefined {
  if (replay.status === 'playing') return undefined;
  return replay.status === 'done' && getReplayOutcome(replay.session) === replay.recordedOutcome;
}
