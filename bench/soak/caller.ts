import type { FlowGuide } from '../../cli/simulate/flow-guide.ts';
import type { Persona } from '../../cli/simulate/personas.ts';

import { readTwiml, type TwimlAnswer } from '../../cli/simulate/twiml.ts';
import { isApology, walkCall, type WebhookKind } from '../../cli/simulate/walk-call.ts';
import type { Switchboard } from './switchboard.ts';

// One soak call: the shared simulated caller (the one `humanline simulate`
// uses) walks a flow through the soak's switchboard, with the soak's faults
// (duplicate webhooks, late status callbacks) and its checks on every answer.

export { PERSONAS, type Persona } from '../../cli/simulate/personas.ts';
export { isApology } from '../../cli/simulate/walk-call.ts';

/** How a call ended, as the caller would tell it; a hang-up (mid-menu or in the queue) is the caller's choice. */
export type CallOutcome = 'person' | 'followUp' | 'callerChoice' | 'stranded';

export interface CallResult {
  callSid: string;
  flowId: string;
  persona: Persona;
  outcome: CallOutcome;
  /** why it counts as stranded */
  strandedReason?: string;
  trail: string[];
  /** when the caller's `completed` status callback was acknowledged (empty TwiML, 200), ms since the epoch */
  completedAcknowledgedAt?: number;
}

/** The soak's faults a call takes part in, read at each webhook. */
export interface CallConditions {
  /** send each webhook to two replicas at once (some of the time) */
  duplicates: boolean;
  /** send `ringing` after `completed` */
  outOfOrderStatus: boolean;
}

export interface CallerDeps {
  switchboard: Switchboard;
  random: () => number;
  conditions: () => CallConditions;
  /** time between a caller's webhooks, ms */
  thinkMs: () => number;
  /** an answer the soak checks beyond the walk (a publish, a corrupted file, an apology) */
  inspectAnswer: (answer: TwimlAnswer, context: AnswerContext) => void;
}

/** Where an answer came from, for the soak's checks. */
export interface AnswerContext {
  flowId: string;
  webhook: 'call' | 'status' | 'hold' | 'whisper';
  /** the call's first webhook (the Voice URL) */
  isFirst: boolean;
  /** when the call started, ms since the epoch */
  startedAt: number;
  /** Twilio's Fallback URL answered, after the webhook failed */
  viaFallback: boolean;
  /** the call's webhooks so far, for examples */
  trail: string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const CONTEXT_WEBHOOK: Record<WebhookKind, AnswerContext['webhook']> = { call: 'call', afterHangup: 'call', status: 'status', hold: 'hold', queueKey: 'hold', whisper: 'whisper' };

/** Walks one call to its end and judges it. */
export async function walkSoakCall(deps: CallerDeps, guide: FlowGuide, callSid: string, persona: Persona): Promise<CallResult> {
  const { switchboard, random } = deps;
  const trail: string[] = [];
  const startedAt = Date.now();
  let completedAt: number | undefined;
  const walked = await walkCall(
    {
      random,
      // the soak's time is real: a short pause between webhooks, whatever the caller would have heard
      elapse: () => sleep(deps.thinkMs()),
      async send(url, params, kind) {
        // the call's own webhooks go to the Fallback URL when they fail; status callbacks, hold music and a gone caller's action do not
        const fallback = kind === 'call';
        const duplicate = kind !== 'status' && deps.conditions().duplicates && random() < 0.3;
        const delivered = await switchboard.send(url, params, trail, { fallback, duplicate });
        if (kind === 'status' && delivered !== undefined) completedAt = Date.now();
        return delivered;
      },
      onAnswer(answer, { kind, isFirst, viaFallback }) {
        deps.inspectAnswer(answer, { flowId: guide.flowId, webhook: CONTEXT_WEBHOOK[kind], isFirst, startedAt, viaFallback, trail });
      },
      onProblem: (problem) => switchboard.stats.addError(`soak: ${problem}`),
    },
    guide,
    { flowId: guide.flowId, callSid, from: `+1312555${String(Math.floor(random() * 10_000)).padStart(4, '0')}`, to: '+13125550000', persona },
  );
  const result: CallResult = { callSid, flowId: guide.flowId, persona, outcome: walked.outcome === 'hungUp' ? 'callerChoice' : walked.outcome, trail };
  if (walked.strandedReason !== undefined) result.strandedReason = walked.strandedReason;
  if (walked.completedAcknowledged && completedAt !== undefined) result.completedAcknowledgedAt = completedAt;
  if (deps.conditions().outOfOrderStatus) {
    const late = await switchboard.send('/twilio/status', { CallSid: callSid, AccountSid: 'AC00000000000000000000000000000000', CallStatus: 'ringing' }, trail);
    if (late !== undefined) {
      const answer = readTwiml(late.twiml);
      deps.inspectAnswer(answer, { flowId: guide.flowId, webhook: 'status', isFirst: false, startedAt, viaFallback: false, trail });
      if (answer.verbs.length > 0 && !isApology(answer)) switchboard.stats.addError('a late status callback answered with a call verb');
    }
  }
  return result;
}
