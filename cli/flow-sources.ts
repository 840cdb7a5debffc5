import { readFile } from 'node:fs/promises';
import { describeNonCallFlow, isFlowDocument } from '../core/import/index.ts';
import { readJsonFile } from '../runtime/flows/read-json-file.ts';
import type { FlowFile } from './collect-files.ts';

/** A flow file read and parsed, ready to judge. */
export interface FlowSource {
  displayPath: string;
  text: string;
  data: unknown;
}

/** Words only a flow's JSON holds: a file that does not parse but has them is a broken flow, not a tsconfig with comments. */
const FLOW_MARKERS = /"(?:nodes|states|Actions|StartAction|ContactFlow)"\s*:|flow\.schema\.json/;

/** Whether a file that is not JSON was meant as a flow. */
async function looksLikeBrokenFlow(absolutePath: string): Promise<boolean> {
  const text = await readFile(absolutePath, 'utf8').catch(() => '');
  return FLOW_MARKERS.test(text);
}

/**
 * Reads the flow files: a file found in a folder that is no flow (package.json,
 * tsconfig.json) or no phone flow (a Studio flow for SMS) is skipped with a note; a file
 * named on the command line is always judged.
 * `unreadable` holds one message per file that should have been a flow and could not be read.
 */
export async function readFlowSources(files: readonly FlowFile[], note?: (text: string) => void): Promise<{ sources: FlowSource[]; unreadable: string[] }> {
  const sources: FlowSource[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    const read = await readJsonFile(file.absolutePath, file.displayPath);
    if (read.ok) {
      // an SMS or chat flow beside the phone flows in a repository is no phone menu, as package.json is none
      const notCalls = file.isNamed ? undefined : describeNonCallFlow(read.data);
      if (notCalls !== undefined) note?.(`skipped ${file.displayPath}: ${notCalls}`);
      else if (file.isNamed || isFlowDocument(read.data)) sources.push({ displayPath: file.displayPath, text: read.text, data: read.data });
      else note?.(`skipped ${file.displayPath}: not a flow`);
    } else if (!file.isNamed && read.reason === 'invalid-json' && !(await looksLikeBrokenFlow(file.absolutePath))) {
      note?.(`skipped ${file.displayPath}: not a flow (not JSON)`);
    } else {
      unreadable.push(read.message);
    }
  }
  return { sources, unreadable };
}
