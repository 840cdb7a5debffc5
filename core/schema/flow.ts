import { z } from 'zod';
import { ExtendsSchema } from '../profiles/index.ts';
import { findUnknownPlaceholders, PHRASE_KEYS, PHRASE_PLACEHOLDERS, PHRASE_USES, type PhraseKey } from '../phrases/catalogue.ts';
import { FLOW_ID_PATTERN, FLOW_ID_WORDS } from './flow-id.ts';
import { describePatternProblem, isSafePattern } from './safe-pattern.ts';
import { describeNonXmlText, isXmlText } from './xml-text.ts';

// The flow format: what a CX designer writes (or the designer saves) and every
// tool reads. Strict objects everywhere so a typo is an error, not a silent no-op.
// Defaults live in ./defaults.ts, not here: a parsed flow stays byte-for-byte
// what its author wrote, so the designer can round-trip it exactly.

export const NodeIdSchema = z
  .string()
  // `__proto__` would vanish as an object key, taking the node with it.
  .regex(/^(?!__proto__$)[A-Za-z_][A-Za-z0-9_.-]*$/, 'a node id starts with a letter or _ and holds letters, digits, _ . - (and is not __proto__)')
  .describe('Id of a node in this flow');

/** A transition: the id of the node the call goes to. Leaving it out means the call hangs up there. */
export const TargetSchema = NodeIdSchema.describe('Id of the node the call goes to next; absent means the call hangs up');

const xmlTextError = { error: (issue: { input: unknown }) => describeNonXmlText(String(issue.input)) };

// A fresh schema per field: one shared object would become a `$ref` in the published JSON Schema.
/** Text a call speaks or puts into TwiML: only characters XML 1.0 can carry, or the call falls to the fallback. */
const createTextSchema = () => z.string().refine(isXmlText, xmlTextError);

export const LanguageTagSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as "en-US" or "nl-NL"');

export const AudioPromptSchema = z.strictObject({
  audio: z.url().refine(isXmlText, xmlTextError).describe('URL of a recording to play'),
  seconds: z.number().positive().describe('Length of the recording in seconds'),
});

/** Text in the flow's default language, text per language, or a recording. */
export const PromptSchema = z.union([
  createTextSchema().min(1),
  AudioPromptSchema,
  z.record(LanguageTagSchema, createTextSchema().min(1)),
]);

/** A regular expression from the safe subset: one a caller's input cannot make backtrack for minutes. */
const createPatternSchema = () => z.string().refine(isSafePattern, { error: (issue) => describePatternProblem(String(issue.input)) });

const SecondsSchema = z.number().positive().max(600);

/** What happens when the caller says nothing, or something the node does not accept. */
export const RetryHandlerSchema = z.strictObject({
  retries: z.int().min(0).max(10).optional().describe('Re-prompts before the call takes `next` (default 2)'),
  prompt: PromptSchema.optional().describe('Played before each re-prompt'),
  next: TargetSchema.optional(),
});

export const DtmfKeySchema = z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#']);

export const MenuOptionSchema = z.strictObject({
  key: DtmfKeySchema.optional(),
  phrases: z.array(createTextSchema().min(1)).min(1).optional().describe('Speech phrases that pick this option'),
  label: createTextSchema().optional(),
  next: TargetSchema.optional(),
});

const SpeechSchema = z.strictObject({
  language: LanguageTagSchema.optional(),
  hints: z.array(createTextSchema()).optional(),
  next: TargetSchema.optional().describe('Taken when the caller says something no option\'s phrases match; absent: that is a no-match'),
});

const InputSpeechSchema = z.strictObject({
  language: LanguageTagSchema.optional(),
  hints: z.array(createTextSchema()).optional(),
  next: TargetSchema.optional().describe('Taken when the caller speaks; absent: the input\'s `next`, as valid digits take'),
});

const base = {
  label: createTextSchema().optional().describe('Shown in the designer and in reports, and read to the agent in the whisper'),
  description: createTextSchema().optional(),
};

