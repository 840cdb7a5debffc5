import { continueCall, enterFlow, startCall, type CallEvent, type CallInfo, type CallState, type RunOptions, type Step, type Wait } from '../../../core/interpreter/index.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import type { RecordedCall, RecordedMove } from '../../../core/testing/recorded-call.ts';
import { getLinkedFlow } from '../../../core/testing/run-scenario.ts';
import type { LinkedFlows } from '../model/line.ts';
import { describeEnd, describeLink, toEndLines, toEventLine, toPassageLines, toReachedLines, type TranscriptLine } from './transcript.ts';

// A simulated call on the designer's phone, without React: the shared
// interpreter runs it exactly as the runtime would, and every function here
// returns a new session, so the panel can keep it in state and tests can
// step through a call line by line. A goto hands the call to another flow of
// the line when the designer has it loaded, as the runtime follows links.

/** The caller the simulator pretends to be; `from` gives call-back nodes a number to confirm. */
export const SIMULATED_CALLER: CallInfo = { callSid: 'simulator', from: '+15555550123' };

/** What the designer chooses about the world the call runs in. */
export interface SimulatorOptions {
  /** the simulated time: business-hours conditions are decided by it */
  now: Date;
  /** percentage splits draw from it (Math.random when absent) */
  random?: () => number;
  /** the caller the call comes from; SIMULATED_CALLER when absent */
  caller?: CallInfo;
  /** the flows a goto may hand the call to; without it (replays) the call stops at a goto */
  line?: SimulatorLine;
}

/** The line of flows the call may go on in, as the designer has loaded it. */
export interface SimulatorLine {
  /** the id of the flow the call is placed on; null while it is not saved */
  flowId: string | null;
  /** the flows its gotos reach: a flow, null when the runtime lacks it; absent while still loading (added when it loads: addLoadedFlows) */
  linked: LinkedFlows;
  /** gotos whose link the simulated world makes fail though the line has the flow (a scenario's `environment.links`): the call stays there for "flow failed" */
  failing?: (wait: Extract<Wait, { kind: 'link' }>) => boolean;
}

/** Links followed one after another without a wait; the runtime gives up on a call past as many. */
export const MAX_LINKS_IN_A_ROW = 10;

/**
 * A replay steers conditions by changing the time and the split draws of one interpreter call;
 * `linksToFollow` stops the move at the goto after that many links, where the replayed path has
 * the linked flow fail (undefined: every link the line can follow is followed).
 */
export type RunOverrides = Partial<Pick<RunOptions, 'now' | 'random'>> & { linksToFollow?: number };

/** A node the call passed, and the flow of the line it is in (absent: the flow the call was placed on). */
export interface WalkedNode {
  nodeId: string;
  flowId?: string;
}

export interface SimulatorSession {
  /** the flow the call runs, pinned when it started as the runtime pins a version */
  flow: Flow;
  options: SimulatorOptions;
  /** the interpreter's last answer: the call's state and what it waits for */
  step: Step;
  transcript: TranscriptLine[];
  /** every node the call went through, in order, each with its flow: the canvas shows its own flow's (getTrail), a replay checks a walk across the line */
  walk: WalkedNode[];
  /** keys pressed towards an entry not yet complete (an account number before its #) */
  pendingKeys: string;
  /** the caller put the phone down */
  callerHungUp: boolean;
  /** when the call was dialled, and the node it was started from when not the entry */
  startedAt: Date;
  startedFrom?: string;
  /** the interpreter's answer to the dialling, then every event it took, at the time it ran: "Save as test" repeats them */
  first: Step;
  moves: Array<RecordedMove & { at: Date }>;
  /** every value the percentage splits drew, in order: a saved test draws them again */
  draws: number[];
  /** the flow a goto handed the call to, while it is not the one the call was placed on */
  inFlow?: { id: string; flow: Flow };
  /** the ids of the flows gotos handed the call to, in order */
  linkedInto: string[];
}

/** The node ids of the call's own flow it went through, in order: what the canvas lights (nodes of another flow are not on it). */
export const getTrail = (session: SimulatorSession): string[] => session.walk.flatMap((node) => (node.flowId === undefined ? [node.nodeId] : []));

/** The flow the call is in now: the one it was placed on, or the one a goto handed it to. */
export const getCallFlow = (session: SimulatorSession): Flow => session.inFlow?.flow ?? session.flow;

/** The flow a goto's link goes on in, when the line has it with the node to start at; the call's own flow included. */
export function findLinkedFlow(session: SimulatorSession, wait: Extract<Wait, { kind: 'link' }>): Flow | undefined {
  const line = session.options.line;
  if (line === undefined) return undefined;
  // a link back to the call's own flow goes on in the version the call was placed on
  if (wait.flowId === line.flowId) return getLinkedFlow(new Map([[wait.flowId, session.flow]]), wait);
  return getLinkedFlow(line.linked, wait);
}

