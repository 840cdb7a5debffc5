import type { CallEvent, Wait } from '../../core/interpreter/types.ts';
import type { QueueLeaveReason } from '../store/types.ts';

export type DialOutcome = Extract<CallEvent, { type: 'dial' }>['outcome'];

/** How a queue wait ended: a person took the call, the caller left from the hold music, hung up, or the queue could not take them. */
export type QueueEnding = 'answered' | 'left' | 'hungUp' | 'unavailable';

/** What a wait's action webhook reported, in our words (webhooks/to-call-input.ts translates Twilio's); an absent field was not reported. */
export interface StepInput {
  /** the keys pressed, trimmed, never empty */
  digits?: string;
  /** what the caller said, trimmed, never empty */
  speech?: string;
  /** how a transfer's dial ended */
  dialOutcome?: DialOutcome;
  /** how a queue wait ended */
  queueEnding?: QueueEnding;
  /** where a voicemail recording is */
  recordingUrl?: string;
  /** a transfer's: how long the agent's call lasted once answered, in whole seconds */
  agentCallSeconds?: number;
  /** a queue's: how long the caller held before leaving it (to a person or not), in whole seconds */
  heldSeconds?: number;
}

/** What a wait's action webhook means: an interpreter event, or the caller hung up while waiting. */
export type StepOutcome = { type: 'event'; event: CallEvent } | { type: 'hungUp'; reason: string };

const event = (value: CallEvent): StepOutcome => ({ type: 'event', event: value });

/** The input for the wait the call stood at, as the interpreter's event. */
export function toStepOutcome(wait: Wait, input: StepInput, queueLeave: QueueLeaveReason | undefined): StepOutcome {
  switch (wait.kind) {
    case 'input':
      return event({ type: 'input', ...(input.digits !== undefined ? { digits: input.digits } : {}), ...(input.speech !== undefined ? { speech: input.speech } : {}) });
    case 'dial':
      // an ending nobody reported is no person reached
      return event({ type: 'dial', outcome: input.dialOutcome ?? 'failed' });
    case 'queue': {
      if (input.queueEnding === 'answered') return event({ type: 'queue', outcome: 'answered' });
      if (input.queueEnding === 'hungUp') return { type: 'hungUp', reason: 'hung up in the queue' };
      // A leave with no reason recorded is the wait URL failing, never the caller's key: the queue failed.
      if (input.queueEnding === 'left' && queueLeave !== undefined) return event({ type: 'queue', outcome: queueLeave });
      // the queue was full or failed: no person from this queue
      return event({ type: 'queue', outcome: 'full' });
    }
    case 'record':
      return event({ type: 'recorded', ...(input.recordingUrl !== undefined ? { recordingUrl: input.recordingUrl } : {}) });
    case 'callbackNumber': {
      const digits = (input.digits ?? '').replace(/[^0-9]/g, '');
      if (digits === '1' && wait.confirmNumber && wait.callerNumber) return event({ type: 'callbackNumber', number: wait.callerNumber });
      return event({ type: 'callbackNumber', ...(digits.length >= 3 ? { number: digits } : {}) });
    }
    case 'lookup':
    case 'link':
    case 'end':
      return { type: 'hungUp', reason: `no webhook expected at a ${wait.kind} wait` };
  }
}
