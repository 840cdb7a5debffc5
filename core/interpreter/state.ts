import { DEFAULTS } from '../schema/defaults.ts';
import type { Flow, FlowNode } from '../schema/flow.ts';
import type { CallInfo, CallState, GuardReason, RunOptions } from './types.ts';
import { keepLatestInputs } from './whisper.ts';

/** `at` while the guard dials the fallback number: `#` cannot start a node id, so no flow can clash. */
export const FALLBACK_AT = '#fallback';

/** Variable values a call can hold. */
export type Value = CallState['variables'][string];

/** The node with this id, or undefined; own keys only, so `toString` or `__proto__` name no node. */
export function getNode(flow: Flow, id: string): FlowNode | undefined {
  return Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined;
}

export function getDefaultLanguage(flow: Flow): string {
  return flow.settings?.defaultLanguage ?? flow.settings?.languages?.[0] ?? DEFAULTS.language;
}

/** The languages a `set` may switch the caller to. */
export function getLanguages(flow: Flow): string[] {
  return flow.settings?.languages ?? [getDefaultLanguage(flow)];
}

/** The declared language a `set` of `language` to `value` switches the caller to, matched as tags are (case aside); undefined for any other value. */
export function findLanguage(flow: Flow, value: string): string | undefined {
  return getLanguages(flow).find((tag) => tag.toLowerCase() === value.toLowerCase());
}

export function getVariable(state: CallState, name: string): Value | undefined {
  return Object.hasOwn(state.variables, name) ? state.variables[name] : undefined;
}

/** Assigning `__proto__` on a plain object would swap its prototype instead of storing a value. */
export function setVariable(state: CallState, name: string, value: Value): void {
  if (name !== '__proto__') state.variables[name] = value;
}

export function createCallState(flow: Flow, caller: CallInfo, options: RunOptions): CallState {
  return {
    callSid: caller.callSid,
    flowVersion: options.flowVersion,
    at: undefined,
    seq: 0,
    attempts: { noInput: 0, noMatch: 0 },
    steps: 0,
    visits: {},
    variables: {},
    language: getDefaultLanguage(flow),
    trail: [],
    reached: 'none',
    caller: { ...caller },
  };
}

const REACHED = ['none', 'followUp', 'person'] as const;
const GUARDS: GuardReason[] = ['steps', 'menuVisits', 'loop', 'unknownNode', 'error'];

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own entries of `value` whose values pass `keep`, as a fresh object (never `__proto__`). */
function copyRecord<T>(value: unknown, keep: (v: unknown) => v is T): Record<string, T> {
  const copy: Record<string, T> = {};
  if (!isObject(value)) return copy;
  for (const [key, v] of Object.entries(value)) if (key !== '__proto__' && keep(v)) copy[key] = v;
  return copy;
}

const isValue = (v: unknown): v is Value => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * A fresh, well-formed copy of a stored state: the interpreter works on it and
 * never touches the caller's object. A store may hand back anything, so every
 * field is checked and missing ones get their starting values.
 */
export function copyCallState(flow: Flow, state: unknown): CallState {
  const s = isObject(state) ? state : {};
  const attempts = isObject(s.attempts) ? s.attempts : {};
  const copy: CallState = {
    callSid: typeof s.callSid === 'string' ? s.callSid : '',
    flowVersion: typeof s.flowVersion === 'string' ? s.flowVersion : '',
    at: typeof s.at === 'string' ? s.at : undefined,
    seq: count(s.seq),
    attempts: { noInput: count(attempts.noInput), noMatch: count(attempts.noMatch) },
    steps: count(s.steps),
    visits: copyRecord(s.visits, isCount),
    variables: copyRecord(s.variables, isValue),
    language: typeof s.language === 'string' ? s.language : getDefaultLanguage(flow),
    trail: Array.isArray(s.trail) ? s.trail.filter(isString) : [],
    reached: REACHED.find((r) => r === s.reached) ?? 'none',
    caller: { ...copyRecord(s.caller, isString), callSid: typeof s.callSid === 'string' ? s.callSid : '' } as CallInfo,
  };
  if (isObject(s.caller) && typeof s.caller.callSid === 'string') copy.caller.callSid = s.caller.callSid;
  const guard = GUARDS.find((g) => g === s.guard);
  if (guard) copy.guard = guard;
  if (s.ended === 'hangup' || s.ended === 'unconnected') copy.ended = s.ended;
  if (typeof s.lastPerson === 'string') copy.lastPerson = s.lastPerson;
  if (isObject(s.pinned)) copy.pinned = copyRecord(s.pinned, isString);
  if (isObject(s.inputs)) copy.inputs = keepLatestInputs(copyRecord(s.inputs, isString));
  return copy;
}
