import { DEFAULTS } from '../schema/defaults.ts';
import type { Flow, FlowNode, NodeOfKind, Prompt } from '../schema/flow.ts';
import { fillPlaceholders, toSpeech } from './prompts.ts';
import { FALLBACK_AT, getNode } from './state.ts';
import type { CallState, Wait } from './types.ts';
import { getWhisper } from './whisper.ts';

// What each waiting node waits for. Built both when the call enters the node
// and when an out-of-place event asks for the same wait again.

type WaitOf<K extends Wait['kind']> = Extract<Wait, { kind: K }>;

/** A menu's wait; a re-prompt plays the handler's prompt (the apology) before the menu's own. */
export function getMenuWait(flow: Flow, state: CallState, node: NodeOfKind<'menu'>, nodeId: string, reprompt?: Prompt): WaitOf<'input'> {
  const wait: WaitOf<'input'> = {
    kind: 'input',
    nodeId,
    mode: 'menu',
    prompt: [...toSpeech(flow, state, reprompt), ...toSpeech(flow, state, node.prompt)],
    timeout: node.timeout ?? DEFAULTS.inputTimeoutSeconds,
    bargeIn: node.bargeIn ?? true,
  };
  if (node.speech) {
    const hints = new Set(node.speech.hints ?? []);
    for (const option of node.options) for (const phrase of option.phrases ?? []) hints.add(phrase);
    wait.speech = { language: node.speech.language ?? state.language, hints: [...hints] };
  }
  if (node.options.every((option) => option.key === undefined || option.key.length === 1)) wait.numDigits = 1;
  return wait;
}

export function getDigitsWait(flow: Flow, state: CallState, node: NodeOfKind<'input'>, nodeId: string, reprompt?: Prompt): WaitOf<'input'> {
  const wait: WaitOf<'input'> = {
    kind: 'input',
    nodeId,
    mode: 'digits',
    prompt: [...toSpeech(flow, state, reprompt), ...toSpeech(flow, state, node.prompt)],
    timeout: node.timeout ?? DEFAULTS.inputTimeoutSeconds,
    finishOnKey: node.finishOnKey ?? '#',
    bargeIn: true,
  };
  if (node.minDigits !== undefined && node.minDigits === node.maxDigits) wait.numDigits = node.maxDigits;
  if (node.speech) wait.speech = { language: node.speech.language ?? state.language, hints: [...(node.speech.hints ?? [])] };
  return wait;
}

/** Who a person node puts the caller through to, in the flow's own words: the queue's name, or the address a transfer dials. */
function getPersonTarget(node: FlowNode | undefined): string | undefined {
  if (node?.kind === 'queue') return node.queue;
  if (node?.kind !== 'transfer') return undefined;
  const { to } = node;
  return 'number' in to ? to.number : 'sip' in to ? to.sip : to.client;
}

export function getSurveyWait(flow: Flow, state: CallState, node: NodeOfKind<'survey'>, nodeId: string): WaitOf<'input'> {
  const wait: WaitOf<'input'> = { kind: 'input', nodeId, mode: 'survey', prompt: toSpeech(flow, state, node.prompt), timeout: DEFAULTS.inputTimeoutSeconds, numDigits: 1, bargeIn: true };
  const rates = state.lastPerson === undefined ? undefined : getPersonTarget(getNode(flow, state.lastPerson));
  if (rates !== undefined) wait.rates = rates;
  return wait;
}

const fillAll = (values: Record<string, string>, state: CallState): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, fillPlaceholders(value, state)]));

export function getLookupWait(state: CallState, node: NodeOfKind<'http'>, nodeId: string): WaitOf<'lookup'> {
  const wait: WaitOf<'lookup'> = {
    kind: 'lookup',
    nodeId,
    // Values go into the URL encoded, so "{{accountNumber}}" cannot add query parameters of its own.
    url: fillPlaceholders(node.request.url, state, encodeURIComponent),
    method: node.request.method ?? 'GET',
    headers: fillAll(node.request.headers ?? {}, state),
    timeout: node.timeout ?? DEFAULTS.httpTimeoutSeconds,
  };
  if (node.request.body) wait.body = fillAll(node.request.body, state);
  return wait;
}

