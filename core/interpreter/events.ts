import { getOptionExitId, SPEECH_NEXT_EXIT_ID } from '../nodes/registry.ts';
import { findOptionBySpeech } from '../nodes/speech-match.ts';
import { DEFAULTS } from '../schema/defaults.ts';
import type { NodeOfKind, Prompt, RetryHandler } from '../schema/flow.ts';
import { matchesPattern } from './conditions.ts';
import { findNearestPerson } from './guard.ts';
import { endCall, guardCall, leaveBy, moveTo, waitFor, type Run } from './run.ts';
import { FALLBACK_AT, getNode, setVariable, type Value } from './state.ts';
import type { CallEvent, CallState, Step, Wait } from './types.ts';
import { getDigitsWait, getFallbackWait, getMenuWait, getNodeWait, getSurveyWait } from './waits.ts';
import { addInputToTrail, addToTrail, toInputEntry, toMenuEntry, toSpokenEntry } from './whisper.ts';

// What an event does at the wait the call stands in. An event that does not
// fit the wait (a dial outcome at a menu, a lookup at a transfer) changes
// nothing: the same wait comes back with the same state and seq.

type EventOf<T extends CallEvent['type']> = Extract<CallEvent, { type: T }>;

/** The wait the call stands in, again: nothing heard on the way, the state as it was. */
export function repeatWait(run: Run): Step {
  const { flow, state, options } = run;
  if (state.at === undefined) {
    // A call that ended says how; a state that says neither where it waits nor how it ended fits no call.
    return state.ended ? { state, speech: [], wait: { kind: 'end', reason: state.ended }, path: [] } : guardCall(run, 'unknownNode', undefined);
  }
  let wait: Wait | undefined;
  if (state.at === FALLBACK_AT) {
    const number = flow.settings?.fallback?.number ?? options.fallbackNumber;
    wait = number ? getFallbackWait(state, number) : undefined;
  } else {
    const node = getNode(flow, state.at);
    wait = node && getNodeWait(flow, state, node, state.at);
  }
  return wait ? { state, speech: [], wait, path: [] } : guardCall(run, 'unknownNode', undefined);
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Re-prompt while retries last (the same wait, the handler's prompt first), then take the handler's route. */
function retry(run: Run, nodeId: string, handler: RetryHandler | undefined, counter: keyof CallState['attempts'], exitId: string, rewait: (reprompt: Prompt | undefined) => Wait): Step {
  const { attempts } = run.state;
  run.miss = counter;
  if (attempts[counter] < (handler?.retries ?? DEFAULTS.retries)) {
    attempts[counter]++;
    return waitFor(run, rewait(handler?.prompt));
  }
  return leaveBy(run, nodeId, exitId);
}

function onMenuInput(run: Run, node: NodeOfKind<'menu'>, nodeId: string, event: EventOf<'input'>): Step {
  const digits = text(event.digits);
  const said = text(event.speech);
  const index = digits ? node.options.findIndex((option) => option.key === digits) : -1;
  const heard = index < 0 && said ? findOptionBySpeech(node.options, said) : undefined;
  const optionIndex = index >= 0 ? index : heard?.index;
  const option = optionIndex === undefined ? undefined : node.options[optionIndex];
  if (option) {
    addToTrail(run.state, toMenuEntry(node.label ?? nodeId, heard ? `said "${heard.phrase}"` : `press ${digits}`, option.label));
    return leaveBy(run, nodeId, getOptionExitId(optionIndex!));
  }
  const rewait = (reprompt: Prompt | undefined) => getMenuWait(run.flow, run.state, node, nodeId, reprompt);
  if (!digits && !said) return retry(run, nodeId, node.noInput, 'noInput', 'noInput.next', rewait);
  if (!digits && node.speech?.next !== undefined) {
    addToTrail(run.state, toMenuEntry(node.label ?? nodeId, 'said something no option matches', undefined));
    return leaveBy(run, nodeId, SPEECH_NEXT_EXIT_ID);
  }
  return retry(run, nodeId, node.noMatch, 'noMatch', 'noMatch.next', rewait);
}

/** Digits pressed (the finishing key dropped), or digits read out as one word by speech recognition. */
function getEnteredDigits(node: NodeOfKind<'input'>, event: EventOf<'input'>): string {
  let digits = text(event.digits);
  const finish = node.finishOnKey ?? '#';
  if (finish && digits.endsWith(finish)) digits = digits.slice(0, -1);
  if (digits) return digits;
  const said = text(event.speech).replace(/[\s-]+/g, '');
  return /^\d+$/.test(said) ? said : '';
}

const MAX_INPUT_DIGITS = 64;

/** Lengths first: the pattern (safe by the schema) only ever reads at most 64 digits, whatever a webhook carries. */
export function isValidInput(node: NodeOfKind<'input'>, digits: string): boolean {
  if (digits.length < (node.minDigits ?? 1) || digits.length > (node.maxDigits ?? MAX_INPUT_DIGITS)) return false;
  if (!/^\d+$/.test(digits)) return false;
  return node.pattern === undefined || matchesPattern(node.pattern, digits);
}

/** What a caller said at an input that listens for speech, kept as Studio keeps SpeechResult; bounded, whatever a webhook carries. */
const MAX_SPOKEN_ANSWER = 2000;

function onDigitsInput(run: Run, node: NodeOfKind<'input'>, nodeId: string, event: EventOf<'input'>): Step {
  const said = text(event.speech).slice(0, MAX_SPOKEN_ANSWER);
  if (node.speech && said && !text(event.digits)) {
    setVariable(run.state, node.variable, said);
    addInputToTrail(run.state, node.variable, toSpokenEntry(node.label ?? node.variable, said));
    return leaveBy(run, nodeId, node.speech.next !== undefined ? SPEECH_NEXT_EXIT_ID : 'next');
  }
  const digits = getEnteredDigits(node, event);
  const rewait = (reprompt: Prompt | undefined) => getDigitsWait(run.flow, run.state, node, nodeId, reprompt);
  if (!digits && !text(event.speech)) return retry(run, nodeId, node.noInput, 'noInput', 'noInput.next', rewait);
  if (!isValidInput(node, digits)) return retry(run, nodeId, node.invalid, 'noMatch', 'invalid.next', rewait);
  setVariable(run.state, node.variable, digits);
  addInputToTrail(run.state, node.variable, toInputEntry(node.label ?? node.variable, digits));
  return leaveBy(run, nodeId, 'next');
}

/** The score a survey answer gives: one key from 1 to 5 (a finishing # dropped), else none. */
export function toSurveyScore(digits: string | undefined): number | undefined {
  const key = text(digits).replace(/#$/, '');
  return /^[1-5]$/.test(key) ? Number(key) : undefined;
}

/** Re-asks once after an invalid answer; silence, a second invalid answer or a score go on: the survey never holds a caller. */
function onSurveyInput(run: Run, node: NodeOfKind<'survey'>, nodeId: string, event: EventOf<'input'>): Step {
  const score = toSurveyScore(event.digits);
  if (score !== undefined) setVariable(run.state, 'surveyScore', score);
  const answered = text(event.digits) !== '' || text(event.speech) !== '';
  if (score === undefined && answered && run.state.attempts.noMatch < 1) {
    run.state.attempts.noMatch++;
    return waitFor(run, getSurveyWait(run.flow, run.state, node, nodeId));
  }
  return leaveBy(run, nodeId, 'next');
}

const MAX_FIELDS = 200;
const MAX_DEPTH = 6;
const MAX_TEXT = 2000;

/** Look-up data goes into variables under dotted names (`account.balance`), bounded so the state stays small. */
function storeData(state: CallState, saveAs: string, data: unknown): void {
  for (const name of Object.keys(state.variables)) if (name === saveAs || name.startsWith(`${saveAs}.`)) delete state.variables[name];
  let budget = MAX_FIELDS;
  const visit = (name: string, value: unknown, depth: number): void => {
    if (budget <= 0) return;
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      budget--;
      setVariable(state, name, (typeof value === 'string' ? value.slice(0, MAX_TEXT) : value) as Value);
    } else if (typeof value === 'object' && value !== null && depth < MAX_DEPTH) {
      for (const [key, child] of Object.entries(value)) visit(`${name}.${key}`, child, depth + 1);
    }
  };
  visit(saveAs, data, 0);
}

function reach(state: CallState, level: 'person' | 'followUp'): void {
  if (state.reached !== 'person') state.reached = level;
}

/** A transfer or queue node's agent call: a person reached, and the one a survey after it rates. */
function reachPerson(state: CallState, nodeId: string): void {
  reach(state, 'person');
  state.lastPerson = nodeId;
}

function onLookup(run: Run, node: NodeOfKind<'http'>, nodeId: string, event: EventOf<'lookup'>): Step {
  switch (event.outcome) {
    case 'ok':
      if (node.saveAs !== undefined) storeData(run.state, node.saveAs, event.data);
      return leaveBy(run, nodeId, 'on.ok');
    case 'failed':
      return leaveBy(run, nodeId, 'on.failed');
    case 'timeout':
      return leaveBy(run, nodeId, 'on.timeout');
    default:
      return repeatWait(run);
  }
}

function onDial(run: Run, nodeId: string, event: EventOf<'dial'>): Step {
  switch (event.outcome) {
    case 'answered':
      reachPerson(run.state, nodeId);
      return leaveBy(run, nodeId, 'on.answered');
    case 'busy':
    case 'noAnswer':
    case 'failed':
      return leaveBy(run, nodeId, `on.${event.outcome}`);
    default:
      return repeatWait(run);
  }
}

/** The guard's fallback call: answered ends the call well; otherwise the first person the flow has. */
function onFallbackDial(run: Run, event: EventOf<'dial'>): Step {
  if (event.outcome === 'answered') {
    reach(run.state, 'person');
    return endCall(run, 'hangup');
  }
  if (event.outcome !== 'busy' && event.outcome !== 'noAnswer' && event.outcome !== 'failed') return repeatWait(run);
  const person = findNearestPerson(run.flow, undefined);
  return person === undefined ? endCall(run, 'unconnected') : moveTo(run, person, 'next');
}

function onQueue(run: Run, node: NodeOfKind<'queue'>, nodeId: string, outcome: EventOf<'queue'>['outcome']): Step {
  switch (outcome) {
    case 'answered':
      reachPerson(run.state, nodeId);
      return leaveBy(run, nodeId, 'on.answered');
    case 'full':
      return leaveBy(run, nodeId, 'on.full');
    case 'timeout':
      // Without maxWait the validator knows no timeout route: a queue that gives up anyway counts as full.
      return leaveBy(run, nodeId, node.maxWait === undefined ? 'on.full' : 'on.timeout');
    case 'callback':
      return node.callbackOffer ? leaveBy(run, nodeId, 'callbackOffer.next') : repeatWait(run);
    default:
      return repeatWait(run);
  }
}

function onRecorded(run: Run, nodeId: string, event: EventOf<'recorded'>): Step {
  reach(run.state, 'followUp');
  const url = text(event.recordingUrl);
  if (url) setVariable(run.state, 'recordingUrl', url);
  return leaveBy(run, nodeId, 'next');
}

function onCallbackNumber(run: Run, nodeId: string, event: EventOf<'callbackNumber'>): Step {
  const number = text(event.number) || run.state.caller.from;
  if (number) setVariable(run.state, 'callbackNumber', number);
  reach(run.state, 'followUp');
  return leaveBy(run, nodeId, 'next');
}

/** What `event` does at the wait the call stands in (`run.state.at`). */
export function handleEvent(run: Run, event: CallEvent): Step {
  const { state, flow } = run;
  if (typeof event !== 'object' || event === null || state.at === undefined) return repeatWait(run);
  if (state.at === FALLBACK_AT) return event.type === 'dial' ? onFallbackDial(run, event) : repeatWait(run);
  const at = state.at;
  const node = getNode(flow, at);
  if (!node) return guardCall(run, 'unknownNode', undefined);
  switch (node.kind) {
    case 'menu':
      return event.type === 'input' ? onMenuInput(run, node, at, event) : repeatWait(run);
    case 'input':
      return event.type === 'input' ? onDigitsInput(run, node, at, event) : repeatWait(run);
    case 'survey':
      return event.type === 'input' ? onSurveyInput(run, node, at, event) : repeatWait(run);
    case 'http':
      return event.type === 'lookup' ? onLookup(run, node, at, event) : repeatWait(run);
    case 'transfer':
      return event.type === 'dial' ? onDial(run, at, event) : repeatWait(run);
    case 'queue':
      if (event.type === 'queue') return onQueue(run, node, at, event.outcome);
      // The caller pressing the offer's key while on hold is the callback outcome too.
      if (event.type === 'input' && node.callbackOffer && text(event.digits) === node.callbackOffer.key) return onQueue(run, node, at, 'callback');
      return repeatWait(run);
    case 'voicemail':
      return event.type === 'recorded' ? onRecorded(run, at, event) : repeatWait(run);
    case 'callback':
      return event.type === 'callbackNumber' ? onCallbackNumber(run, at, event) : repeatWait(run);
    case 'goto':
      return event.type === 'link' && event.outcome === 'failed' ? leaveBy(run, at, 'on.failed') : repeatWait(run);
    case 'say':
    case 'set':
    case 'condition':
    case 'hangup':
      // The call never waits at these: the state does not fit this flow.
      return guardCall(run, 'unknownNode', at);
  }
}
