import type { CallInfo } from '../../core/interpreter/types.ts';
import type { DialOutcome, QueueEnding, StepInput } from '../call/to-call-event.ts';
import type { QueuePlace } from '../twiml/queue-hold.ts';
import type { CallParams, QueueHoldParams, StepParams } from './params.ts';

// The one place Twilio's form fields become the call service's inputs: past
// this file the runtime speaks of callers, keys and outcomes, not of Twilio.

/** Twilio's DialCallStatus values; any other is no person reached. */
const DIAL_OUTCOMES = new Map<string, DialOutcome>([
  ['completed', 'answered'],
  ['answered', 'answered'],
  ['busy', 'busy'],
  ['no-answer', 'noAnswer'],
  ['failed', 'failed'],
  ['canceled', 'failed'],
]);

/** Twilio's QueueResult values; any other is a queue that could not take the caller. */
const QUEUE_ENDINGS = new Map<string, QueueEnding>([
  ['bridged', 'answered'],
  ['redirected-from-bridged', 'answered'],
  ['hangup', 'hungUp'],
  ['leave', 'left'],
  ['queue-full', 'unavailable'],
  ['error', 'unavailable'],
  ['system-shutdown', 'unavailable'],
]);

/** Twilio ends every call within a day (its longest time limit). */
const MAX_CALL_SECONDS = 24 * 60 * 60;

/** A form field trimmed; absent when Twilio sent nothing but blanks. */
function toText(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === '' ? undefined : text;
}

export function toCallInfo(params: CallParams): CallInfo {
  const info: CallInfo = { callSid: params.CallSid };
  if (params.From) info.from = params.From;
  if (params.To) info.to = params.To;
  if (params.FromCountry) info.fromCountry = params.FromCountry;
  if (params.FromState) info.fromState = params.FromState;
  if (params.FromCity) info.fromCity = params.FromCity;
  return info;
}

/** A wait's action (Gather, Dial, Enqueue, Record) as the call service's step input. */
export function toStepInput(params: StepParams): StepInput {
  const input: StepInput = {};
  const digits = toText(params.Digits);
  const speech = toText(params.SpeechResult);
  const dialOutcome = params.DialCallStatus === undefined ? undefined : DIAL_OUTCOMES.get(params.DialCallStatus);
  const queueEnding = params.QueueResult === undefined ? undefined : QUEUE_ENDINGS.get(params.QueueResult);
  const recordingUrl = toText(params.RecordingUrl);
  if (digits !== undefined) input.digits = digits;
  if (speech !== undefined) input.speech = speech;
  if (dialOutcome !== undefined) input.dialOutcome = dialOutcome;
  if (queueEnding !== undefined) input.queueEnding = queueEnding;
  if (recordingUrl !== undefined) input.recordingUrl = recordingUrl;
  // a duration past a day is no call Twilio keeps: not reported, rather than an instant years before the call
  if (params.DialCallDuration !== undefined && params.DialCallDuration <= MAX_CALL_SECONDS) input.agentCallSeconds = params.DialCallDuration;
  if (params.QueueTime !== undefined && params.QueueTime <= MAX_CALL_SECONDS) input.heldSeconds = params.QueueTime;
  return input;
}

/** Enqueue's wait URL parameters as the caller's place in the queue. */
export function toQueuePlace(params: QueueHoldParams): QueuePlace {
  return {
    ...(params.QueuePosition !== undefined ? { position: params.QueuePosition } : {}),
    ...(params.AvgQueueTime !== undefined ? { averageWaitSeconds: params.AvgQueueTime } : {}),
    ...(params.QueueTime !== undefined ? { waitedSeconds: params.QueueTime } : {}),
  };
}