export function getDialWait(state: CallState, node: NodeOfKind<'transfer'>, nodeId: string): WaitOf<'dial'> {
  const wait: WaitOf<'dial'> = { kind: 'dial', nodeId, to: { ...node.to }, timeout: node.timeout ?? DEFAULTS.dialTimeoutSeconds, whisper: getWhisper(state) };
  if (node.callerId !== undefined) wait.callerId = node.callerId;
  return wait;
}

export function getFallbackWait(state: CallState, number: string): WaitOf<'dial'> {
  return { kind: 'dial', nodeId: FALLBACK_AT, to: { number }, timeout: DEFAULTS.dialTimeoutSeconds, whisper: getWhisper(state) };
}

export function getQueueWait(flow: Flow, state: CallState, node: NodeOfKind<'queue'>, nodeId: string): WaitOf<'queue'> {
  const wait: WaitOf<'queue'> = {
    kind: 'queue',
    nodeId,
    queue: node.queue,
    hold: toSpeech(flow, state, node.hold?.prompt),
    announce: {
      position: node.announce?.position ?? false,
      estimatedWait: node.announce?.estimatedWait ?? false,
      everySeconds: node.announce?.everySeconds ?? DEFAULTS.queueAnnounceSeconds,
    },
    whisper: getWhisper(state),
  };
  if (node.hold?.music !== undefined) wait.musicUrl = node.hold.music;
  if (node.callbackOffer) wait.callbackOffer = { key: node.callbackOffer.key, prompt: toSpeech(flow, state, node.callbackOffer.prompt) };
  if (node.maxWait !== undefined) wait.maxWait = node.maxWait;
  return wait;
}

/** Twilio's <Record> allows an hour; a message for a call back needs far less. */
const DEFAULT_RECORD_SECONDS = 120;

export function getRecordWait(node: NodeOfKind<'voicemail'>, nodeId: string): WaitOf<'record'> {
  return { kind: 'record', nodeId, maxLength: node.maxLength ?? DEFAULT_RECORD_SECONDS, transcribe: node.transcribe ?? false };
}

export function getCallbackWait(state: CallState, node: NodeOfKind<'callback'>, nodeId: string): WaitOf<'callbackNumber'> {
  const wait: WaitOf<'callbackNumber'> = { kind: 'callbackNumber', nodeId, confirmNumber: node.confirmNumber ?? false };
  if (state.caller.from) wait.callerNumber = state.caller.from;
  return wait;
}

export function getLinkWait(node: NodeOfKind<'goto'>, nodeId: string): WaitOf<'link'> {
  return { kind: 'link', nodeId, flowId: node.flow, ...(node.node !== undefined ? { entry: node.node } : {}) };
}

/** The wait a node stands in (without its spoken prompt); undefined for kinds the call never waits at. */
export function getNodeWait(flow: Flow, state: CallState, node: FlowNode, nodeId: string): Wait | undefined {
  switch (node.kind) {
    case 'menu':
      return getMenuWait(flow, state, node, nodeId);
    case 'input':
      return getDigitsWait(flow, state, node, nodeId);
    case 'survey':
      return getSurveyWait(flow, state, node, nodeId);
    case 'http':
      return getLookupWait(state, node, nodeId);
    case 'transfer':
      return getDialWait(state, node, nodeId);
    case 'queue':
      return getQueueWait(flow, state, node, nodeId);
    case 'voicemail':
      return getRecordWait(node, nodeId);
    case 'callback':
      return getCallbackWait(state, node, nodeId);
    case 'goto':
      return getLinkWait(node, nodeId);
    case 'say':
    case 'set':
    case 'condition':
    case 'hangup':
      return undefined;
  }
}
