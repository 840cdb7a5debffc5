import { getOwn, readText } from '../json-shape.ts';

/**
 * Connect's flow types that do not route a caller (ContactFlowType, as the console's metadata
 * spells it): they play while the caller waits, is on hold or is joined to an agent, or they
 * run outbound calls. What each does, for the sentence that says why there is nothing to check.
 */
const NON_ROUTING_TYPES: ReadonlyMap<string, string> = new Map([
  ['customerQueue', 'customer queue flow (it plays to callers waiting in a queue)'],
  ['customerHold', 'customer hold flow (it plays to callers on hold)'],
  ['customerWhisper', 'customer whisper flow (it plays to the caller as an agent joins)'],
  ['agentHold', 'agent hold flow (it plays to an agent on hold)'],
  ['agentWhisper', 'agent whisper flow (it plays to the agent as a call joins)'],
  ['outboundWhisper', 'outbound whisper flow (it plays as an outbound call connects)'],
  ['campaign', 'campaign flow (it runs outbound campaign calls)'],
]);

/** `CUSTOMER_QUEUE` (the API's spelling) → `customerQueue` (the console metadata's). */
function toMetadataSpelling(type: string): string {
  return /^[A-Z_]+$/.test(type) ? type.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) : type;
}

/**
 * What a Connect flow that routes no caller is, by its type (the wrapper's `Type` from the API or
 * CloudFormation, else the console metadata's `type` in `content`, the flow document); undefined
 * for an inbound, transfer or untyped flow (a flow module, an older export), which humanline judges.
 */
export function describeConnectFlowType(wrapper: unknown, content: unknown): string | undefined {
  const type = readText(getOwn(wrapper, 'Type')) ?? readText(getOwn(getOwn(content, 'Metadata'), 'type'));
  if (type === undefined) return undefined;
  const kind = NON_ROUTING_TYPES.get(toMetadataSpelling(type));
  return kind === undefined ? undefined : `an Amazon Connect ${kind}`;
}
