import { getExits, type ExitType } from '../nodes/registry.ts';
import { toPhraseSpeech } from '../phrases/speech.ts';
import type { Flow, FlowNode, NodeKind, NodeOfKind } from '../schema/flow.ts';
import { evaluateTest } from './conditions.ts';
import { checkCallerEntry, getGuardRoute, MOVE_LIMIT } from './guard.ts';
import { fillPlaceholders, toSpeech } from './prompts.ts';
import { findLanguage, getNode, setVariable } from './state.ts';
import type { CallState, ExitTaken, GuardReason, RunOptions, Speech, Step, Wait } from './types.ts';
import {
  getCallbackWait,
  getDialWait,
  getDigitsWait,
  getFallbackWait,
  getLinkWait,
  getLookupWait,
  getMenuWait,
  getQueueWait,
  getRecordWait,
  getSurveyWait,
} from './waits.ts';

// The move loop: from a transition, through nodes that do not wait (say, set,
// condition), to the next wait. Each node kind has one handler below.

/** One call of the interpreter: the working copy of the state and what the caller hears on the way. */
export interface Run {
  flow: Flow;
  options: RunOptions;
  /** a copy of the stored state, changed in place */
  state: CallState;
  speech: Speech[];
  /** nodes entered, in order */
  path: string[];
  /** for each node of `path`, how many prompts of `speech` the caller had heard before it was entered */
  heardBefore: number[];
  /** exits the call left nodes by, in order (see Step.exits) */
  exits: ExitTaken[];
  /** set when the caller's answer picked nothing (see Step.miss) */
  miss?: 'noInput' | 'noMatch';
}

export function createRun(flow: Flow, state: CallState, options: RunOptions): Run {
  return { flow, options, state, speech: [], path: [], heardBefore: [], exits: [] };
}

/** Returns the wait to the caller of the interpreter; every wait returned gets a new `seq`. */
export function waitFor(run: Run, wait: Wait): Step {
  const { state } = run;
  state.seq++;
  if (wait.kind === 'end') {
    state.at = undefined;
    state.ended = wait.reason;
  } else {
    state.at = wait.nodeId;
    delete state.ended;
  }
  return { state, speech: run.speech, wait, path: run.path, heardBefore: run.heardBefore, exits: run.exits, ...(run.miss ? { miss: run.miss } : {}) };
}

export function endCall(run: Run, reason: 'hangup' | 'unconnected'): Step {
  return waitFor(run, { kind: 'end', reason });
}

/** The guard fires: an apology, then the fallback number, else the nearest person in the flow, else the end; firing again, the nearest follow-up. */
export function guardCall(run: Run, reason: GuardReason, from: string | undefined): Step {
  const firedBefore = run.state.guard !== undefined;
  run.state.guard = reason;
  run.state.attempts = { noInput: 0, noMatch: 0 };
  // A loop said the same prompts hundreds of times: the caller hears each once.
  if (reason === 'loop') {
    run.speech = dropRepeats(run.speech);
    run.heardBefore = run.heardBefore.map((count) => Math.min(count, run.speech.length));
  }
  run.speech.push(toPhraseSpeech(run.flow.settings, run.state.language, 'guardApology'));
  const route = getGuardRoute(run.flow, run.options, from, firedBefore);
  if (route.kind === 'dial') return waitFor(run, getFallbackWait(run.state, route.number));
  if (route.kind === 'node') return moveTo(run, route.nodeId, 'next');
  return endCall(run, 'unconnected');
}