export const SayNodeSchema = z.strictObject({
  kind: z.literal('say'),
  ...base,
  prompt: PromptSchema,
  next: TargetSchema.optional(),
});

export const SetNodeSchema = z.strictObject({
  kind: z.literal('set'),
  ...base,
  assign: z.record(createTextSchema().min(1), z.union([createTextSchema(), z.number(), z.boolean()])),
  next: TargetSchema.optional(),
});

export const MenuNodeSchema = z.strictObject({
  kind: z.literal('menu'),
  ...base,
  prompt: PromptSchema,
  options: z.array(MenuOptionSchema).min(1),
  speech: SpeechSchema.optional().describe('Present when callers may also speak an option'),
  timeout: SecondsSchema.optional().describe('Seconds to wait for a key press (default 5)'),
  bargeIn: z.boolean().optional(),
  noInput: RetryHandlerSchema.optional(),
  noMatch: RetryHandlerSchema.optional(),
});

export const InputNodeSchema = z.strictObject({
  kind: z.literal('input'),
  ...base,
  prompt: PromptSchema,
  variable: createTextSchema().min(1).describe('Variable that receives the digits'),
  minDigits: z.int().min(1).max(64).optional(),
  maxDigits: z.int().min(1).max(64).optional(),
  pattern: createPatternSchema().optional().describe('Regular expression the digits must match, in the safe subset (README: input patterns)'),
  finishOnKey: z.enum(['#', '*', '']).optional(),
  timeout: SecondsSchema.optional(),
  next: TargetSchema.optional().describe('Taken when valid digits were entered'),
  speech: InputSpeechSchema.optional().describe('Present when the caller may also speak the answer: what is said goes into `variable`'),
  noInput: RetryHandlerSchema.optional(),
  invalid: RetryHandlerSchema.optional(),
});

const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day "HH:MM"');
const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date "YYYY-MM-DD"');
const OpenRangesSchema = z.array(z.tuple([TimeSchema, TimeSchema]));

export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

// Constructing a formatter is the portable check, but costly: flows repeat a few zones many times.
const knownTimeZones = new Set<string>();
function isTimeZone(zone: string): boolean {
  if (knownTimeZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  knownTimeZones.add(zone);
  return true;
}

const TimeZoneSchema = z.string().refine(isTimeZone, 'an IANA time zone such as "Europe/Madrid"');

const ComparisonSchema = z.enum(['eq', 'ne', 'lt', 'gt', 'in', 'matches', 'exists']);

/** The patterns a `matches` test runs, as the interpreter reads its value. */
const toPatterns = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);

/** `matches` runs its value as patterns on look-up answers and caller fields: they must be safe ones too. */
const hasSafePatterns = (test: { op: string; value?: unknown }) => test.op !== 'matches' || toPatterns(test.value).every(isSafePattern);
const unsafePatternIssue = {
  path: ['value'],
  error: (issue: { input: unknown }) => {
    const unsafe = toPatterns((issue.input as { value?: unknown }).value).find((pattern) => !isSafePattern(pattern)) ?? '';
    return `${JSON.stringify(unsafe)}: ${describePatternProblem(unsafe)}`;
  },
};

export const CalendarIdSchema = z
  .string()
  // `__proto__` would vanish as an object key, taking the calendar with it.
  .regex(/^(?!__proto__$)[A-Za-z_][A-Za-z0-9_.-]*$/, 'a calendar id starts with a letter or _ and holds letters, digits, _ . - (and is not __proto__)')
  .describe('Id of a calendar in this flow\'s `calendars`');

/** A day off, or a day with its own hours (Christmas Eve until 13:00, say). */
const HolidaySchema = z.union([
  DateSchema,
  z.strictObject({
    date: DateSchema,
    name: createTextSchema().optional(),
    hours: OpenRangesSchema.optional().describe('Opening hours that day instead of the weekly ones; absent or empty: closed all day'),
  }),
]);

