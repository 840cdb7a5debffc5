import type { ImportFindings } from '../findings.ts';
import { getOwn, isRecord, readArray, readRecord, readString, readText, type JsonRecord } from '../json-shape.ts';

export interface ConnectCondition {
  operator: string;
  operands: string[];
  /** the raw NextAction, resolved by ConnectRoutes */
  next: unknown;
}

export interface ConnectError {
  errorType: string;
  next: unknown;
}

/** One action (block) of a Connect flow, read leniently. */
export interface ConnectAction {
  identifier: string;
  type: string;
  parameters: JsonRecord;
  next: unknown;
  conditions: ConnectCondition[];
  errors: ConnectError[];
  /** `Metadata.ActionMetadata[identifier]`: position and display names of ARNs */
  metadata: JsonRecord;
}

/** Reads `Actions`; an action without an Identifier cannot be routed to and is skipped with a finding. */
export function readConnectActions(actions: unknown[], metadata: unknown, findings: ImportFindings): ConnectAction[] {
  const actionMetadata = getOwn(metadata, 'ActionMetadata');
  // a loop, not flatMap: no array per action on a 10,000-action export
  const read: ConnectAction[] = [];
  for (let index = 0; index < actions.length; index++) {
    const action = actions[index];
    const identifier = readText(getOwn(action, 'Identifier'));
    if (identifier === undefined) {
      findings.warn(undefined, `Actions[${index}] has no Identifier, so nothing can route to it: skipped`);
      continue;
    }
    const transitions = getOwn(action, 'Transitions');
    read.push({
      identifier,
      type: readString(getOwn(action, 'Type')) ?? '',
      parameters: readRecord(getOwn(action, 'Parameters')),
      next: getOwn(transitions, 'NextAction'),
      conditions: readConditions(getOwn(transitions, 'Conditions')),
      errors: readErrors(getOwn(transitions, 'Errors')),
      metadata: readRecord(getOwn(actionMetadata, identifier)),
    });
  }
  return read;
}

// Loops rather than filter and map: one array per list instead of two on a 10,000-action export.
function readConditions(value: unknown): ConnectCondition[] {
  const conditions: ConnectCondition[] = [];
  if (!Array.isArray(value)) return conditions;
  for (const condition of value) {
    if (!isRecord(condition)) continue;
    const test = getOwn(condition, 'Condition');
    const operands: string[] = [];
    for (const operand of readArray(getOwn(test, 'Operands'))) operands.push(typeof operand === 'string' ? operand : JSON.stringify(operand) ?? '');
    conditions.push({ operator: readString(getOwn(test, 'Operator')) ?? '', operands, next: getOwn(condition, 'NextAction') });
  }
  return conditions;
}

function readErrors(value: unknown): ConnectError[] {
  const errors: ConnectError[] = [];
  if (!Array.isArray(value)) return errors;
  for (const error of value) {
    if (isRecord(error)) errors.push({ errorType: readString(getOwn(error, 'ErrorType')) ?? '', next: getOwn(error, 'NextAction') });
  }
  return errors;
}

/** The console's name for an ARN parameter (`Basic Queue` for a QueueId), when the export keeps it. */
export function getDisplayName(action: ConnectAction, parameter: string): string | undefined {
  return readText(getOwn(getOwn(getOwn(action.metadata, 'parameters'), parameter), 'displayName'));
}

/** The last part of an ARN or path: `arn:...:function:lookup` → `lookup`. */
export function getArnName(arn: string): string {
  return arn.split(/[:/]/).filter((part) => part !== '').at(-1) ?? arn;
}
