import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { Step, Wait } from '../../core/interpreter/types.ts';
import type { PhraseSettings } from '../../core/phrases/speech.ts';
import { RenderError } from '../errors.ts';
import { addDialNoun } from './dial.ts';
import { PHRASES } from './phrases.ts';
import { speak } from './speak.ts';
import type { WaitUrls } from './urls.ts';

/** What rendering a step needs beyond the step. */
export interface RenderContext {
  urls: WaitUrls;
  /** the flow's settings: the voice and overrides of the runtime's own phrases */
  settings: PhraseSettings | undefined;
  /** the queue node's capacity (Enqueue maxQueueSize), when the wait is a queue */
  queueCapacity?: number;
}

type WaitRenderer<K extends Wait['kind']> = (response: VoiceResponse, wait: Extract<Wait, { kind: K }>, step: Step, context: RenderContext) => void;

const POST = 'POST';

const renderInput: WaitRenderer<'input'> = (response, wait, _step, { urls }) => {
  const attributes: VoiceResponse.GatherAttributes = {
    input: wait.speech ? ['dtmf', 'speech'] : ['dtmf'],
    action: urls.step,
    method: POST,
    // silence posts back with empty Digits: exactly the validator's no-input
    actionOnEmptyResult: true,
    timeout: wait.timeout,
    bargeIn: wait.bargeIn,
  };
  if (wait.numDigits !== undefined) attributes.numDigits = wait.numDigits;
  if (wait.finishOnKey !== undefined) attributes.finishOnKey = wait.finishOnKey;
  if (wait.speech) {
    attributes.language = wait.speech.language as NonNullable<VoiceResponse.GatherAttributes['language']>;
    if (wait.speech.hints.length > 0) attributes.hints = wait.speech.hints.join(', ');
    attributes.speechTimeout = 'auto';
  }
  speak(response.gather(attributes), wait.prompt);
};

const renderLookup: WaitRenderer<'lookup'> = (_response, wait) => {
  throw new RenderError(`look-up ${wait.nodeId} reached the renderer: the runtime resolves look-ups before answering`);
};

const renderLink: WaitRenderer<'link'> = (_response, wait) => {
  throw new RenderError(`link ${wait.nodeId} reached the renderer: the runtime enters the linked flow before answering`);
};

const renderDial: WaitRenderer<'dial'> = (response, wait, _step, { urls }) => {
  const attributes: VoiceResponse.DialAttributes = { action: urls.step, method: POST, timeout: wait.timeout };
  if (wait.callerId !== undefined) attributes.callerId = wait.callerId;
  addDialNoun(response.dial(attributes), wait.to, { url: urls.whisper, method: POST });
};

const renderQueue: WaitRenderer<'queue'> = (response, wait, _step, { urls, queueCapacity }) => {
  const attributes: VoiceResponse.EnqueueAttributes = { action: urls.step, method: POST, waitUrl: urls.queueWait, waitUrlMethod: POST };
  if (queueCapacity !== undefined) attributes.maxQueueSize = queueCapacity;
  response.enqueue(attributes, wait.queue);
};

const renderRecord: WaitRenderer<'record'> = (response, wait, _step, { urls }) => {
  response.record({ action: urls.step, method: POST, maxLength: wait.maxLength, transcribe: wait.transcribe, playBeep: true });
  // Twilio skips the action when nothing was recorded; this posts the empty recording instead
  response.redirect({ method: POST }, urls.step);
};

const renderCallbackNumber: WaitRenderer<'callbackNumber'> = (response, wait, step, { urls, settings }) => {
  const gather = response.gather({ input: ['dtmf'], action: urls.step, method: POST, actionOnEmptyResult: true, timeout: 10, finishOnKey: '#' });
  const phrases = { language: step.state.language, settings };
  speak(gather, [wait.confirmNumber && wait.callerNumber ? PHRASES.confirmCallerNumber(phrases, wait.callerNumber) : PHRASES.enterCallbackNumber(phrases)]);
};

const renderEnd: WaitRenderer<'end'> = (response) => {
  response.hangup();
};

const WAIT_RENDERERS = {
  input: renderInput,
  lookup: renderLookup,
  link: renderLink,
  dial: renderDial,
  queue: renderQueue,
  record: renderRecord,
  callbackNumber: renderCallbackNumber,
  end: renderEnd,
} satisfies { [K in Wait['kind']]: WaitRenderer<K> };

/** A step as TwiML: its speech, then the verb that waits. */
export function renderStep(step: Step, context: RenderContext): string {
  // an injected interpreter may speak a newer wait than this runtime knows: a typed failure, not a TypeError
  if (!Object.hasOwn(WAIT_RENDERERS, step.wait.kind)) throw new RenderError(`no renderer for a ${String(step.wait.kind)} wait`);
  const response = new twilio.twiml.VoiceResponse();
  speak(response, step.speech);
  const render = WAIT_RENDERERS[step.wait.kind] as WaitRenderer<Wait['kind']>;
  render(response, step.wait, step, context);
  return response.toString();
}

/** A webhook for a call that has already ended or hung up: nothing more to say. */
export function renderHangup(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}

/** An empty document, for webhooks whose answer Twilio ignores (status callbacks), so every answer stays TwiML. */
export function renderEmpty(): string {
  return new twilio.twiml.VoiceResponse().toString();
}
