import type { Flow } from '../schema/flow.ts';
import { handleEvent } from './events.ts';
import { createRun, guardCall, moveTo, type Run } from './run.ts';
import { copyCallState, createCallState, findLanguage, getDefaultLanguage, getNode } from './state.ts';
import type { CallEvent, CallInfo, CallState, Interpreter, RunOptions, Step } from './types.ts';

// The one interpreter the runtime and the designer's simulator share (SPEC
// section 4). Pure: the state passed in is never changed; the state returned
// is a new, JSON-serialisable object. It never throws: anything unexpected
// sends the caller to a person.

export type { CallEvent, CallInfo, CallState, ExitTaken, GuardReason, Interpreter, RunOptions, Speech, Step, Wait } from './types.ts';
export { describeWait, isFinal } from './describe.ts';
export { findNearestPerson, GUARD_APOLOGY } from './guard.ts';
export { FALLBACK_AT, getDefaultLanguage } from './state.ts';
export { toSurveyScore } from './events.ts';

/** Starts at the entry (or `options.from`) and goes on to the first wait. */
function startRun(run: Run, options: RunOptions): Step {
  const entry = options.from ?? run.flow.entry;
  return getNode(run.flow, entry) ? moveTo(run, entry, 'next') : guardCall(run, 'unknownNode', undefined);
}

/** Last resort when the interpreter itself failed: a person if the guard can still route, else the end. */
function rescue(flow: Flow, state: unknown, options: RunOptions): Step {
  try {
    const run = createRun(flow, copyCallState(flow, state), options);
    run.state.at = undefined;
    return guardCall(run, 'error', undefined);
  } catch {
    const fallback = copyCallState({ name: '', entry: '', nodes: {} }, state);
    fallback.guard = 'error';
    return { state: { ...fallback, at: undefined, seq: fallback.seq + 1, ended: 'unconnected' }, speech: [], wait: { kind: 'end', reason: 'unconnected' }, path: [] };
  }
}

export function startCall(flow: Flow, caller: CallInfo, options: RunOptions): Step {
  try {
    return startRun(createRun(flow, createCallState(flow, caller, options), options), options);
  } catch {
    return rescue(flow, { callSid: caller?.callSid, caller, flowVersion: options?.flowVersion }, options);
  }
}

/**
 * Applies what just happened to the call. An event that does not fit the
 * wait (a dial outcome at a menu) returns the same wait with the state as it
 * was, seq included; `start` on a state that never waited starts the call.
 */
export function continueCall(flow: Flow, state: CallState, event: CallEvent, options: RunOptions): Step {
  try {
    const run = createRun(flow, copyCallState(flow, state), options);
    if (event?.type === 'start' && run.state.seq === 0 && run.state.at === undefined && run.state.ended === undefined) return startRun(run, options);
    return handleEvent(run, event);
  } catch {
    return rescue(flow, state, options);
  }
}

/**
 * A call that stopped at a goto's `link` wait goes on in the linked flow, at `entry` or the flow's
 * entry, knowing what it knew (variables, trail, steps, person reached). Menu visits start again:
 * another flow's node ids name other menus. A language the flow does not speak becomes its default.
 */
export function enterFlow(flow: Flow, state: CallState, entry: string | undefined, options: RunOptions): Step {
  try {
    const run = createRun(flow, copyCallState(flow, state), options);
    run.state.flowVersion = options.flowVersion;
    run.state.visits = {};
    run.state.language = findLanguage(flow, run.state.language) ?? getDefaultLanguage(flow);
    return startRun(run, { ...options, ...(entry !== undefined ? { from: entry } : {}) });
  } catch {
    return rescue(flow, state, options);
  }
}

export const interpreter: Interpreter = { startCall, continueCall, enterFlow };

export { createCallState } from './state.ts';
