import { toLineFlowId } from '../lint/line.ts';
import { detectFormat } from './detect.ts';
import { getOwn, isRecord, readText } from './json-shape.ts';
import type { ForeignFormat } from './types.ts';

/**
 * The flow id, in this run, of the export a link names by any of `references` (an id, an ARN,
 * a name); undefined when no export of the run is that flow.
 */
export type FlowLinks = (references: readonly string[]) => string | undefined;

/** What an importer needs beyond the export itself. */
export interface ImportOptions {
  /** the other exports of the run, for links to them (Connect TransferToFlow, Studio run-subflow) */
  links?: FlowLinks;
  /**
   * false when the flow is only linted: the export's canvas positions are neither read nor kept
   * (no rule reads them, and a 100,000-widget export spent a tenth of its import on them)
   */
  canvas?: boolean;
}

/** One file of a run: its name gives its flow id (`toLineFlowId`); `from` forces its format. */
export interface ExportFile {
  file: string;
  data: unknown;
  from?: ForeignFormat | undefined;
}

/** Names and ids are matched without regard to case: Connect's console and its ARNs disagree on it. */
const toKey = (name: string): string => name.trim().toLowerCase();

/** The last part of an ARN: `arn:...:contact-flow/abc` → `abc`. */
export const toArnTail = (arn: string): string => arn.split(/[:/]/).filter((part) => part !== '').at(-1) ?? arn;

/**
 * The names and ids an export answers to, read from its top level only (a wrapped Connect
 * flow's Content is not parsed for this): Connect `Name`, `Id`, `Arn` (and its last part), the
 * bare flow's `Metadata.name`; Studio's `description` (its friendly name) and a `sid` if kept;
 * a humanline flow's `name`.
 */
function getExportNames(data: unknown): string[] {
  const format = detectFormat(data);
  const texts = (record: unknown, keys: string[]) => keys.map((key) => readText(getOwn(record, key))).filter((text) => text !== undefined);
  if (format === 'amazon-connect') {
    const inner = getOwn(data, 'ContactFlow');
    const wrapper = isRecord(inner) ? inner : data;
    const content = getOwn(wrapper, 'Content');
    const bare = isRecord(content) ? content : wrapper;
    const arn = readText(getOwn(wrapper, 'Arn'));
    return [...texts(wrapper, ['Name', 'Id', 'Arn']), ...(arn !== undefined ? [toArnTail(arn)] : []), ...texts(getOwn(bare, 'Metadata'), ['name'])];
  }
  if (format === 'twilio-studio') return texts(data, ['description', 'friendly_name', 'sid']);
  if (format === 'humanline') return texts(data, ['name']);
  return [];
}

/**
 * Links between the files of one run: a reference resolves to the flow id of the file it
 * names, by the export's own names and ids or by the file's flow id (a Studio export saved as
 * `<FlowSid>.json`). A name two files share is ambiguous, so it resolves to neither.
 */
export function createFlowLinks(files: readonly ExportFile[]): FlowLinks {
  const byName = new Map<string, string | null>();
  const byFlowId = new Map<string, string | null>();
  const add = (map: Map<string, string | null>, key: string, flowId: string) => {
    const known = map.get(key);
    map.set(key, known === undefined || known === flowId ? flowId : null);
  };
  for (const { file, data } of files) {
    const flowId = toLineFlowId(file);
    add(byFlowId, flowId, flowId);
    for (const name of getExportNames(data)) add(byName, toKey(name), flowId);
  }
  return (references) => {
    for (const reference of references) {
      const tail = toKey(toArnTail(reference));
      const found = byName.get(toKey(reference)) ?? byName.get(tail) ?? byFlowId.get(tail);
      if (found) return found;
    }
    return undefined;
  };
}
