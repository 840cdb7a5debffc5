import type { ImportFindings } from '../findings.ts';
import { getOwn, isRecord, readArray, readRecord, readString, readText, type JsonRecord } from '../json-shape.ts';

/** One condition of a `split-based-on` transition, e.g. `equal_to "1"` on `{{widgets.menu.Digits}}`. */
export interface StudioCondition {
  type: string;
  value: string;
  /** what the condition tests, when the export names it (`{{widgets.menu.Digits}}`) */
  argument: string | undefined;
}

export interface StudioTransition {
  event: string;
  /** name of the widget the call goes to; the raw value, checked where it is resolved */
  next: unknown;
  conditions: readonly StudioCondition[];
}

/** A Studio widget, read leniently from the export's `states`. */
export interface StudioState {
  name: string;
  type: string;
  transitions: StudioTransition[];
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
    const type = readString(getOwn(state, 'type')) ?? '';
    read.push({ name, type, transitions: readTransitions(getOwn(state, 'transitions')), properties: readRecord(getOwn(state, 'properties')) });
  });
  return read;
}

// Loops rather than flatMap: a 100,000-widget export would otherwise allocate an array per transition and condition.
function readTransitions(value: unknown): StudioTransition[] {
  const transitions: StudioTransition[] = [];
  if (!Array.isArray(value)) return transitions;
  for (const transition of value) {
    if (!isRecord(transition)) continue;
    const event = readString(getOwn(transition, 'event')) ?? '';
    transitions.push({ event, next: getOwn(transition, 'next'), conditions: readConditions(getOwn(transition, 'conditions')) });
  }
  return transitions;
}

/** Shared by every transition without conditions, most of them: none is ever added to. */
const NO_CONDITIONS: readonly StudioCondition[] = [];

function readConditions(value: unknown): readonly StudioCondition[] {
  if (!Array.isArray(value) || value.length === 0) return NO_CONDITIONS;
  const conditions: StudioCondition[] = [];
  for (const condition of value) {
    if (!isRecord(condition)) continue;
    const raw = getOwn(condition, 'value');
    const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '';
    const argument = readString(readArray(getOwn(condition, 'arguments'))[0]);
    conditions.push({ type: readString(getOwn(condition, 'type')) ?? '', value: text, argument });
  }
  return conditions;
}

/** The `next` of the first transition with this event, as a name. */
export function getEventTarget(state: StudioState, event: string): unknown {
  return state.transitions.find((transition) => transition.event === event)?.next;
}

/** `{{widgets.menu.Digits}}` → `widgets.menu.Digits`; filters such as `| downcase` are dropped. */
export function toLiquidVariable(text: string | undefined): string | undefined {
  const match = text?.match(/^\s*\{\{\s*([^{}|]+?)\s*(\|[^{}]*)?\}\}\s*$/);
  return match?.[1];
}
