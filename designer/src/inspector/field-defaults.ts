import { DEFAULTS } from '../../../core/schema/defaults.ts';

// What the runtime uses where a field is left out, shown as the field's
// placeholder. The schema keeps defaults out of the file (flow.ts), so they are
// matched here by path; a field with no entry simply has no placeholder.

/** `kind:path`, with `*` for any node kind (the flow's own settings use `flow`). */
const DEFAULT_BY_PATH: Record<string, string | number> = {
  'menu:timeout': DEFAULTS.inputTimeoutSeconds,
  'input:timeout': DEFAULTS.inputTimeoutSeconds,
  'transfer:timeout': DEFAULTS.dialTimeoutSeconds,
  'http:timeout': DEFAULTS.httpTimeoutSeconds,
  '*:noInput.retries': DEFAULTS.retries,
  '*:noMatch.retries': DEFAULTS.retries,
  '*:invalid.retries': DEFAULTS.retries,
  'flow:settings.maxSteps': DEFAULTS.maxSteps,
  'flow:settings.defaultLanguage': DEFAULTS.language,
};

/** "5 (default)" for a menu's `timeout`; undefined where there is no default. */
export function getDefaultPlaceholder(kind: string, path: string): string | undefined {
  const value = DEFAULT_BY_PATH[`${kind}:${path}`] ?? DEFAULT_BY_PATH[`*:${path}`];
  return value === undefined ? undefined : `${value} (default)`;
}
