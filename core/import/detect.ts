import { describeConnectFlowType } from './amazon-connect/flow-type.ts';
import { getConnectWrapper } from './amazon-connect/unwrap.ts';
import { getOwn, isRecord } from './json-shape.ts';
import { describeNonCallStudioFlow } from './twilio-studio.ts';
import type { SourceFormat } from './types.ts';

/**
 * The format of a parsed JSON file, by its shape: a humanline flow has `nodes` (an object);
 * a Studio export has `states` (an array); a Connect flow has `Actions` or `StartAction`, or is
 * wrapped as `{ Name, Type, Content }` (as the API and CloudFormation hold it) or
 * `{ ContactFlow: { ... } }` (DescribeContactFlow's answer). Undefined when none fits.
 */
export function detectFormat(data: unknown): SourceFormat | undefined {
  try {
    if (!isRecord(data)) return undefined;
    if (isRecord(getOwn(data, 'nodes'))) return 'humanline';
    if (Array.isArray(getOwn(data, 'states'))) return 'twilio-studio';
    if (Array.isArray(getOwn(data, 'Actions')) || typeof getOwn(data, 'StartAction') === 'string') return 'amazon-connect';
    const content = getOwn(data, 'Content');
    if (typeof content === 'string' || isRecord(content)) return 'amazon-connect';
    if (isRecord(getOwn(data, 'ContactFlow'))) return 'amazon-connect';
    return undefined;
  } catch {
    // a getter or proxy that throws is no format we know
    return undefined;
  }
}

/** `$schema` as the shipped flows and the designer write it: a path or URL ending in humanline's flow.schema.json. */
const FLOW_SCHEMA_REFERENCE = /(?:^|\/)flow\.schema\.json$/;

/**
 * Whether a JSON file found in a folder is a flow to judge: one naming humanline's flow schema,
 * one shaped as ours (`entry` and `nodes`, valid or not), or any format detectFormat knows.
 * Anything else in a repository (package.json, tsconfig.json) is not.
 */
export function isFlowDocument(data: unknown): boolean {
  try {
    if (!isRecord(data)) return false;
    const schema = getOwn(data, '$schema');
    if (typeof schema === 'string' && FLOW_SCHEMA_REFERENCE.test(schema)) return true;
    if (getOwn(data, 'entry') !== undefined && getOwn(data, 'nodes') !== undefined) return true;
    return detectFormat(data) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Why an export routes no caller, for a folder walk to skip it as it skips package.json: a Studio
 * flow no call starts (SMS, WhatsApp, the REST API), a Connect queue, hold or whisper flow.
 * Undefined for a flow that answers calls, broken or not, and for anything else.
 */
export function describeNonCallFlow(data: unknown): string | undefined {
  try {
    const format = detectFormat(data);
    if (format === 'twilio-studio') return describeNonCallStudioFlow(data);
    if (format !== 'amazon-connect') return undefined;
    // the wrapper's Type decides a wrapped export, so its Content string is not parsed a second time here
    const wrapper = getConnectWrapper(data);
    return describeConnectFlowType(wrapper, getOwn(wrapper, 'Content') ?? wrapper);
  } catch {
    // a getter or proxy that throws is judged, and reported, as what it claims to be
    return undefined;
  }
}