function dropRepeats(speech: Speech[]): Speech[] {
  const seen = new Set<string>();
  return speech.filter((s) => {
    const key = s.type === 'say' ? `say:${s.language}:${s.text}` : `play:${s.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A transition not drawn: the caller chose to end, or had their person or follow-up already; otherwise a flow the validator refuses. */
function endReason(run: Run, exit: ExitType): 'hangup' | 'unconnected' {
  return exit === 'option' || exit === 'success' || run.state.reached !== 'none' ? 'hangup' : 'unconnected';
}

/**
 * Leaves `nodeId` by its exit `exitId` (the registry's id: the dotted field that holds the target,
 * e.g. `options.2.next`) to the next wait; the registry gives the target and the exit's type.
 */
export function leaveBy(run: Run, nodeId: string, exitId: string): Step {
  const node = getNode(run.flow, nodeId);
  const exit = node === undefined ? undefined : getExits(node).find((candidate) => candidate.id === exitId);
  // An exit the registry does not declare is a fault of the interpreter: a person, not a guess.
  if (exit === undefined) return guardCall(run, 'error', nodeId);
  return moveTo(run, exit.target, exit.type, { nodeId, exitId });
}

/** Follows the transition `target` (left by an exit of type `exit`, `taken` when it is a node's exit) to the next wait. */
export function moveTo(run: Run, target: string | undefined, exit: ExitType, taken?: ExitTaken): Step {
  run.state.attempts = { noInput: 0, noMatch: 0 };
  let next = target;
  let via = exit;
  let leaving = taken;
  for (let moves = 0; ; moves++) {
    if (next === undefined) {
      if (leaving) run.exits.push(leaving);
      return endCall(run, endReason(run, via));
    }
    const node = getNode(run.flow, next);
    if (!node) return guardCall(run, 'unknownNode', run.path.at(-1));
    if (moves >= MOVE_LIMIT) return guardCall(run, 'loop', next);
    // Recorded as the target is entered: an exit in `exits` always leads to the node after it in `path`.
    if (leaving) run.exits.push(leaving);
    run.path.push(next);
    run.heardBefore.push(run.speech.length);
    const entered = enterNode(run, node, next);
    if ('wait' in entered) return entered;
    const out = getExits(node).find((candidate) => candidate.id === entered.exitId);
    if (out === undefined) return guardCall(run, 'error', next);
    leaving = { nodeId: next, exitId: out.id };
    next = out.target;
    via = out.type;
  }
}

/** The exit (registry id) a node that does not wait leaves by. */
interface Move {
  exitId: string;
}

type Enter<K extends NodeKind> = (run: Run, node: NodeOfKind<K>, nodeId: string) => Step | Move;

/** A caller node costs a step, and a menu a visit; the guard fires first when that is one too many. */
function enterCallerNode(run: Run, nodeId: string, isMenu: boolean): Step | undefined {
  const reason = checkCallerEntry(run.flow, run.state, run.options, nodeId, isMenu);
  if (reason) return guardCall(run, reason, nodeId);
  run.state.steps++;
  if (isMenu) run.state.visits[nodeId] = (Object.hasOwn(run.state.visits, nodeId) ? (run.state.visits[nodeId] ?? 0) : 0) + 1;
  return undefined;
}

function assign(run: Run, node: NodeOfKind<'set'>): void {
  const { state, flow } = run;
  for (const [name, raw] of Object.entries(node.assign)) {
    const value = typeof raw === 'string' ? fillPlaceholders(raw, state) : raw;
    setVariable(state, name, value);
    if (name !== 'language' || typeof value !== 'string') continue;
    const language = findLanguage(flow, value);
    if (language) state.language = language;
  }
}

function speak(run: Run, node: { prompt?: NodeOfKind<'say'>['prompt'] }): void {
  run.speech.push(...toSpeech(run.flow, run.state, node.prompt));
}

const ENTER = {
  say: (run, node) => {
    speak(run, node);
    return { exitId: 'next' };
  },
  set: (run, node) => {
    assign(run, node);
    return { exitId: 'next' };
  },
  condition: (run, node) => ({ exitId: evaluateTest(node.test, run.state, run.options, run.flow.calendars) ? 'then' : 'else' }),
  menu: (run, node, nodeId) => enterCallerNode(run, nodeId, true) ?? waitFor(run, getMenuWait(run.flow, run.state, node, nodeId)),
  input: (run, node, nodeId) => enterCallerNode(run, nodeId, false) ?? waitFor(run, getDigitsWait(run.flow, run.state, node, nodeId)),
  survey: (run, node, nodeId) => waitFor(run, getSurveyWait(run.flow, run.state, node, nodeId)),
  http: (run, node, nodeId) => waitFor(run, getLookupWait(run.state, node, nodeId)),
  transfer: (run, node, nodeId) => {
    speak(run, node);
    return waitFor(run, getDialWait(run.state, node, nodeId));
  },
  queue: (run, node, nodeId) => {
    speak(run, node);
    return waitFor(run, getQueueWait(run.flow, run.state, node, nodeId));
  },
  voicemail: (run, node, nodeId) => {
    speak(run, node);
    return waitFor(run, getRecordWait(node, nodeId));
  },
  callback: (run, node, nodeId) => {
    speak(run, node);
    return waitFor(run, getCallbackWait(run.state, node, nodeId));
  },
  // The flow is the line's to find and start: whoever runs the call enters it or answers that it failed.
  goto: (run, node, nodeId) => waitFor(run, getLinkWait(node, nodeId)),
  hangup: (run, node) => {
    speak(run, node);
    return endCall(run, 'hangup');
  },
} satisfies { [K in NodeKind]: Enter<K> };

function enterNode(run: Run, node: FlowNode, nodeId: string): Step | Move {
  return (ENTER[node.kind] as Enter<NodeKind>)(run, node, nodeId);
}
