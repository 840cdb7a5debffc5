import { z } from 'zod';
import { FLOW_ID_PATTERN } from './flow-files.ts';

export const FlowIdSchema = z
  .string()
  .regex(FLOW_ID_PATTERN, 'must be 1 to 64 lowercase letters, digits, "-" or "_", starting with a letter or digit');

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
  const issue = error.issues[0];
  if (issue === undefined) return `bad ${what}`;
  const where = issue.path.map(String).join('.');
  return `bad ${what}: ${where === '' ? '' : `${where}: `}${issue.message}`;
}

/** `POST /api/voice/token`: the flow the browser is about to call. */
export const VoiceTokenBodySchema = z.strictObject({ flow: FlowIdSchema });
