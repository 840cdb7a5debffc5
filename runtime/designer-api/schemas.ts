import { z } from 'zod';
import { CALL_OUTCOMES, PUBLISH_NOTE_MAX_LENGTH } from '../../core/designer-api/types.ts';
import { FLOW_ID_PATTERN, FLOW_ID_WORDS } from '../../core/schema/flow-id.ts';
import { toFirstIssueText } from '../../core/schema/issue-text.ts';

export const FlowIdSchema = z.string().regex(FLOW_ID_PATTERN, `must be ${FLOW_ID_WORDS}`);

/** Only the shape a draft needs to be a flow at all; the rest is the linter's job (a draft may be unfinished). */
const DraftFlowSchema = z.looseObject({
  nodes: z.record(z.string(), z.unknown(), { error: 'must be an object of nodes by id' }),
}, { error: 'must be a JSON object with a "nodes" object' });

const required = <T extends z.ZodType>(schema: T) => schema.refine((value) => value !== undefined, 'is required');

export const SaveDraftBodySchema = z.strictObject({ flow: DraftFlowSchema });

export const TargetIdBodySchema = z.strictObject({ to: FlowIdSchema });

/** A route without parameters; an empty object (or no body) is fine. */
export const EmptyBodySchema = z.strictObject({}).optional();

/** A publish's note, for the history: optional, one bounded text; blank counts as none. */
export const PublishBodySchema = z
  .strictObject({
    note: z
      .string({ error: 'must be text' })
      .trim()
      .max(PUBLISH_NOTE_MAX_LENGTH, `must be at most ${PUBLISH_NOTE_MAX_LENGTH} characters`)
      .transform((note) => (note === '' ? undefined : note))
      .optional(),
  })
  .optional();

/** A version number as the history lists them. */
export const VersionNumberSchema = z.coerce
  .number({ error: 'must be a version number such as 3' })
  .int('must be a whole version number')
  .min(1, 'must be a version number from 1');

export const RollbackBodySchema = z.strictObject({ version: VersionNumberSchema });

/** `id` for a new draft, or `replace` with an existing flow's id to overwrite its draft. */
export const ImportBodySchema = z
  .strictObject({
    data: required(z.unknown()),
    from: z.enum(['twilio-studio', 'amazon-connect']).optional(),
    id: FlowIdSchema.optional(),
    replace: FlowIdSchema.optional(),
  })
  .refine((body) => (body.id === undefined) !== (body.replace === undefined), 'needs either id (a new flow) or replace (the flow whose draft it replaces), not both');

/** The first issue, as `path: message`, for a 400's `error`. */
export function describeIssues(error: z.ZodError, what: string): string {
  return error.issues.length === 0 ? `bad ${what}` : `bad ${what}: ${toFirstIssueText(error.issues)}`;
}

/** `POST /api/voice/token`: the flow the browser is about to call. */
export const VoiceTokenBodySchema = z.strictObject({ flow: FlowIdSchema });

// ---- Calls and analytics: query parameters ----

/** An ISO date, or a time with its zone: what a period's ends may be. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const isoTime = z
  .string()
  .refine((text) => ISO_TIME.test(text) && !Number.isNaN(Date.parse(text)), 'must be an ISO date or time such as 2026-03-01 or 2026-03-01T09:00:00Z')
  .transform((text) => new Date(text));

/** A version id as the registry makes them (a content hash), or any short plain name. */
const versionId = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be a version id: up to 100 letters, digits, dots, dashes or underscores');

/** A strict query: an unknown parameter is named, with the ones there are. */
const strictQuery = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.join(', ')}; the parameters are ${Object.keys(shape).join(', ')}` : undefined),
  });

const rangeShape = { from: isoTime.optional(), to: isoTime.optional(), version: versionId.optional() };

export const CallListQuerySchema = strictQuery({
  ...rangeShape,
  outcome: z.enum(CALL_OUTCOMES, { error: `must be one of ${CALL_OUTCOMES.join(', ')}` }).optional(),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be the nextCursor of the previous page').optional(),
  limit: z.coerce.number({ error: 'must be a number from 1 to 200' }).int('must be a whole number from 1 to 200').min(1, 'must be from 1 to 200').max(200, 'must be from 1 to 200').default(50),
  numbers: z.enum(['masked', 'shown'], { error: 'must be masked or shown' }).default('masked'),
});

export const CallCsvQuerySchema = CallListQuerySchema.omit({ cursor: true, limit: true });

export const AnalyticsQuerySchema = strictQuery({
  ...rangeShape,
  target: z.coerce.number({ error: 'must be a number of seconds from 1 to 3600' }).int('must be whole seconds').min(1, 'must be from 1 to 3600 seconds').max(3600, 'must be from 1 to 3600 seconds').default(180),
});

/** A compliance report's period: the measures are the flow's, whichever version answered. */
export const MeasuresQuerySchema = strictQuery({ from: isoTime.optional(), to: isoTime.optional() });

export const CallDetailQuerySchema = strictQuery({ numbers: z.enum(['masked', 'shown'], { error: 'must be masked or shown' }).default('masked') });

/** Twilio's call sids: CA and 32 hex digits. */
export const CallSidSchema = z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'must be a call sid: CA followed by 32 hex digits');
