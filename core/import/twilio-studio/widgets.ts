import type { NodeOfKind } from '../../schema/flow.ts';
import { addConditionChain, type ChainBranch, type ChainTest } from '../condition-chain.ts';
import { toE164, toInteger, toPrompt } from '../field-values.ts';
import type { ImportContext } from '../import-context.ts';
import { isCallerOwnNumber, type StudioContext } from './liquid.ts';
import { getSourceLabel, toSourceLabel } from '../node-ids.ts';
import { getOwn, readArray, readFlag, readNumber, readString, readText } from '../json-shape.ts';
import { addOutcomePlaceholder } from '../outcome-placeholder.ts';
import { toAssignments } from '../assignments.ts';
import { routeEvents } from './event-routes.ts';
import { addTwimlRedirect, makeHttpRequest, runFunction } from './http-widgets.ts';
import { getTestedVariable, toStudioTest } from './split-tests.ts';
import { runSubflow } from './subflow.ts';
import { getEvent, getEventTarget, getNext, readConditions, toLiquidVariable, type StudioCondition, type StudioState } from './states.ts';

/** Maps one Studio widget to the node (or nodes) with id `id`. */
export type WidgetMapper = (ctx: StudioContext, id: string, state: StudioState) => void;

const labelOf = (id: string, state: StudioState) => getSourceLabel(id, state.name);

// Each widget type's events by the field of our node that takes them: built once, not per widget.
const SAY_PLAY_EVENTS = { audioComplete: 'next' } as const;
const SET_VARIABLES_EVENTS = { next: 'next' } as const;
const CONNECT_CALL_TO_EVENTS = { callCompleted: 'answered', hangup: null, callFailed: 'failed', failed: 'failed', busy: 'busy', noAnswer: 'noAnswer', 'no-answer': 'noAnswer' } as const;
const ENQUEUE_EVENTS = { callComplete: 'answered', failedToEnqueue: 'full', callFailure: 'full' } as const;
const RECORD_VOICEMAIL_EVENTS = { recordingComplete: 'next', noAudio: 'next', hangup: null } as const;

// Nodes below are built as one literal of their leading fields, the optional ones after them
// assigned in the schema's order: a spread built a throwaway object per optional field.

const sayPlay: WidgetMapper = (ctx, id, state) => {
  const { next } = routeEvents(ctx, id, state, SAY_PLAY_EVENTS, 'next');
  const prompt = toPrompt(ctx, id, { text: readText(state.properties.say), audioUrl: readText(state.properties.play), missing: () => `say-play "${state.name}" has no say or play` });
  const label = toSourceLabel(id, state.name);
  const node: NodeOfKind<'say'> = label === undefined ? { kind: 'say', prompt } : { kind: 'say', label, prompt };
  if (next !== undefined) node.next = next;
  ctx.nodes.set(id, node);
};

const setVariables: WidgetMapper = (ctx, id, state) => {
  const { next } = routeEvents(ctx, id, state, SET_VARIABLES_EVENTS, 'next');
  const entries: Array<[string, unknown]> = [];
  for (const variable of readArray(state.properties.variables)) {
    const key = readText(getOwn(variable, 'key'));
    if (key === undefined) ctx.findings.warn(id, `a variable of set-variables "${state.name}" has no key: skipped`);
    else entries.push([key, getOwn(variable, 'value') ?? '']);
  }
  const assign = toAssignments(ctx, id, entries);
  const label = toSourceLabel(id, state.name);
  const node: NodeOfKind<'set'> = label === undefined ? { kind: 'set', assign } : { kind: 'set', label, assign };
  if (next !== undefined) node.next = next;
  ctx.nodes.set(id, node);
};

