import path from 'node:path';
import { z } from 'zod';
import type { AdminToken } from './designer-api/admin-token.ts';

// The runtime's settings, read from the environment once at start. Library code
// receives this object; nothing else reads process.env.

const E164 = /^\+[1-9]\d{1,14}$/;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The variables a call from the browser designer needs: all four, or none. */
export const BROWSER_CALL_VARIABLES = ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET', 'TWILIO_TWIML_APP_SID'] as const;

/** Twilio SIDs: a two-letter prefix and 32 hex digits. */
const twilioSid = (prefix: string, what: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be ${what}: ${prefix} followed by 32 hex digits (34 characters)`);

/** Values that never appear in a configuration message. */
const SECRET_VARIABLES = new Set(['TWILIO_AUTH_TOKEN', 'HUMANLINE_ADMIN_TOKEN', 'HUMANLINE_ADMIN_TOKENS', 'TWILIO_API_SECRET', 'HUMANLINE_REDIS_URL']);

const EnvSchema = z
  .object({
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be from 0 to 65535')
      .max(65535, 'must be from 0 to 65535')
      .default(3000),
    HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
    HUMANLINE_FLOWS: z.string().min(1, 'must not be empty').default('./flows'),
    // where the designer's "Save as test" writes scenario files, and where it lists a flow's tests from
    HUMANLINE_TESTS: z.string().min(1, 'must not be empty').default('./tests/scenarios'),
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/, error: 'must be an https URL such as https://ivr.example.com' })
      // Plain http only on this machine (benchmarks, a local tunnel's far end): Twilio itself calls https.
      .refine(isHttpsOrLoopback, 'must be an https URL such as https://ivr.example.com (http only for localhost / 127.0.0.1)')
      .refine((url) => !url.endsWith('/'), 'must not end with a slash (https://ivr.example.com, not https://ivr.example.com/)')
      .optional(),
    TWILIO_AUTH_TOKEN: z.string().min(1, 'must not be empty (unset it to start in local mode)').optional(),
    HUMANLINE_FALLBACK_NUMBER: z.string().regex(E164, 'must be an E.164 number such as +12125550100').optional(),
    HUMANLINE_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
    // Jupyter-style: without it `humanline serve` makes one at start and prints the login URL
    HUMANLINE_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters (unset it and serve generates one)').optional(),
    // one token per person, `name:token,name:token`, so the history says who published
    HUMANLINE_ADMIN_TOKENS: z.string().transform(toNamedTokens).optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    TWILIO_ACCOUNT_SID: twilioSid('AC', "the account's SID").optional(),
    TWILIO_API_KEY: twilioSid('SK', "an API key's SID").optional(),
    // the key's secret (shown once when the key is made), not its SK... SID
    TWILIO_API_SECRET: z.string().regex(/^[A-Za-z0-9]{32}$/, "must be the API key's secret: 32 letters and digits").optional(),
    TWILIO_TWIML_APP_SID: twilioSid('AP', "a TwiML App's SID").optional(),
    // several replicas share calls through one Redis; unset: the embedded SQLite store (one process)
    HUMANLINE_REDIS_URL: z.string().refine(isRedisUrl, 'must be a redis:// or rediss:// URL naming a host, such as redis://redis.internal:6379').optional(),
    // calls, their summaries and events older than this are purged (at start, then hourly)
    HUMANLINE_RETENTION_DAYS: z.coerce
      .number({ error: 'must be a number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be from 1 to 3650 days')
      .max(3650, 'must be from 1 to 3650 days')
      .default(90),
    // caller numbers are personal data: the designer API shows them whole only when this is true and a request asks
    HUMANLINE_SHOW_CALLER_NUMBERS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
    // `humanline test --url`: signed webhooks may set the call's clock, look-up answers and split draws
    HUMANLINE_TEST_CALLS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
  })
  .superRefine((env, context) => {
    if (env.TWILIO_AUTH_TOKEN !== undefined && env.PUBLIC_BASE_URL === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['PUBLIC_BASE_URL'],
        message:
          'is required when TWILIO_AUTH_TOKEN is set: the https address Twilio calls, e.g. https://ivr.example.com (signatures are checked against it)',
      });
    }
    const given = BROWSER_CALL_VARIABLES.filter((name) => env[name] !== undefined);
    if (given.length === 0) return;
    const missing = BROWSER_CALL_VARIABLES.filter((name) => env[name] === undefined);
    if (missing.length > 0) {
      // one problem naming every missing variable, as the start-up message reads "<names> are missing: ..."
      context.addIssue({
        code: 'custom',
        path: [missing.join(', ')],
        message: `${missing.length === 1 ? 'is' : 'are'} missing: a call from the browser designer needs all four of ${BROWSER_CALL_VARIABLES.join(', ')}, or none (set: ${given.join(', ')})`,
      });
    }
    // the TwiML App's Voice URL is a signed webhook like the others; in local mode it would be refused
    if (env.TWILIO_AUTH_TOKEN === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['TWILIO_AUTH_TOKEN'],
        message: `is required when ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set: the browser call reaches /twilio/client, a webhook signed with it (and PUBLIC_BASE_URL)`,
      });
    }
  });

const TOKEN_HOLDER_NAME = /^[A-Za-z0-9._-]{1,40}$/;

/** `alice:tok1,bob:tok2` as named tokens; a wrong entry is named by its position and its name, never its token. */
function toNamedTokens(text: string, context: z.core.$RefinementCtx<string>): AdminToken[] {
  const tokens: AdminToken[] = [];
  for (const [index, entry] of text.split(',').entries()) {
    const separator = entry.indexOf(':');
    const name = separator === -1 ? '' : entry.slice(0, separator).trim();
    const token = separator === -1 ? '' : entry.slice(separator + 1).trim();
    const problem = !TOKEN_HOLDER_NAME.test(name)
      ? 'must name the holder: name:token, the name up to 40 letters, digits, dots, dashes or underscores'
      : token.length < 16
        ? `has a token shorter than 16 characters for "${name}"`
        : tokens.some((known) => known.name === name)
          ? `names "${name}" twice`
          : tokens.some((known) => known.token === token)
            ? `gives "${name}" a token another name has`
            : undefined;
    if (problem !== undefined) {
      context.addIssue({ code: 'custom', message: `entry ${index + 1} ${problem} (the form is alice:<token>,bob:<token>)` });
      return z.NEVER;
    }
    tokens.push({ name, token });
  }
  return tokens;
}

function isHttpsOrLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

function isRedisUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const { protocol, hostname } = new URL(text);
  return (protocol === 'redis:' || protocol === 'rediss:') && hostname !== '';
}

export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the designer's test call needs to mint a Twilio Voice access token. */
export interface BrowserCallCredentials {
  accountSid: string;
  /** the API key's SID (SK...), the token's issuer */
  apiKeySid: string;
  /** signs the tokens; never logged */
  apiKeySecret: string;
  /** the TwiML App whose Voice URL points at <PUBLIC_BASE_URL>/twilio/client */
  twimlAppSid: string;
}

export interface RuntimeConfig {
  port: number;
  host: string;
  /** absolute path of the folder of flow files */
  flowsDir: string;
  /** absolute path of the folder of scenario files the designer saves and lists */
  testsDir: string;
  /** absolute path of the folder holding the embedded store */
  dataDir: string;
  /** Twilio signs its webhooks with this; undefined: local mode, webhooks refused */
  twilioAuthToken: string | undefined;
  /** the https address Twilio calls, without a trailing slash */
  publicBaseUrl: string | undefined;
  fallbackNumber: string | undefined;
  logLevel: LogLevel;
  /** the designer API's token, its holder named `admin`; undefined (and no named tokens): `humanline serve` generates one at start */
  adminToken: string | undefined;
  /** HUMANLINE_ADMIN_TOKENS: one token per person, whose name the publish history records */
  namedAdminTokens: AdminToken[];
  /** no Twilio token: the runtime serves the designer and /healthz but refuses webhooks */
  localMode: boolean;
  /** undefined: the designer's "Call from browser" explains what to set */
  browserCall: BrowserCallCredentials | undefined;
  /** calls live in this Redis, shared by every replica; undefined: the embedded SQLite store. Holds a password: never log it */
  redisUrl: string | undefined;
  /** calls started longer ago than this are purged with everything kept of them */
  retentionDays: number;
  /** the designer API may show caller numbers whole when a request asks (`numbers=shown`); otherwise always masked */
  showCallerNumbers: boolean;
  /** signed test calls (`humanline test --url`) may set the clock, look-up answers and split draws; off: refused */
  testCalls: boolean;
}

/** A setting that stops the start; the message names the variable and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`bad configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }
}

