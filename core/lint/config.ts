import { z } from 'zod';
import { ExtendsSchema } from '../profiles/index.ts';
import { RuleSettingsSchema, type RuleSetting } from '../schema/flow.ts';
import { describeFirstIssue } from '../schema/describe-issue.ts';

/** The project config's file name: in the working folder for `lint` and `serve`, and never taken for a flow. */
export const PROJECT_CONFIG_FILE_NAME = 'humanline.config.json';

/** A glob of files a folder walk leaves out; `!` (un-ignoring) is refused rather than read as a file name. */
const IgnorePatternSchema = z
  .string()
  .min(1)
  .max(500)
  .refine((pattern) => !pattern.startsWith('!'), { message: 'negated patterns ("!...") are not supported' });

/** humanline.config.json: project-wide profiles, rule settings, step budget and ignored files, as ESLint's config. */
export const ProjectConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: ExtendsSchema.optional().describe('Profiles applied in order before `rules`, e.g. ["humanline:gethuman"]'),
  maxSteps: z.int().min(1).max(50).optional().describe('Default step budget N for every flow (default 3)'),
  rules: RuleSettingsSchema.optional(),
  ignores: z
    .array(IgnorePatternSchema)
    .max(1000)
    .optional()
    .describe('Files that lint, test and report skip when they walk a folder: globs relative to this file (*, **, ?), e.g. ["fixtures/**", "**/*.draft.json"]'),
});

export type ProjectConfig = z.infer<typeof ProjectConfigSchema>;

export function parseProjectConfig(data: unknown): { ok: true; config: ProjectConfig } | { ok: false; message: string } {
  const result = ProjectConfigSchema.safeParse(data);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, message: describeFirstIssue(result.error.issues, data) };
}

/** Splits `"warn"` or `["error", {...}]` into its severity and options. */
export function splitRuleSetting(setting: RuleSetting): { severity: 'off' | 'warn' | 'error'; options: Record<string, unknown> | undefined } {
  if (typeof setting === 'string') return { severity: setting, options: undefined };
  return { severity: setting[0], options: setting[1] };
}
