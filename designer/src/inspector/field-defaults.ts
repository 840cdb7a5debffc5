import { DEFAULTS } from '../../../core/schema/defaults.ts';

// What the runtime uses where a field is left out, shown as the field's
// placeholder. The schema keeps defaults out of the file (flow.ts), so they are
// matched here by path; a field with no entry simply has no placeholder.

/** `kind:path`, with `*` for any node kind (the flow's own settings use `flow`). */
const DEFAULT_BY_PATH: Record<string, string | number | boolean> = {
  'menu:timeout': DEFAULTS.inputTimeoutSeconds,
  'input:timeout': DEFAULTS.inputTimeoutSeconds,
  'transfer:timeout': DEFAULTS.dialTimeoutSeconds,
  'http:timeout': DEFAULTS.httpTimeoutSeconds,
  '*:noInput.retries': DEFAULTS.retries,
  '*:noMatch.retries': DEFAULTS.retries,
  '*:invalid.retries': DEFAULTS.retries,
  // yes/no fields: as core/interpreter/waits.ts reads them when left out
  'menu:bargeIn': true,
  'queue:announce.position': false,
  'queue:announce.estimatedWait': false,
  'voicemail:transcribe': false,
  'callback:confirmNumber': false,
  'flow:settings.maxSteps': DEFAULTS.maxSteps,
  'flow:settings.defaultLanguage': DEFAULTS.language,
};

/** "5 (default)" for a menu's `timeout`, "on (default)" for its barge-in; undefined where there is no default. */
export function getDefaultPlaceholder(kind: string, path: string): string | undefined {
  const value = DEFAULT_BY_PATH[`${kind}:${path}`] ?? DEFAULT_BY_PATH[`*:${path}`];
  if (value === undefined) return undefined;
  return `${typeof value === 'boolean' ? (value ? 'on' : 'off') : value} (default)`;
}
