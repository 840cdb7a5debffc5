import { z } from 'zod';
import { countOf } from '../format/words.ts';
import { describeIssue } from '../schema/describe-issue.ts';
import { FLOW_ID_PATTERN } from '../schema/flow-id.ts';
import { toIssueText } from '../schema/issue-text.ts';

// The scenario file of `humanline test`: a scripted caller (keys, words,
// silence) in a fixed world (the clock, the caller, each look-up, agent,
// queue and link), with what the caller must hear and where the call must get. Strict:
// a misspelt field is an error, never a step silently skipped.

const MAX_TEXT = 2000;
const MAX_PATTERN = 500;
export const MAX_STEPS = 500;
/** Most scenarios one file holds: a larger generated suite is written as numbered parts. */
export const MAX_SCENARIOS = 1000;

const NodeId = z.string().min(1).max(200);

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
}

const PromptExpectationSchema = z
  .strictObject({
    contains: z.string().min(1).max(MAX_TEXT).optional(),
    matches: z.string().min(1).max(MAX_PATTERN).refine(isRegExp, 'not a valid regular expression').optional(),
    language: z.string().min(1).max(35).optional(),
  })
  .refine((prompt) => (prompt.contains === undefined) !== (prompt.matches === undefined), 'give either "contains" or "matches"');

const ReachesSchema = z.union([
  z.strictObject({
    person: z.literal(true),
    withinSteps: z.int().min(0).max(100).optional(),
    withinSeconds: z.number().positive().max(86_400).optional(),
  }),
  z.strictObject({ node: NodeId }),
  z.strictObject({ followUp: z.literal(true) }),
]);

const STEP_KEYS = ['expect', 'press', 'say', 'silence', 'hangup', 'reaches', 'ends'] as const;

