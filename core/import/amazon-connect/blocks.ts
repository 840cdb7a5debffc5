import type { NodeOfKind } from '../../schema/flow.ts';
import { inRange, toE164, toInteger } from '../field-values.ts';
import type { ImportContext } from '../import-context.ts';
import { getSourceLabel, toSourceLabel } from '../node-ids.ts';
import { getOwn, isRecord, readNumber, readText } from '../json-shape.ts';
import { addOutcomePlaceholder } from '../outcome-placeholder.ts';
import { toAssignments } from '../assignments.ts';
import { getArnName, getDisplayName, type ConnectAction } from './actions.ts';
import { addComparison, addHoursCheck, addPercentageSplit, addTransferToFlow } from './decision-blocks.ts';
import type { ConnectCalendars } from './hours.ts';
import { addParticipantInput } from './input-blocks.ts';
import { getConnectPrompt } from './prompt.ts';
import type { ConnectRoutes } from './routes.ts';

/** What a block needs to know about the rest of the flow. */
export interface ConnectFlowInfo {
  /** the distinct queues set by UpdateContactTargetQueue blocks, by display name where the export has one, in flow order */
  workingQueues: string[];
  /** the flow's calendars, shared by its hours checks */
  calendars: ConnectCalendars;
}

/** Maps one block to the node (or nodes) with id `id`, taking the routes its node has exits for. */
type BlockMapper = (ctx: ImportContext, id: string, action: ConnectAction, routes: ConnectRoutes, flow: ConnectFlowInfo) => void;

const labelOf = (id: string, action: ConnectAction) => getSourceLabel(id, action.identifier);
const nextOf = (next: string | undefined) => (next !== undefined ? { next } : {});

// the common blocks build their node without spreading `{ label }` and `{ next }` objects into it:
// two objects and two copies per block of a 10,000-action export
const messageParticipant: BlockMapper = (ctx, id, action, routes) => {
  const label = toSourceLabel(id, action.identifier);
  const prompt = getConnectPrompt(ctx, id, action);
  const node: NodeOfKind<'say'> = label === undefined ? { kind: 'say', prompt } : { kind: 'say', label, prompt };
  const next = routes.take('next');
  if (next !== undefined) node.next = next;
  ctx.nodes.set(id, node);
  routes.reportUnused('say', true);
};

/** Update* blocks change contact data: a `set` of their parameters (contact attributes by name). */
const updateContact: BlockMapper = (ctx, id, action, routes) => {
  const attributes = action.parameters.Attributes;
  const source = action.type === 'UpdateContactAttributes' && isRecord(attributes) ? attributes : action.parameters;
  const assign = toAssignments(ctx, id, Object.entries(source));
  const label = toSourceLabel(id, action.identifier);
  const description = `Imported from Amazon Connect ${action.type}`;
  const node: NodeOfKind<'set'> = label === undefined ? { kind: 'set', description, assign } : { kind: 'set', label, description, assign };
  const next = routes.take('next');
  if (next !== undefined) node.next = next;
  ctx.nodes.set(id, node);
  routes.reportUnused('set', true);
};

const invokeFunction: BlockMapper = (ctx, id, action, routes) => {
  const arn = readText(action.parameters.LambdaFunctionARN) ?? readText(action.parameters.FunctionArn) ?? readText(action.parameters.ResourceId);
  const name = getDisplayName(action, 'LambdaFunctionARN') ?? (arn !== undefined ? getArnName(arn) : id);
  const url = `https://lambda.invalid/${encodeURIComponent(name)}`;
  ctx.findings.warn(id, `${action.type} "${name}" runs inside AWS, not over a URL humanline can call: imported as an http look-up of the placeholder ${url}`);
  const timeout = inRange(readNumber(action.parameters.InvocationTimeLimitSeconds), 0.1, 10);
  const ok = routes.take('next');
  const failed = routes.take('error:NoMatchingError') ?? routes.takeErrors().find((route) => route.target !== undefined)?.target;
  ctx.nodes.set(id, {
    kind: 'http', ...labelOf(id, action),
    request: { url, method: 'POST' },
    ...(timeout !== undefined ? { timeout } : {}),
    on: toHttpOutcomes(ok, failed),
  });
  routes.reportUnused('http');
};

/** A look-up that times out has failed, and Connect routes it the same way. */
function toHttpOutcomes(ok: string | undefined, failed: string | undefined): NodeOfKind<'http'>['on'] {
  const on: NodeOfKind<'http'>['on'] = {};
  if (ok !== undefined) on.ok = ok;
  if (failed !== undefined) {
    on.failed = failed;
    on.timeout = failed;
  }
  return on;
}

const transferToQueue: BlockMapper = (ctx, id, action, routes, flow) => {
  const queueId = readText(action.parameters.QueueId);
  const distinct = flow.workingQueues;
  let queue = getDisplayName(action, 'QueueId') ?? (queueId !== undefined ? getArnName(queueId) : distinct.length === 1 ? distinct[0] : undefined);
  if (queue === undefined) {
    queue = 'Amazon Connect working queue';
    ctx.findings.warn(id, `the queue is set elsewhere in Amazon Connect (${distinct.length > 1 ? `one of ${distinct.join(', ')}` : 'no Set working queue block in this flow'}): imported as queue "${queue}"`);
  }
  // a successful transfer leaves the flow; exports often repeat the error target in NextAction
  const next = routes.isErrorTarget(routes.all.find((route) => route.key === 'next')?.target) ? undefined : routes.take('next');
  let full = routes.take('error:QueueAtCapacity');
  for (const error of routes.takeErrors()) {
    if (error.target === undefined || error.target === full) continue;
    if (full === undefined) {
      full = error.target;
      ctx.findings.warn(id, `${error.label} of the queue transfer was mapped to queue full`);
    } else ctx.findings.lose(id, `${error.label} goes to "${error.target}", but queue full already goes to "${full}": the route was dropped`);
  }
  const on: NodeOfKind<'queue'>['on'] = {};
  if (next !== undefined) on.answered = next;
  if (full !== undefined) on.full = full;
  const label = toSourceLabel(id, action.identifier);
  ctx.nodes.set(id, label === undefined ? { kind: 'queue', queue, on } : { kind: 'queue', label, queue, on });
  routes.reportUnused('queue');
};