/** Business hours defined once and shared by every hours condition that names them (Amazon Connect's Hours of Operation). */
export const CalendarSchema = z.strictObject({
  name: createTextSchema().optional().describe('Shown in the designer'),
  timezone: TimeZoneSchema,
  weekly: z.partialRecord(WeekdaySchema, OpenRangesSchema).describe('Opening ranges ["HH:MM", "HH:MM"] per day; a day left out is closed'),
  holidays: z.array(HolidaySchema).max(1000).optional().describe('Dates, in the zone, closed all day or with their own hours'),
});

const HOURS_FIELDS = ['timezone', 'weekly', 'holidays'] as const;

/** Either its own zone and days, or the id of a flow calendar that holds them: one object, so `type` stays the union's one key. */
const HoursTestSchema = z
  .strictObject({
    type: z.literal('hours'),
    calendar: CalendarIdSchema.optional().describe('Open when this calendar of the flow is open; then leave out timezone, weekly and holidays'),
    timezone: TimeZoneSchema.optional().describe('Required unless `calendar` is given'),
    weekly: z.partialRecord(WeekdaySchema, OpenRangesSchema).optional().describe('Required unless `calendar` is given'),
    holidays: z.array(DateSchema).optional().describe('Dates on which the line is closed all day'),
  })
  // Plain refinements, not superRefine: the fast check runs them and keeps valid flows off zod's slow path.
  .refine((test) => test.calendar === undefined || HOURS_FIELDS.every((field) => test[field] === undefined), {
    path: ['calendar'],
    message: 'the calendar holds the zone, days and holidays: leave out timezone, weekly and holidays, or the calendar',
  })
  .refine((test) => test.calendar !== undefined || (test.timezone !== undefined && test.weekly !== undefined), {
    path: ['timezone'],
    message: 'required: a time zone and opening ranges per day (timezone and weekly), or a calendar that holds them',
  });

export const ConditionTestSchema = z.discriminatedUnion('type', [
  HoursTestSchema,
  z.strictObject({
    type: z.literal('variable'),
    variable: z.string().min(1),
    op: ComparisonSchema,
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
  }).refine(hasSafePatterns, unsafePatternIssue),
  z.strictObject({
    type: z.literal('caller'),
    field: z.enum(['from', 'to', 'fromCountry', 'fromState', 'fromCity']),
    op: ComparisonSchema,
    value: z.union([z.string(), z.array(z.string())]).optional(),
  }).refine(hasSafePatterns, unsafePatternIssue),
  z.strictObject({
    type: z.literal('split'),
    percent: z.number().min(0).max(100).describe('Share of calls that take `then`'),
  }),
]);

export const ConditionNodeSchema = z.strictObject({
  kind: z.literal('condition'),
  ...base,
  test: ConditionTestSchema,
  then: TargetSchema.optional().describe('Taken when the test holds (open hours, in the split)'),
  else: TargetSchema.optional(),
});

export const HttpNodeSchema = z.strictObject({
  kind: z.literal('http'),
  ...base,
  request: z.strictObject({
    url: z.url(),
    method: z.enum(['GET', 'POST']).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.record(z.string(), z.string()).optional(),
  }),
  timeout: z.number().positive().max(10).optional().describe('Seconds before the look-up counts as timed out (default 5)'),
  saveAs: z.string().min(1).optional().describe('Variable that receives the JSON answer'),
  on: z.strictObject({
    ok: TargetSchema.optional(),
    failed: TargetSchema.optional(),
    timeout: TargetSchema.optional(),
  }),
});