/** `to` of a connect-call-to: its `noun` says whether it dials a number, a SIP address or a client. */
function dialTarget(ctx: ImportContext, id: string, state: StudioState): NodeOfKind<'transfer'>['to'] {
  const props = state.properties;
  const noun = readString(props.noun) ?? 'number';
  const to = readText(props.to) ?? '';
  if (noun === 'sip') {
    const endpoint = readText(props.sip_endpoint) ?? to;
    return { sip: /^sips?:/.test(endpoint) ? endpoint : `sip:${endpoint || state.name}` };
  }
  if (noun === 'client' && to !== '') return { client: to };
  // the numbers counted and the first E.164 one kept in one loop: split, trimmed, filtered and mapped, it was four arrays per widget
  let count = 0;
  let first: string | undefined;
  for (const part of to.split(',')) {
    const number = part.trim();
    if (number === '') continue;
    count++;
    first ??= toE164(number);
  }
  if (first !== undefined) {
    if (count > 1) ctx.findings.warn(id, `connect-call-to "${state.name}" rings ${count} numbers at once: only ${first} was kept`);
    return { number: first };
  }
  const client = to || state.name;
  ctx.findings.warn(id, `connect-call-to "${state.name}" dials "${to}" (${noun}), which is not a fixed E.164 number: kept as client "${client}"; set the real destination before publishing`);
  return { client };
}

const connectCallTo: WidgetMapper = (ctx, id, state) => {
  const on = routeEvents(ctx, id, state, CONNECT_CALL_TO_EVENTS, 'failed');
  // the caller hung up during the agent call: the call is over, so it only stands in for a missing callCompleted
  const hangup = ctx.target(id, getEventTarget(state, 'hangup'), 'event "hangup"');
  on.answered ??= hangup;
  // Studio takes callCompleted whatever the dial status (busy, no-answer, failed included) and
  // leaves telling them apart to a split on DialCallStatus: its target is every outcome's target
  const completedName = getEventTarget(state, 'callCompleted');
  const completed = typeof completedName === 'string' ? ctx.ids.get(completedName) : undefined;
  if (completed !== undefined) {
    on.busy ??= completed;
    on.noAnswer ??= completed;
    on.failed ??= completed;
  }
  const timeout = toInteger(readNumber(state.properties.timeout), 5, 600);
  const callerId = readText(state.properties.caller_id);
  const to = dialTarget(ctx, id, state);
  const label = toSourceLabel(id, state.name);
  // `on` comes last in the schema's order, after the optional fields: it is assigned last, so the literal lacks it
  const node = (label === undefined ? { kind: 'transfer', to } : { kind: 'transfer', label, to }) as NodeOfKind<'transfer'>;
  if (timeout !== undefined) node.timeout = timeout;
  // a transfer shows the caller's own number when it names none: left out here, the Liquid pass need not copy the node to drop it
  if (callerId !== undefined && !isCallerOwnNumber(callerId)) node.callerId = callerId;
  node.on = on;
  ctx.nodes.set(id, node);
};

/** enqueue-call and send-to-flex: a caller who is never enqueued meets a full queue. */
const enqueue: WidgetMapper = (ctx, id, state) => {
  const on = routeEvents(ctx, id, state, ENQUEUE_EVENTS, 'full');
  const props = state.properties;
  const queue = readText(props.queue_name) ?? (readText(props.workflow) !== undefined ? `Flex workflow ${readText(props.workflow)}` : undefined) ?? readText(props.workflow_sid) ?? state.name;
  const label = toSourceLabel(id, state.name);
  ctx.nodes.set(id, label === undefined ? { kind: 'queue', queue, on } : { kind: 'queue', label, queue, on });
};

const recordVoicemail: WidgetMapper = (ctx, id, state) => {
  const { next } = routeEvents(ctx, id, state, RECORD_VOICEMAIL_EVENTS, 'next');
  const maxLength = toInteger(readNumber(state.properties.max_length), 5, 600);
  const transcribe = readFlag(state.properties.transcribe);
  const prompt = 'Please leave a message after the tone.';
  ctx.findings.warn(id, `record-voicemail "${state.name}" plays no prompt of its own (Studio plays it in an earlier widget): given the placeholder prompt "${prompt}"`);
  const label = toSourceLabel(id, state.name);
  const node: NodeOfKind<'voicemail'> = label === undefined ? { kind: 'voicemail', prompt } : { kind: 'voicemail', label, prompt };
  if (maxLength !== undefined) node.maxLength = maxLength;
  if (transcribe !== undefined) node.transcribe = transcribe;
  if (next !== undefined) node.next = next;
  ctx.nodes.set(id, node);
};

