import { z } from 'zod';
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

/** Publish takes no parameters; an empty object (or no body) is fine. */
export const EmptyBodySchema = z.strictObject({}).optional();

export const ImportBodySchema = z.strictObject({
  data: required(z.unknown()),
  from: z.enum(['twilio-studio', 'amazon-connect']).optional(),
  id: FlowIdSchema,
});

/** The first issue, as `path: message`, for a 400's `error`. */
export function describeIssues(error: z.ZodError, what: string): string {
  return error.issues.length === 0 ? `bad ${what}` : `bad ${what}: ${toFirstIssueText(error.issues)}`;
}

/** `POST /api/voice/token`: the flow the browser is about to call. */
export const VoiceTokenBodySchema = z.strictObject({ flow: FlowIdSchema });