export const TransferNodeSchema = z.strictObject({
  kind: z.literal('transfer'),
  ...base,
  prompt: PromptSchema.optional(),
  to: z.union([
    z.strictObject({ number: z.string().regex(/^\+[1-9]\d{1,14}$/, 'an E.164 number such as "+34910000000"') }),
    z.strictObject({ sip: z.string().regex(/^sips?:/, 'a SIP URI such as "sip:agent@example.com"') }),
    z.strictObject({ client: createTextSchema().min(1) }),
  ]),
  timeout: z.int().min(5).max(600).optional().describe('Seconds to ring before no-answer (default 30)'),
  callerId: createTextSchema().optional(),
  on: z.strictObject({
    answered: TargetSchema.optional().describe('After the agent call ends (a survey, say)'),
    busy: TargetSchema.optional(),
    noAnswer: TargetSchema.optional(),
    failed: TargetSchema.optional(),
  }),
});

export const QueueNodeSchema = z.strictObject({
  kind: z.literal('queue'),
  ...base,
  queue: createTextSchema().min(1).describe('Name of the agent queue'),
  prompt: PromptSchema.optional(),
  hold: z
    .strictObject({ music: z.url().refine(isXmlText, xmlTextError).optional(), prompt: PromptSchema.optional() })
    .optional(),
  announce: z
    .strictObject({
      position: z.boolean().optional(),
      estimatedWait: z.boolean().optional(),
      everySeconds: z.int().min(10).max(600).optional(),
    })
    .optional(),
  callbackOffer: z
    .strictObject({
      key: DtmfKeySchema,
      prompt: PromptSchema.optional(),
      next: TargetSchema.optional(),
    })
    .optional(),
  maxWait: z.int().min(10).max(7200).optional().describe('Seconds in the queue before `on.timeout`'),
  capacity: z.int().min(1).optional().describe('Callers the queue holds before `on.full`'),
  on: z.strictObject({
    answered: TargetSchema.optional(),
    full: TargetSchema.optional(),
    timeout: TargetSchema.optional(),
  }),
});

export const VoicemailNodeSchema = z.strictObject({
  kind: z.literal('voicemail'),
  ...base,
  prompt: PromptSchema,
  maxLength: z.int().min(5).max(600).optional(),
  transcribe: z.boolean().optional(),
  next: TargetSchema.optional(),
});

export const CallbackNodeSchema = z.strictObject({
  kind: z.literal('callback'),
  ...base,
  prompt: PromptSchema,
  confirmNumber: z.boolean().optional().describe('Offer the calling number instead of asking for one'),
  next: TargetSchema.optional(),
});

export const SurveyNodeSchema = z.strictObject({
  kind: z.literal('survey'),
  ...base,
  prompt: PromptSchema.describe('Asks for a score from 1 to 5'),
  next: TargetSchema.optional(),
});

export const GotoNodeSchema = z.strictObject({
  kind: z.literal('goto'),
  ...base,
  flow: z.string().regex(FLOW_ID_PATTERN, FLOW_ID_WORDS).describe('Id of the flow of the same line the call continues in (its file name without .json); the call does not come back'),
  node: NodeIdSchema.optional().describe('Node of that flow the call continues at; absent: its entry'),
  on: z
    .strictObject({ failed: TargetSchema.optional().describe('Taken when the flow is missing or cannot be started') })
    .optional(),
});

export const HangupNodeSchema = z.strictObject({
  kind: z.literal('hangup'),
  ...base,
  prompt: PromptSchema.optional().describe('Closing message'),
});

export const FlowNodeSchema = z.discriminatedUnion('kind', [
  SayNodeSchema,
  SetNodeSchema,
  MenuNodeSchema,
  InputNodeSchema,
  ConditionNodeSchema,
  HttpNodeSchema,
  TransferNodeSchema,
  QueueNodeSchema,
  VoicemailNodeSchema,
  CallbackNodeSchema,
  SurveyNodeSchema,
  GotoNodeSchema,
  HangupNodeSchema,
]);

export const SeveritySettingSchema = z.enum(['off', 'warn', 'error']);
/** `"warn"`, or `["error", { ...options }]` as in ESLint. */
export const RuleSettingSchema = z.union([
  SeveritySettingSchema,
  z.tuple([SeveritySettingSchema]),
  z.tuple([SeveritySettingSchema, z.record(z.string(), z.unknown())]),
]);
export const RuleSettingsSchema = z.record(z.string(), RuleSettingSchema);