const transferToNumber: BlockMapper = (ctx, id, action, routes) => {
  const params = action.parameters;
  const raw = readText(params.ThirdPartyPhoneNumber) ?? readText(params.PhoneNumber) ?? '';
  const number = toE164(raw);
  if (number === undefined) ctx.findings.warn(id, `the transfer dials "${raw}", which is not a fixed E.164 number: kept as client "${raw || id}"; set the real destination before publishing`);
  const timeout = toInteger(readNumber(params.ThirdPartyConnectionTimeLimitSeconds), 5, 600);
  const callerId = readText(getOwn(params.CallerId, 'Number'));
  const answered = routes.take('next');
  const noAnswer = routes.take('error:ConnectionTimeLimitExceeded');
  let failed = routes.take('error:CallFailed', 'error:NoMatchingError');
  for (const error of routes.takeErrors()) {
    if (error.target === undefined || error.target === failed || error.target === noAnswer) continue;
    if (failed === undefined) {
      failed = error.target;
      ctx.findings.warn(id, `${error.label} of the transfer was mapped to failed`);
    } else ctx.findings.lose(id, `${error.label} goes to "${error.target}", but failed already goes to "${failed}": the route was dropped`);
  }
  ctx.nodes.set(id, {
    kind: 'transfer', ...labelOf(id, action),
    to: number !== undefined ? { number } : { client: raw || id },
    ...(timeout !== undefined ? { timeout } : {}),
    ...(callerId !== undefined ? { callerId } : {}),
    on: { ...(answered !== undefined ? { answered } : {}), ...(noAnswer !== undefined ? { noAnswer } : {}), ...(failed !== undefined ? { failed } : {}) },
  });
  routes.reportUnused('transfer');
};

const disconnect: BlockMapper = (ctx, id, action, routes) => {
  const label = toSourceLabel(id, action.identifier);
  ctx.nodes.set(id, label === undefined ? { kind: 'hangup' } : { kind: 'hangup', label });
  routes.reportUnused('hangup');
};

const createCallback: BlockMapper = (ctx, id, action, routes) => {
  const prompt = 'We will call you back as soon as an agent is free.';
  ctx.findings.warn(id, `CreateCallbackContact "${action.identifier}" plays no prompt of its own: given the placeholder prompt "${prompt}"`);
  const node: NodeOfKind<'callback'> = { kind: 'callback', ...labelOf(id, action), prompt, confirmNumber: true, ...nextOf(routes.take('next')) };
  ctx.nodes.set(id, node);
  routes.reportUnused('callback');
};

/** The Connect block types this importer maps, by the flow language's Type: a Map, as each type is a fresh string from the export, which an object key lookup would intern first. */
const CONNECT_BLOCKS: ReadonlyMap<string, BlockMapper> = new Map(Object.entries({
  CheckAttribute: addComparison,
  CheckHoursOfOperation: addHoursCheck,
  CheckMetricData: addComparison,
  Compare: addComparison,
  ConnectParticipantWithLexBot: addParticipantInput,
  CreateCallbackContact: createCallback,
  DisconnectParticipant: disconnect,
  DistributeByPercentage: addPercentageSplit,
  GetParticipantInput: addParticipantInput,
  GetUserInput: addParticipantInput,
  InvokeExternalResource: invokeFunction,
  InvokeLambdaFunction: invokeFunction,
  MessageParticipant: messageParticipant,
  TransferContactToQueue: transferToQueue,
  TransferParticipantToThirdParty: transferToNumber,
  TransferToFlow: addTransferToFlow,
  TransferToPhoneNumber: transferToNumber,
}));

/** An `Update…` block type: made once, as a regex literal is a new object each time it is evaluated. */
const UPDATE_BLOCK = /^Update[A-Z]/;

/** The mapper of a block type; every `Update…` block sets contact data. */
export function getBlockMapper(type: string): BlockMapper | undefined {
  return CONNECT_BLOCKS.get(type) ?? (UPDATE_BLOCK.test(type) ? updateContact : undefined);
}

/** A block of a type we do not know keeps its transitions, so nothing routed through it is lost. */
export const addUnknownBlock: BlockMapper = (ctx, id, action, routes) => {
  const outcomes = routes.all.map((route) => ({ label: route.outcome, target: route.target }));
  routes.dismiss();
  const type = action.type === '' ? 'no type' : `type "${action.type}"`;
  ctx.findings.warn(id, `action "${action.identifier}" of ${type} has no humanline counterpart: imported as a placeholder that keeps its ${outcomes.length} transition${outcomes.length === 1 ? '' : 's'}`);
  addOutcomePlaceholder(ctx, id, `Amazon Connect action "${action.identifier}" (${action.type || 'no type'})`, outcomes, toSourceLabel(id, action.identifier));
};
