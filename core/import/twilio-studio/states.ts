import type { ImportFindings } from '../findings.ts';
import { getOwn, isRecord, readArray, readRecord, readString, readText, type JsonRecord } from '../json-shape.ts';

/** One condition of a `split-based-on` transition, e.g. `equal_to "1"` on `{{widgets.menu.Digits}}`. */
export interface StudioCondition {
  type: string;
  value: string;
  /** what the condition tests, when the export names it (`{{widgets.menu.Digits}}`) */
  argument: string | undefined;
}

/**
 * A transition as the export holds it (`{ event, next, conditions }`), read through
 * `getEvent`, `getNext` and `readConditions`: a 100,000-widget export then makes no object per
 * transition, where copies of them all lived through the whole import.
 */
export type StudioTransition = JsonRecord;

/** The transition's event; `''` when it has none. */
export function getEvent(transition: StudioTransition): string {
  const event = Object.hasOwn(transition, 'event') ? transition.event : undefined;
  return typeof event === 'string' ? event : '';
}

/** Name of the widget the call goes to; the raw value, checked where it is resolved. */
export function getNext(transition: StudioTransition): unknown {
  return Object.hasOwn(transition, 'next') ? transition.next : undefined;
}

/** A Studio widget, read leniently from the export's `states`. */
export interface StudioState {
  name: string;
  type: string;
  transitions: readonly StudioTransition[];
  properties: JsonRecord;
}

/** Reads the `states` array; entries without a name cannot be routed to and are skipped with a finding. */
export function readStudioStates(states: unknown[], findings: ImportFindings): StudioState[] {
  const read: StudioState[] = [];
  states.forEach((state, index) => {
    const name = readText(getOwn(state, 'name'));
    if (name === undefined) {
      findings.warn(undefined, `states[${index}] has no name, so nothing can route to it: skipped`);
      return;
    }
    read.push(toStudioState(state as JsonRecord, name));
  });
  return read;
}

/**
 * The export's own widget object where it has the shape of one already, as in any real export;
 * a copy otherwise. A copy of every widget was 100,000 objects kept to the end of the import.
 */
function toStudioState(state: JsonRecord, name: string): StudioState {
  const type = getOwn(state, 'type');
  const rawTransitions = getOwn(state, 'transitions');
  const properties = getOwn(state, 'properties');
  const transitions = readTransitions(rawTransitions);
  if (state.name === name && typeof type === 'string' && transitions === rawTransitions && isRecord(properties)) return state as unknown as StudioState;
  return { name, type: readString(type) ?? '', transitions, properties: readRecord(properties) };
}

/** The export's own array where every entry is an object, as in any real export: nothing is copied. */
function readTransitions(value: unknown): readonly StudioTransition[] {
  if (!Array.isArray(value)) return NO_TRANSITIONS;
  for (const transition of value) if (!isRecord(transition)) return value.filter(isRecord);
  return value as StudioTransition[];
}

/** Shared by every widget without transitions and every transition without conditions: none is ever added to. */
const NO_TRANSITIONS: readonly StudioTransition[] = [];
const NO_CONDITIONS: readonly StudioCondition[] = [];

/** The transition's conditions, read where they are tested: most transitions have none. */
export function readConditions(transition: StudioTransition): readonly StudioCondition[] {
  const value = getOwn(transition, 'conditions');
  if (!Array.isArray(value) || value.length === 0) return NO_CONDITIONS;
  const conditions: StudioCondition[] = [];
  for (const condition of value) if (isRecord(condition)) conditions.push(toStudioCondition(condition));
  return conditions;
}

/** The transition's one condition; undefined when it has none or several. Reads no array of them. */
export function readOnlyCondition(transition: StudioTransition): StudioCondition | undefined {
  const value = getOwn(transition, 'conditions');
  if (!Array.isArray(value)) return undefined;
  let only: JsonRecord | undefined;
  for (const condition of value) {
    if (!isRecord(condition)) continue;
    if (only !== undefined) return undefined;
    only = condition;
  }
  return only === undefined ? undefined : toStudioCondition(only);
}

function toStudioCondition(condition: JsonRecord): StudioCondition {
  const raw = getOwn(condition, 'value');
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '';
  const argument = readString(readArray(getOwn(condition, 'arguments'))[0]);
  return { type: readString(getOwn(condition, 'type')) ?? '', value: text, argument };
}

/** The `next` of the first transition with this event, as a name. */
export function getEventTarget(state: StudioState, event: string): unknown {
  for (const transition of state.transitions) if (getEvent(transition) === event) return getNext(transition);
  return undefined;
}

/** `{{widgets.menu.Digits}}` → `widgets.menu.Digits`; filters such as `| downcase` are dropped. */
export function toLiquidVariable(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // most are one bare variable (`{{widgets.menu.Digits}}`): sliced out, with no match array and captures per split test
  if (isBareLiquidVariable(text)) return text.slice(2, -2);
  const match = text.match(/^\s*\{\{\s*([^{}|]+?)\s*(\|[^{}]*)?\}\}\s*$/);
  return match?.[1];
}

/** `{{` and `}}` around one or more printable ASCII characters other than space, `{`, `}` and `|`: what the pattern above reads as its whole variable. */
function isBareLiquidVariable(text: string): boolean {
  const end = text.length - 2;
  if (end <= 2 || !text.startsWith('{{') || !text.endsWith('}}')) return false;
  for (let index = 2; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code <= 0x20 || code >= 0x7f || code === 0x7b || code === 0x7c || code === 0x7d) return false;
  }
  return true;
}
