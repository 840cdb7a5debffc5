import type { ImportFindings } from '../findings.ts';
import { getOwn, readRecord, readString, readText, type JsonRecord } from '../json-shape.ts';

/** One action (block) of a Connect flow, read leniently. */
export interface ConnectAction {
  identifier: string;
  type: string;
  parameters: JsonRecord;
  /** `Transitions` as the export has it: ConnectRoutes reads it once every action has its node id */
  transitions: unknown;
  /** `Metadata.ActionMetadata[identifier]`: position and display names of ARNs */
  metadata: JsonRecord;
}

/**
 * Reads `Actions`; an action without an Identifier cannot be routed to and is skipped with a finding.
 * Each action outlives the whole import, so it holds references into the export, not copies.
 */
export function readConnectActions(actions: unknown[], metadata: unknown, findings: ImportFindings): ConnectAction[] {
  const actionMetadata = readRecord(getOwn(metadata, 'ActionMetadata'));
  // a loop, not flatMap: no array per action on a 10,000-action export
  const read: ConnectAction[] = [];
  for (let index = 0; index < actions.length; index++) {
    const action = actions[index];
    const identifier = readText(getOwn(action, 'Identifier'));
    if (identifier === undefined) {
      findings.warn(undefined, `Actions[${index}] has no Identifier, so nothing can route to it: skipped`);
      continue;
    }
    read.push({
      identifier,
      type: readString(getOwn(action, 'Type')) ?? '',
      parameters: readRecord(getOwn(action, 'Parameters')),
      transitions: getOwn(action, 'Transitions'),
      metadata: readRecord(getOwn(actionMetadata, identifier)),
    });
  }
  return read;
}

/** The console's name for an ARN parameter (`Basic Queue` for a QueueId), when the export keeps it. */
export function getDisplayName(action: ConnectAction, parameter: string): string | undefined {
  return readText(getOwn(getOwn(getOwn(action.metadata, 'parameters'), parameter), 'displayName'));
}

/** The last part of an ARN or path: `arn:...:function:lookup` → `lookup`. */
export function getArnName(arn: string): string {
  return arn.split(/[:/]/).filter((part) => part !== '').at(-1) ?? arn;
}
