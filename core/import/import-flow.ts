import { toFirstIssueText } from '../schema/issue-text.ts';
import { parseFlow } from '../schema/parse.ts';
import { importAmazonConnect } from './amazon-connect.ts';
import { detectFormat } from './detect.ts';
import { createFlowLinks, type ExportFile, type ImportOptions } from './flow-links.ts';
import { toLineFlowId } from '../lint/line.ts';
import { importTwilioStudio } from './twilio-studio.ts';
import type { ForeignFormat, ImportResult } from './types.ts';

export const UNRECOGNISED_MESSAGE =
  'Unrecognised flow file: expected a humanline flow (entry, nodes), a Twilio Studio export (states) or an Amazon Connect flow (StartAction, Actions)';

/**
 * Converts an export into a humanline flow; never throws. `from` forces the format, otherwise
 * it is detected. A file that already is a humanline flow is returned as parsed, or refused
 * with its first schema issue. `options.links` resolves links to the other exports of a run.
 */
export function importFlow(data: unknown, from?: ForeignFormat, options: ImportOptions = {}): ImportResult {
  const format = from ?? detectFormat(data);
  switch (format) {
    case 'twilio-studio':
      return importTwilioStudio(data, options);
    case 'amazon-connect':
      return importAmazonConnect(data, options);
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

/** One export of a run and how it came out: `flowId` is the id its flow has in the run. */
export interface LineImport {
  file: string;
  flowId: string;
  result: ImportResult;
}

/**
 * Imports the exports of one run together: a link from one to another (Connect TransferToFlow,
 * Studio run-subflow) becomes a goto to that flow's id in the run, its file name without
 * `.json`; a link to a flow outside the run is reported by the importer.
 */
export function importLine(files: readonly ExportFile[]): LineImport[] {
  const links = createFlowLinks(files);
  return files.map(({ file, data, from }) => ({ file, flowId: toLineFlowId(file), result: importFlow(data, from, { links }) }));
}
