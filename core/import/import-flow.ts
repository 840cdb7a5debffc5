import { toFirstIssueText } from '../schema/issue-text.ts';
import { parseFlow } from '../schema/parse.ts';
import { importAmazonConnect } from './amazon-connect.ts';
import { detectFormat } from './detect.ts';
import { importTwilioStudio } from './twilio-studio.ts';
import type { ForeignFormat, ImportResult } from './types.ts';

export const UNRECOGNISED_MESSAGE =
  'Unrecognised flow file: expected a humanline flow (entry, nodes), a Twilio Studio export (states) or an Amazon Connect flow (StartAction, Actions)';

/**
 * Converts an export into a humanline flow; never throws. `from` forces the format, otherwise
 * it is detected. A file that already is a humanline flow is returned as parsed, or refused
 * with its first schema issue.
 */
export function importFlow(data: unknown, from?: ForeignFormat): ImportResult {
  const format = from ?? detectFormat(data);
  switch (format) {
    case 'twilio-studio':
      return importTwilioStudio(data);
    case 'amazon-connect':
      return importAmazonConnect(data);
    case 'humanline': {
      let parsed: ReturnType<typeof parseFlow>;
      try {
        parsed = parseFlow(data);
      } catch (error) {
        return { ok: false, format, message: `Not a valid humanline flow: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (parsed.ok) return { ok: true, format, flow: parsed.flow, findings: [] };
      return { ok: false, format, message: `Not a valid humanline flow: ${toFirstIssueText(parsed.issues)}` };
    }
    case undefined:
      return { ok: false, message: UNRECOGNISED_MESSAGE };
  }
}
