import type { ForeignFormat, ImportResult } from './types.ts';

const FORMAT_NAMES: Readonly<Record<ForeignFormat, string>> = {
  'twilio-studio': 'Twilio Studio',
  'amazon-connect': 'Amazon Connect',
};

/** The last line of the never-throw promise: an importer bug on odd input is a refusal, not a crash. */
export function guardImport(format: ForeignFormat, convert: () => ImportResult): ImportResult {
  try {
    return convert();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, format, message: `The ${FORMAT_NAMES[format]} export could not be imported: ${reason}` };
  }
}
