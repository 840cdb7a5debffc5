import type { ImportFindings } from '../findings.ts';
import { getOwn, readRecord, readString, readText, type JsonRecord } from '../json-shape.ts';

/** One action (block) of a Connect flow, read leniently. */
export class ConnectAction {
  private ownMetadata: JsonRecord | undefined;

  constructor(
    readonly identifier: string,
    readonly type: string,
    readonly parameters: JsonRecord,
    /** `Transitions` as the export has it: ConnectRoutes reads it once every action has its node id */
    readonly transitions: unknown,
    /** `Metadata.ActionMetadata`, the flow's: this action's entry is looked up when first asked for */
    private readonly actionMetadata: JsonRecord,
  ) {}

  /**
   * `Metadata.ActionMetadata[identifier]`: position and display names of ARNs. Looked up when a block
   * asks for them, as few do when only linting: a first look-up by an identifier from the export turns
   * the identifier into an object key, which cost about 0.3 us an action on a 10,000-action export.
   */
  get metadata(): JsonRecord {
    return (this.ownMetadata ??= readRecord(getOwn(this.actionMetadata, this.identifier)));
  }
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
    const type = readString(getOwn(action, 'Type')) ?? '';
    read.push(new ConnectAction(identifier, type, readRecord(getOwn(action, 'Parameters')), getOwn(action, 'Transitions'), actionMetadata));
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
