import { z } from 'zod';
import { toFirstIssueText } from '../../core/schema/issue-text.ts';
import { WebhookInputError } from '../errors.ts';
import { CALL_STATUSES } from '../store/types.ts';

// Twilio's webhook parameters, as the routes use them. Loose objects: Twilio
// sends many more parameters than we read, and adds new ones.

const Sid = z.string().regex(/^[A-Za-z0-9]{2,64}$/, 'a Twilio SID');
/** A call's SID where a URL we wrote carries one. */
export const CallSidSchema = Sid;
const Text = z.string().max(2000);
const Count = z.coerce.number().int().min(0);

export const FlowIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, 'a flow id');
export const SeqSchema = z.coerce.number().int().min(0).max(1_000_000);

export const CallParamsSchema = z.looseObject({
  CallSid: Sid,
  From: Text.optional(),
  To: Text.optional(),
  FromCountry: Text.optional(),
  FromState: Text.optional(),
  FromCity: Text.optional(),
});

/** The TwiML App's Voice URL for a call from the designer: the flow comes as `device.connect`'s custom parameter. */
export const ClientCallParamsSchema = z.looseObject({ flow: FlowIdSchema });

/** Everything a wait's action may carry: Gather, Dial, Enqueue, Record. */
export const StepParamsSchema = CallParamsSchema.extend({
  Digits: Text.optional(),
  SpeechResult: Text.optional(),
  DialCallStatus: Text.optional(),
  QueueResult: Text.optional(),
  RecordingUrl: Text.optional(),
  /** Dial: the seconds the agent's call lasted once answered */
  DialCallDuration: Count.optional(),
  /** Enqueue: the seconds the caller held in the queue */
  QueueTime: Count.optional(),
});

/** Enqueue's wait URL. */
export const QueueHoldParamsSchema = CallParamsSchema.extend({
  QueuePosition: Count.optional(),
  AvgQueueTime: Count.optional(),
  QueueTime: Count.optional(),
});

export const QueueKeyParamsSchema = CallParamsSchema.extend({ Digits: Text.optional() });

/** The url of a dialled Number: Twilio calls it on the agent's leg, with the caller's call as parent. */
export const WhisperParamsSchema = CallParamsSchema.extend({ ParentCallSid: Sid.optional() });

/** A queue's name as an agent's URL gives it: Twilio's limit on a queue's name, and no control characters. */
export const QueueNameSchema = z.string().regex(/^[^\p{Cc}]{1,64}$/u, 'a queue name (1 to 64 characters)');

/** A dialled <Queue>'s url: Twilio calls it on the dequeued caller's leg (CallSid) before bridging the agent's (DequeingCallSid). */
export const QueueConnectParamsSchema = CallParamsSchema.extend({
  DequeingCallSid: Sid.optional(),
  QueueSid: Sid.optional(),
  QueueTime: Count.optional(),
});

export const StatusParamsSchema = CallParamsSchema.extend({ CallStatus: z.enum(CALL_STATUSES) });

/** Twilio's Fallback URL request: the failed URL and the error code. */
export const FallbackParamsSchema = z.looseObject({
  CallSid: Sid.optional(),
  ErrorCode: Text.optional(),
  ErrorUrl: Text.optional(),
});

export type CallParams = z.infer<typeof CallParamsSchema>;
export type StepParams = z.infer<typeof StepParamsSchema>;
export type QueueHoldParams = z.infer<typeof QueueHoldParamsSchema>;

/** Parses a webhook input; a mismatch is a typed error that routes the caller to a person. */
export function parseWebhook<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new WebhookInputError(`bad ${what}: ${toFirstIssueText(result.error.issues)}`);
}