/** A split test that cannot hold after import loses its route; a negated one always holds and takes it. */
function reportNeverTrue(ctx: ImportContext, id: string, state: StudioState, next: unknown, test: { negate?: boolean | undefined; never: string }, variable: string | undefined): void {
  const on = `split "${state.name}": the condition on ${variable !== undefined ? `{{${variable}}}` : 'its input'}`;
  const target = typeof next === 'string' ? `"${next}"` : 'nowhere';
  if (test.negate) ctx.findings.lose(id, `${on} always holds after import (${test.never}): the call always goes to ${target}, and the routes after it are never taken`);
  else ctx.findings.lose(id, `${on} can never be true after import (${test.never}): its route to ${target} is never taken`);
}

/** A split condition as a link of the chain, its notes reported; the chain reads only the test and whether it is negated. */
function toChainTest(ctx: StudioContext, id: string, state: StudioState, condition: StudioCondition, input: string | undefined, next: unknown): ChainTest {
  const test = toStudioTest(condition, input, ctx.liquid);
  if (test.note !== undefined) ctx.findings.warn(id, `split "${state.name}": ${test.note}`);
  if (test.never !== undefined) reportNeverTrue(ctx, id, state, next, { negate: test.negate, never: test.never }, getTestedVariable(condition, input));
  return test;
}

/** Every split a menu does not absorb is the environment deciding: a chain of conditions. */
const splitBasedOn: WidgetMapper = (ctx, id, state) => {
  const input = readString(state.properties.input);
  const branches: ChainBranch[] = [];
  for (const transition of state.transitions) {
    const event = getEvent(transition);
    if (event === 'noMatch') continue;
    const next = getNext(transition);
    const conditions = readConditions(transition);
    if (conditions.length === 0) {
      if (typeof next === 'string') ctx.findings.lose(id, `a "${event}" transition of split "${state.name}" has no condition: its route to "${next}" was dropped`);
      continue;
    }
    const tests: ChainTest[] = [];
    for (const condition of conditions) tests.push(toChainTest(ctx, id, state, condition, input, next));
    branches.push({ tests, target: ctx.target(id, next, 'a match of split', state.name) });
  }
  const elseTarget = ctx.target(id, getEventTarget(state, 'noMatch'), 'no match of split', state.name);
  const variable = toLiquidVariable(input) ?? 'input';
  addConditionChain(ctx, id, branches, elseTarget, { ...labelOf(id, state), emptyTest: { type: 'variable', variable, op: 'exists' } });
};

/**
 * The Studio widgets this importer maps; gathers and triggers are handled by the flow importer.
 * A Map: looked up once per widget by the export's own type string, which an object's keyed
 * look-up first finds in V8's string table, and with no prototype to guard against.
 */
export const STUDIO_WIDGETS: ReadonlyMap<string, WidgetMapper> = new Map([
  ['add-twiml-redirect', addTwimlRedirect],
  ['connect-call-to', connectCallTo],
  ['enqueue-call', enqueue],
  ['make-http-request', makeHttpRequest],
  ['record-voicemail', recordVoicemail],
  ['run-function', runFunction],
  ['run-subflow', runSubflow],
  ['say-play', sayPlay],
  ['send-to-flex', enqueue],
  ['set-variables', setVariables],
  ['split-based-on', splitBasedOn],
]);

/** A widget of a type we do not know keeps its transitions, so nothing routed through it is lost. */
export const addUnknownWidget: WidgetMapper = (ctx, id, state) => {
  const outcomes = state.transitions.map((transition) => {
    const event = getEvent(transition);
    return { label: event, target: ctx.target(id, getNext(transition), 'event', event) };
  });
  const type = state.type === '' ? 'no type' : `type "${state.type}"`;
  ctx.findings.warn(id, `widget "${state.name}" of ${type} has no humanline counterpart: imported as a placeholder that keeps its ${outcomes.length} transition${outcomes.length === 1 ? '' : 's'}`);
  addOutcomePlaceholder(ctx, id, `Twilio Studio widget "${state.name}" (${state.type || 'no type'})`, outcomes, labelOf(id, state).label);
};