/** Options for one interpreter call, and the draws its splits took from them (filled in as it runs). */
function toRunOptions(options: SimulatorOptions, overrides: RunOverrides | undefined, from?: string): { runOptions: RunOptions; drawn: number[] } {
  const source = overrides?.random ?? options.random ?? Math.random;
  const drawn: number[] = [];
  const random = () => {
    const draw = source();
    drawn.push(draw);
    return draw;
  };
  return { runOptions: { flowVersion: 'designer', now: overrides?.now ?? options.now, random, ...(from !== undefined ? { from } : {}) }, drawn };
}

/** The session after the interpreter answered `step`; `lines` say what led to it. */
function advance(session: SimulatorSession, before: CallState | undefined, step: Step, lines: TranscriptLine[]): SimulatorSession {
  const path = step.path ?? [];
  const flowId = session.inFlow?.id;
  return {
    ...session,
    step,
    walk: [...session.walk, ...path.map((nodeId): WalkedNode => (flowId === undefined ? { nodeId } : { nodeId, flowId }))],
    transcript: [
      ...session.transcript,
      ...lines,
      ...toReachedLines(before, step.state),
      ...toPassageLines(getCallFlow(session), step),
      ...toEndLines(before, step.state),
    ],
    pendingKeys: '',
  };
}

/**
 * Follows each link the call stands at into a flow of the line, as the runtime does; after
 * `linksToFollow` links it stays at the goto (a replay whose path fails there).
 */
function followLinks(session: SimulatorSession, runOptions: RunOptions, linksToFollow = Infinity): SimulatorSession {
  let current = session;
  for (let links = 0; current.step.wait.kind === 'link' && links < linksToFollow; links++) {
    const wait = current.step.wait;
    const linked = findLinkedFlow(current, wait);
    if (linked === undefined || current.options.line?.failing?.(wait) === true) break;
    if (links === MAX_LINKS_IN_A_ROW) {
      const text = `${MAX_LINKS_IN_A_ROW} links in a row without a wait: the runtime sends such a call to a person`;
      return { ...current, transcript: [...current.transcript, { kind: 'outcome', text }] };
    }
    const entered = enterFlow(linked, current.step.state, wait.entry, runOptions);
    const inFlow = wait.flowId === current.options.line?.flowId ? undefined : { id: wait.flowId, flow: linked };
    const moved = { ...current, inFlow, linkedInto: [...current.linkedInto, wait.flowId] };
    current = advance(moved, current.step.state, entered, [{ kind: 'environment', text: describeLink(wait) }]);
  }
  return current;
}

/** Takes in the interpreter's answer, then follows the links it stops at. */
function takeStep(session: SimulatorSession, before: CallState | undefined, step: Step, lines: TranscriptLine[], runOptions: RunOptions, linksToFollow?: number): SimulatorSession {
  return followLinks(advance(session, before, step, lines), runOptions, linksToFollow);
}

/** Dials the line: the call runs to its first wait, from the entry or from `from` ("play from here"). */
export function startSession(flow: Flow, options: SimulatorOptions & { from?: string }, overrides?: RunOverrides): SimulatorSession {
  const { from, ...kept } = options;
  const { runOptions, drawn } = toRunOptions(kept, overrides, from);
  const step = startCall(flow, kept.caller ?? SIMULATED_CALLER, runOptions);
  const empty: SimulatorSession = {
    flow,
    options: kept,
    step,
    transcript: [],
    walk: [],
    pendingKeys: '',
    callerHungUp: false,
    startedAt: runOptions.now,
    ...(from !== undefined ? { startedFrom: from } : {}),
    first: step,
    moves: [],
    draws: [],
    linkedInto: [],
  };
  const started = takeStep(empty, undefined, step, [], runOptions, overrides?.linksToFollow);
  return { ...started, draws: [...drawn] };
}

export function isCallOver(session: SimulatorSession): boolean {
  return session.callerHungUp || session.step.wait.kind === 'end';
}

/** Feeds one event to the interpreter; a call that is over stays as it is. */
export function applyEvent(session: SimulatorSession, event: CallEvent, overrides?: RunOverrides): SimulatorSession {
  if (isCallOver(session)) return session;
  const before = session.step.state;
  const { runOptions, drawn } = toRunOptions(session.options, overrides);
  const step = continueCall(getCallFlow(session), before, event, runOptions);
  const eventLine = toEventLine(event);
  // The interpreter hands back the same seq for an event that does not fit the wait.
  if (step.state.seq === before.seq) {
    return { ...session, pendingKeys: '', transcript: [...session.transcript, eventLine, { kind: 'outcome', text: 'Nothing happens: the call is not waiting for that' }] };
  }
  const moves = [...session.moves, { event, answered: session.step.wait, step, at: runOptions.now }];
  const moved = takeStep({ ...session, moves }, before, step, [eventLine], runOptions, overrides?.linksToFollow);
  return { ...moved, draws: [...session.draws, ...drawn] };
}