const describePlaceholders = (key: PhraseKey): string => PHRASE_PLACEHOLDERS[key].map((name) => `{{${name}}}`).join(', ') || 'no placeholder';

const createPhraseTextSchema = (key: PhraseKey) =>
  createTextSchema()
    .min(1)
    .refine((text) => findUnknownPlaceholders(key, text).length === 0, {
      error: (issue) => `{{${findUnknownPlaceholders(key, String(issue.input))[0]}}} means nothing in ${key}, which may use ${describePlaceholders(key)}`,
    })
    .optional()
    .describe(PHRASE_USES[key]);

/** A flow's own texts for humanline's phrases in one language; strict, so a misspelt phrase name is an error. */
export const PhraseOverridesSchema = z.strictObject(
  Object.fromEntries(PHRASE_KEYS.map((key) => [key, createPhraseTextSchema(key)])) as { [K in PhraseKey]: ReturnType<typeof createPhraseTextSchema> },
);

export const FlowSettingsSchema = z.strictObject({
  maxSteps: z.int().min(1).max(50).optional().describe('Step budget N: a person is never more than N caller steps away (default 3)'),
  languages: z.array(LanguageTagSchema).min(1).optional(),
  defaultLanguage: LanguageTagSchema.optional(),
  voice: createTextSchema().optional(),
  fallback: z
    .strictObject({ number: z.string().regex(/^\+[1-9]\d{1,14}$/) })
    .optional()
    .describe('Where the runtime sends a caller when anything goes wrong'),
  phrases: z
    .record(LanguageTagSchema, PhraseOverridesSchema)
    .optional()
    .describe('Replaces humanline\'s own phrases (apologies, queue announcements, callback number) per language: "es" serves every Spanish call, "es-MX" only that one'),
});

const PositionSchema = z.strictObject({ x: z.number(), y: z.number() });

export const FlowSchema = z.strictObject({
  $schema: z.string().optional(),
  name: createTextSchema().min(1).optional().describe('Shown in the designer, reports and call lists; without one, the flow goes by its id (its file name without .json)'),
  description: createTextSchema().optional(),
  settings: FlowSettingsSchema.optional(),
  extends: ExtendsSchema.optional().describe('Profiles applied in order after the project config and before this flow\'s `rules`, e.g. ["humanline:es-ley-10-2025"]'),
  rules: RuleSettingsSchema.optional().describe('Per-flow lint rule overrides, as in humanline.config.json'),
  calendars: z.record(CalendarIdSchema, CalendarSchema).optional().describe('Business hours shared by the hours conditions that name them'),
  entry: NodeIdSchema,
  nodes: z.record(NodeIdSchema, FlowNodeSchema),
  ui: z
    .strictObject({
      positions: z.record(NodeIdSchema, PositionSchema).optional(),
      viewport: z.strictObject({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
    })
    .optional(),
});

export type Flow = z.infer<typeof FlowSchema>;
export type FlowNode = z.infer<typeof FlowNodeSchema>;
export type NodeKind = FlowNode['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<FlowNode, { kind: K }>;
export type Prompt = z.infer<typeof PromptSchema>;
export type RetryHandler = z.infer<typeof RetryHandlerSchema>;
export type ConditionTest = z.infer<typeof ConditionTestSchema>;
export type RuleSetting = z.infer<typeof RuleSettingSchema>;
export type RuleSettings = z.infer<typeof RuleSettingsSchema>;
export type Weekday = z.infer<typeof WeekdaySchema>;
export type Calendar = z.infer<typeof CalendarSchema>;
export type Calendars = NonNullable<Flow['calendars']>;
export type HoursTest = Extract<ConditionTest, { type: 'hours' }>;
export type OpenRange = [string, string];
