import path from 'node:path';
import { z } from 'zod';

// The runtime's settings, read from the environment once at start. Library code
// receives this object; nothing else reads process.env.

const E164 = /^\+[1-9]\d{1,14}$/;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
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
  });

function isHttpsOrLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface RuntimeConfig {
  port: number;
  host: string;
  /** absolute path of the folder of flow files */
  flowsDir: string;
  /** absolute path of the folder holding the embedded store */
  dataDir: string;
  /** Twilio signs its webhooks with this; undefined: local mode, webhooks refused */
  twilioAuthToken: string | undefined;
  /** the https address Twilio calls, without a trailing slash */
  publicBaseUrl: string | undefined;
  fallbackNumber: string | undefined;
  logLevel: LogLevel;
  /** the designer API's token; undefined: `humanline serve` generates one at start */
  adminToken: string | undefined;
  /** no Twilio token: the runtime serves the designer and /healthz but refuses webhooks */
  localMode: boolean;
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
      const shown = value === undefined || name === 'TWILIO_AUTH_TOKEN' || name === 'HUMANLINE_ADMIN_TOKEN' ? '' : ` (got "${value}")`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const parsed = result.data;
  return {
    port: overrides.port ?? parsed.PORT,
    host: overrides.host ?? parsed.HOST,
    flowsDir: path.resolve(cwd, overrides.flowsDir ?? parsed.HUMANLINE_FLOWS),
    dataDir: path.resolve(cwd, parsed.HUMANLINE_DATA_DIR),
    twilioAuthToken: parsed.TWILIO_AUTH_TOKEN,
    publicBaseUrl: parsed.PUBLIC_BASE_URL,
    fallbackNumber: parsed.HUMANLINE_FALLBACK_NUMBER,
    logLevel: parsed.LOG_LEVEL,
    adminToken: parsed.HUMANLINE_ADMIN_TOKEN,
    localMode: parsed.TWILIO_AUTH_TOKEN === undefined,
  };
}
