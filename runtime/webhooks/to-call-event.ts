import type { CallEvent, Wait } from '../../core/interpreter/types.ts';
import type { QueueLeaveReason } from '../store/types.ts';
import type { StepParams } from './params.ts';

/** What a wait's action webhook means: an interpreter event, or the caller hung up while waiting. */
export type StepOutcome = { type: 'event'; event: CallEvent } | { type: 'hungUp'; reason: string };

const DIAL_OUTCOMES: Record<string, Extract<CallEvent, { type: 'dial' }>['outcome']> = {
  completed: 'answered',
  answered: 'answered',
  busy: 'busy',
  'no-answer': 'noAnswer',
  failed: 'failed',
  canceled: 'failed',
};

const event = (value: CallEvent): StepOutcome => ({ type: 'event', event: value });

/** Twilio's parameters for the wait the call stood at, as the interpreter's event. */
export function toStepOutcome(wait: Wait, params: StepParams, queueLeave: QueueLeaveReason | undefined): StepOutcome {
  switch (wait.kind) {
    case 'input': {
      const digits = params.Digits?.trim() ?? '';
      const speech = params.SpeechResult?.trim() ?? '';
      return event({ type: 'input', ...(digits !== '' ? { digits } : {}), ...(speech !== '' ? { speech } : {}) });
    }
    case 'dial':
      return event({ type: 'dial', outcome: DIAL_OUTCOMES[params.DialCallStatus ?? ''] ?? 'failed' });
    case 'queue': {
      const result = params.QueueResult ?? '';
      if (result === 'bridged' || result === 'redirected-from-bridged') return event({ type: 'queue', outcome: 'answered' });
      if (result === 'hangup') return { type: 'hungUp', reason: 'hung up in the queue' };
      if (result === 'leave') {
        const reason = queueLeave ?? (wait.callbackOffer ? 'callback' : 'timeout');
        return event({ type: 'queue', outcome: reason });
      }
      // queue-full, error, system-shutdown: no person from this queue
      return event({ type: 'queue', outcome: 'full' });
    }
    case 'record': {
      const url = params.RecordingUrl?.trim();
      return event({ type: 'recorded', ...(url ? { recordingUrl: url } : {}) });
    }
    case 'callbackNumber': {
      const digits = (params.Digits ?? '').replace(/[^0-9]/g, '');
      if (digits === '1' && wait.confirmNumber && wait.callerNumber) return event({ type: 'callbackNumber', number: wait.callerNumber });
      return event({ type: 'callbackNumber', ...(digits.length >= 3 ? { number: digits } : {}) });
    }
    case 'lookup':
    case 'end':
      return { type: 'hungUp', reason: `no webhook expected at a ${wait.kind} wait` };
  }
}