/** Overrides from the command line (`--port`, `--host`, `--flows`), which win over the environment. */
export interface ConfigOverrides {
  port?: number;
  host?: string;
  flowsDir?: string;
}

/** Empty variables count as unset, as shells and .env files leave them. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const entries = Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '');
  return Object.fromEntries(entries);
}

/** Parses the environment once; throws ConfigError naming every wrong variable. */
export function parseRuntimeConfig(env: Record<string, string | undefined>, cwd: string, overrides: ConfigOverrides = {}): RuntimeConfig {
  const result = EnvSchema.safeParse(withoutEmpty(env));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const value = env[name];
      const shown = value === undefined || SECRET_VARIABLES.has(name) ? '' : ` (got "${value}")`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const parsed = result.data;
  return {
    port: overrides.port ?? parsed.PORT,
    host: overrides.host ?? parsed.HOST,
    flowsDir: path.resolve(cwd, overrides.flowsDir ?? parsed.HUMANLINE_FLOWS),
    testsDir: path.resolve(cwd, parsed.HUMANLINE_TESTS),
    dataDir: path.resolve(cwd, parsed.HUMANLINE_DATA_DIR),
    twilioAuthToken: parsed.TWILIO_AUTH_TOKEN,
    publicBaseUrl: parsed.PUBLIC_BASE_URL,
    fallbackNumber: parsed.HUMANLINE_FALLBACK_NUMBER,
    logLevel: parsed.LOG_LEVEL,
    adminToken: parsed.HUMANLINE_ADMIN_TOKEN,
    namedAdminTokens: parsed.HUMANLINE_ADMIN_TOKENS ?? [],
    localMode: parsed.TWILIO_AUTH_TOKEN === undefined,
    browserCall: toBrowserCallCredentials(parsed),
    redisUrl: parsed.HUMANLINE_REDIS_URL,
    retentionDays: parsed.HUMANLINE_RETENTION_DAYS,
    showCallerNumbers: parsed.HUMANLINE_SHOW_CALLER_NUMBERS === 'true',
    testCalls: parsed.HUMANLINE_TEST_CALLS === 'on',
  };
}

/** The four browser-call variables as one object; the schema has made sure they come all together. */
function toBrowserCallCredentials(parsed: z.infer<typeof EnvSchema>): BrowserCallCredentials | undefined {
  const { TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET, TWILIO_TWIML_APP_SID } = parsed;
  if (TWILIO_ACCOUNT_SID === undefined || TWILIO_API_KEY === undefined || TWILIO_API_SECRET === undefined || TWILIO_TWIML_APP_SID === undefined) return undefined;
  return { accountSid: TWILIO_ACCOUNT_SID, apiKeySid: TWILIO_API_KEY, apiKeySecret: TWILIO_API_SECRET, twimlAppSid: TWILIO_TWIML_APP_SID };
}