export const ScenarioStepSchema = z
  .strictObject({
    expect: z.strictObject({ prompt: PromptExpectationSchema }).optional(),
    press: z
      .string()
      .regex(/^[0-9*#]{1,64}$/, 'keys are 0-9, * and #')
      .optional(),
    say: z.string().min(1).max(MAX_TEXT).optional(),
    silence: z.literal(true).optional(),
    hangup: z.literal(true).optional(),
    reaches: ReachesSchema.optional(),
    ends: z.literal('callerChoice').optional(),
  })
  .refine((step) => STEP_KEYS.filter((key) => step[key] !== undefined).length === 1, `a step is exactly one of ${STEP_KEYS.join(', ')}`);

const LookupAnswerSchema = z.union([z.enum(['ok', 'failed', 'timeout']), z.strictObject({ ok: z.record(z.string(), z.unknown()) })]);

const EnvironmentSchema = z.strictObject({
  /** the time of the call, for business hours: an ISO date-time with its offset (`Z`, `-05:00`) */
  at: z.iso.datetime({ offset: true }).optional(),
  caller: z
    .strictObject({
      number: z.string().min(1).max(64).optional(),
      /** what the carrier says of the caller, as conditions read it (`caller.fromCountry`) */
      data: z
        .strictObject({
          to: z.string().max(64).optional(),
          fromCountry: z.string().max(64).optional(),
          fromState: z.string().max(64).optional(),
          fromCity: z.string().max(64).optional(),
        })
        .optional(),
    })
    .optional(),
  lookups: z.record(NodeId, LookupAnswerSchema).optional(),
  agents: z.record(NodeId, z.enum(['answered', 'busy', 'noAnswer', 'failed'])).optional(),
  /** `callback`: the caller presses the queue's callback key while on hold */
  queues: z.record(NodeId, z.enum(['answered', 'full', 'timeout', 'callback'])).optional(),
  /** per goto node: `failed`, the linked flow cannot be started and the call takes the goto's `on.failed`; `entered` (the default), the call continues in the linked flow */
  links: z.record(NodeId, z.enum(['failed', 'entered'])).optional(),
  /** what percentage splits draw, in the order the call meets them, each in [0, 1): a split of P % takes `then` when draw × 100 < P; after the list, 0 */
  draws: z.array(z.number().min(0).lt(1)).max(MAX_STEPS).optional(),
});

export const ScenarioSchema = z.strictObject({
  /** for editors: where this file's JSON Schema is */
  $schema: z.string().max(1000).optional(),
  /** the flow file, relative to the scenario file, or a flow id (its file `<id>.json` beside the scenario or one folder up) */
  flow: z.string().min(1).max(1000),
  name: z.string().min(1).max(200),
  environment: EnvironmentSchema.optional(),
  steps: z.array(ScenarioStepSchema).min(1).max(MAX_STEPS),
});

/**
 * Where a scenario's `flow` may be, from the scenario file's folder, in the order tried: a flow id is
 * `<id>.json` beside the file or one folder up; anything else is a path. Paths as segments, for the
 * caller's own path functions (the CLI and the runtime resolve them alike).
 */
export function getFlowFileCandidates(reference: string): string[][] {
  return FLOW_ID_PATTERN.test(reference) ? [[`${reference}.json`], ['..', `${reference}.json`]] : [[reference]];
}

/** The names scenario files go by, for `humanline test` and the designer's tests list alike. */
export const SCENARIO_FILE_PATTERN = /\.test\.(ya?ml|json)$/;

/** A scenario file: one scenario, or several under `scenarios`. */
export const ScenarioFileSchema = z.union([
  ScenarioSchema,
  z.strictObject({ $schema: z.string().max(1000).optional(), scenarios: z.array(ScenarioSchema).min(1).max(MAX_SCENARIOS) }),
]);

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioStep = z.infer<typeof ScenarioStepSchema>;
export type ScenarioEnvironment = z.infer<typeof EnvironmentSchema>;

/** A problem with a scenario file, at a path inside it (for the CLI to turn into a line). */
export interface ScenarioIssue {
  path: Array<string | number>;
  message: string;
}

export type ScenarioFileResult = { ok: true; scenarios: Scenario[] } | { ok: false; issues: ScenarioIssue[] };

/** Reads a parsed scenario file; the path of each issue points into the file as written. */
export function parseScenarioFile(input: unknown): ScenarioFileResult {
  // Parsed against the one shape it claims, so errors name its fields rather than a failed union.
  const schema = typeof input === 'object' && input !== null && 'scenarios' in input ? ScenarioFileSchema.options[1] : ScenarioSchema;
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, scenarios: 'scenarios' in result.data ? result.data.scenarios : [result.data] };
  return { ok: false, issues: result.error.issues.map((issue) => toIssue(issue, input)) };
}

/** A zod path as a scenario file's: its keys and indexes (zod's paths may hold symbols, which no file has). */
function toFilePath(path: ReadonlyArray<PropertyKey>): Array<string | number> {
  return path.filter((part): part is string | number => typeof part !== 'symbol');
}

function toIssue(issue: z.core.$ZodIssue, input: unknown): ScenarioIssue {
  const path = toFilePath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    // The path goes on to the unknown key itself, so a reader of the file is pointed at its line.
    return { path: [...path, ...issue.keys.slice(0, 1)], message: `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}: remove it or check its spelling` };
  }
  if (issue.code === 'invalid_union' && path.at(-1) === 'reaches') {
    return { path, message: 'reaches takes one of { person: true }, { node: <id> } or { followUp: true }' };
  }
  // "missing "name"" where zod says "Invalid input: expected string, received undefined"
  const described = describeIssue(issue, input);
  const at = toFilePath(described.path);
  return { path: at, message: toIssueText({ path: at, message: described.message }) };
}

/** One step in words, as reports name it: `press "1"`, `expect a prompt containing "balance"`. */
export function describeStep(step: ScenarioStep): string {
  if (step.expect) {
    const { contains, matches, language } = step.expect.prompt;
    const inLanguage = language ? ` in ${language}` : '';
    return contains !== undefined ? `expect a prompt${inLanguage} containing "${contains}"` : `expect a prompt${inLanguage} matching /${matches}/`;
  }
  if (step.press !== undefined) return `press "${step.press}"`;
  if (step.say !== undefined) return `say "${step.say}"`;
  if (step.silence) return 'stay silent';
  if (step.hangup) return 'hang up';
  if (step.reaches) {
    const goal = step.reaches;
    if ('node' in goal) return `reach node "${goal.node}"`;
    if ('followUp' in goal) return 'reach a follow-up (voicemail or call back)';
    const limits = [goal.withinSteps !== undefined ? countOf(goal.withinSteps, 'step') : '', goal.withinSeconds !== undefined ? `${goal.withinSeconds} s` : ''].filter(Boolean);
    return `reach a person${limits.length > 0 ? ` within ${limits.join(' and ')}` : ''}`;
  }
  return 'end by the caller\'s choice';
}

/** The scenario format as JSON Schema (draft 2020-12), for editors. */
export function getScenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ScenarioFileSchema, { target: 'draft-2020-12', unrepresentable: 'any', reused: 'ref' }),
    $id: 'https://humanline.dev/schema/scenario.schema.json',
    title: 'humanline test scenario',
  };
}

export function toScenarioJsonSchemaText(): string {
  return `${JSON.stringify(getScenarioJsonSchema(), null, 2)}\n`;
}