/**
 * One key of the phone's keypad. As Twilio's <Gather> does, keys collect
 * until the entry is complete (its digit count, or the finishing key) and
 * then go to the interpreter as one entry; on hold, a key goes at once (the
 * call-back offer). Elsewhere nobody listens for keys.
 */
export function pressKey(session: SimulatorSession, key: string): SimulatorSession {
  if (isCallOver(session)) return session;
  const { wait } = session.step;
  if (wait.kind === 'queue') return applyEvent(session, { type: 'input', digits: key });
  if (wait.kind !== 'input') return session;
  const finishOnKey = wait.finishOnKey ?? (wait.numDigits === undefined ? '#' : '');
  if (finishOnKey !== '' && key === finishOnKey) {
    // An input node drops its finishing key itself; a menu hears the keys before it.
    const entry = wait.mode === 'digits' ? session.pendingKeys + key : session.pendingKeys || key;
    return applyEvent(session, { type: 'input', digits: entry });
  }
  const pendingKeys = session.pendingKeys + key;
  if (wait.numDigits !== undefined && pendingKeys.length >= wait.numDigits) return applyEvent(session, { type: 'input', digits: pendingKeys });
  return { ...session, pendingKeys };
}

/** The caller lets the wait time out: keys pressed so far go as the entry, none is silence. */
export function staySilent(session: SimulatorSession): SimulatorSession {
  return applyEvent(session, session.pendingKeys ? { type: 'input', digits: session.pendingKeys } : { type: 'input' });
}

export function sayWords(session: SimulatorSession, words: string): SimulatorSession {
  return applyEvent(session, { type: 'input', speech: words });
}

export function hangUp(session: SimulatorSession): SimulatorSession {
  if (isCallOver(session)) return session;
  return { ...session, callerHungUp: true, pendingKeys: '', transcript: [...session.transcript, { kind: 'outcome', text: describeEnd(session.step.state, true) }] };
}

/**
 * Linked flows that finished loading after the call started join its line: a goto reached from now
 * on goes on in them, and a call that stands at a goto into one goes on there now, as the runtime
 * never waits for a flow to load. A flow the line had already stays as it was, as the runtime pins
 * the version a call entered; with nothing new the session is the same object.
 */
export function addLoadedFlows(session: SimulatorSession, linked: LinkedFlows): SimulatorSession {
  const line = session.options.line;
  if (line === undefined || isCallOver(session)) return session;
  const added = [...linked].filter(([id]) => !line.linked.has(id));
  if (added.length === 0) return session;
  const widened = { ...session, options: { ...session.options, line: { ...line, linked: new Map([...line.linked, ...added]) } } };
  if (widened.step.wait.kind !== 'link') return widened;
  const { runOptions, drawn } = toRunOptions(widened.options, undefined);
  const followed = followLinks(widened, runOptions);
  return { ...followed, draws: [...widened.draws, ...drawn] };
}

/** Later events run at this time; what already happened stays. */
export function setSimulatedTime(session: SimulatorSession, now: Date): SimulatorSession {
  return { ...session, options: { ...session.options, now } };
}

/** Where the call waits: the node, with its flow's id when a goto handed the call to another flow; null once it is over, or while the guard dials a number outside the flows. */
export function getCallPlace(session: SimulatorSession): WalkedNode | null {
  if (isCallOver(session)) return null;
  const at = session.step.state.at;
  if (at === undefined || !Object.hasOwn(getCallFlow(session).nodes, at)) return null;
  return session.inFlow === undefined ? { nodeId: at } : { nodeId: at, flowId: session.inFlow.id };
}

/** The node of the call's own flow it waits at; null once it is over, while it is in another flow, or while the guard dials a number outside the flow. */
export function getCurrentNodeId(session: SimulatorSession): string | null {
  const place = getCallPlace(session);
  return place !== null && place.flowId === undefined ? place.nodeId : null;
}

/** The call so far as a recording "Save as test" turns into a scenario; `timeZone` is the flow's clock. */
export function toRecordedCall(session: SimulatorSession, timeZone: string): RecordedCall {
  const caller = session.options.caller ?? SIMULATED_CALLER;
  return {
    flow: session.flow,
    startedAt: session.startedAt,
    movedAt: session.moves.map((move) => move.at),
    timeZone,
    ...(caller.from !== undefined ? { callerNumber: caller.from } : {}),
    ...(session.startedFrom !== undefined ? { startedFrom: session.startedFrom } : {}),
    first: session.first,
    moves: session.moves,
    draws: session.draws,
    callerHungUp: session.callerHungUp,
  };
}
