import type { FlowNode } from '../../schema/flow.ts';
import type { ImportContext } from '../import-context.ts';
import type { FirstByName } from '../node-ids.ts';
import { getOwn, readArray, readText, setOwn, type JsonRecord } from '../json-shape.ts';
import { getEventTarget, type StudioState } from './states.ts';

// Studio's Liquid (`{{trigger.call.From}}`, `{{widgets.lookup.parsed.tier}}`, `{{flow.variables.x}}`)
// as the names humanline fills in: caller data, a look-up's saved answer, flow variables.

/** Studio's call data, by the caller field humanline holds it in. */
export const STUDIO_CALLER_FIELDS: Readonly<Record<string, 'callSid' | 'from' | 'to' | 'fromCountry' | 'fromState' | 'fromCity'>> = {
  'trigger.call.CallSid': 'callSid',
  'trigger.call.From': 'from',
  'trigger.call.To': 'to',
  'trigger.call.FromCountry': 'fromCountry',
  'trigger.call.FromState': 'fromState',
  'trigger.call.FromCity': 'fromCity',
  // on a voice call the contact is the caller and the flow's channel the number called
  'contact.channel.address': 'from',
  'flow.channel.address': 'to',
};

const CALLER_WORDS = 'caller data is trigger.call.From, To, CallSid, FromCountry, FromState and FromCity';

/** Widget types whose answer the imported http node saves under `widgets.<name>.parsed`. */
const LOOKUP_TYPES = new Set(['make-http-request', 'run-function']);

/** The import context of a Studio export: with what its Liquid can read. */
export interface StudioContext extends ImportContext {
  readonly liquid: LiquidScope;
}

/** What the imported flow saves that Liquid can read, known from the export before any widget maps. */
export interface LiquidScope {
  /** the widget of each name (the first, where names repeat) */
  byName: FirstByName<StudioState>;
  /** gathers imported as an input node, which keeps the entry in `widgets.<name>.Digits` */
  inputs: ReadonlySet<string>;
  /** the inputs among them that listen for speech too, keeping what was said in the same variable */
  listening: ReadonlySet<string>;
  /** keys some set-variables widget assigns */
  assigned: ReadonlySet<string>;
  /** the assigned keys that can hold something: not only ever set to what is always empty */
  variables: ReadonlySet<string>;
}

export function createLiquidScope(states: StudioState[], byName: FirstByName<StudioState>, isMenu: (gatherName: string) => boolean): LiquidScope {
  const inputs = new Set<string>();
  const speechTargets = new Map<string, string>();
  const assigned = new Map<string, unknown[]>();
  // forEach: a for-of over every widget made an iterator result per widget
  states.forEach((state) => {
    if (state.type === 'gather-input-on-call' && !isMenu(state.name)) {
      inputs.add(state.name);
      const onSpeech = getEventTarget(state, 'speech');
      if (typeof onSpeech === 'string' && onSpeech !== '') speechTargets.set(state.name, onSpeech);
    }
    if (state.type !== 'set-variables') return;
    for (const variable of readArray(state.properties.variables)) {
      const key = readText(getOwn(variable, 'key'));
      if (key === undefined) continue;
      const values = assigned.get(key) ?? [];
      values.push(getOwn(variable, 'value') ?? '');
      assigned.set(key, values);
    }
  });
  // An input listens for speech where its speech route names a widget of the export, as createGatherInput keeps it.
  const listening = new Set([...speechTargets].filter(([, target]) => byName.getFirst(target) !== undefined).map(([name]) => name));
  const scope = { byName, inputs, listening, variables: new Set(assigned.keys()), assigned: new Set(assigned.keys()) };
  // a variable set only to what is always empty is always empty too; each pass drops at least one, so this ends
  for (let changed = true; changed; ) {
    changed = false;
    for (const key of scope.variables) {
      if ((assigned.get(key) ?? []).every((value) => isAlwaysEmpty(value, scope))) {
        scope.variables.delete(key);
        changed = true;
      }
    }
  }
  return scope;
}

/** An assigned value that is nothing, or one Liquid output nothing in the imported flow holds. */
function isAlwaysEmpty(value: unknown, scope: LiquidScope): boolean {
  if (typeof value !== 'string') return false;
  if (value.trim() === '') return true;
  const expression = value.match(/^\s*\{\{([^{}]*)\}\}\s*$/)?.[1];
  const output = expression === undefined ? undefined : readLiquidOutput(expression);
  return output !== undefined && toLiquidName(output.path, scope).name === undefined;
}

/** Where an http widget's parsed answer is saved: the same name Liquid reads it by. */
export function toLookupSaveAs(state: StudioState): string | undefined {
  return LOOKUP_TYPES.has(state.type) ? `widgets.${state.name}.parsed` : undefined;
}

/** A Liquid path as a humanline name, or why nothing in the imported flow holds it. */
export type LiquidName = { name: string; problem?: undefined } | { name?: undefined; problem: string };

/** The names Studio's Liquid variables start with; anything else is always empty in Studio itself. */
const STUDIO_ROOTS = new Set(['trigger', 'widgets', 'flow', 'contact']);

export function toLiquidName(path: string, scope: LiquidScope): LiquidName {
  const caller = Object.hasOwn(STUDIO_CALLER_FIELDS, path) ? STUDIO_CALLER_FIELDS[path] : undefined;
  if (caller !== undefined) return { name: `caller.${caller}` };
  const [root, second, ...rest] = path.split('.');
  if (root === 'flow' && second === 'variables' && rest.length > 0) {
    const key = rest.join('.');
    if (scope.variables.has(key)) return { name: key };
    return { problem: scope.assigned.has(key) ? `set-variables only ever sets "${key}" to what is always empty` : `no set-variables widget sets "${key}"` };
  }
  // a name outside Studio's own (a typo, a variable never set) is empty in Studio as well: the export's fault, not the import's
  if (root === undefined || !STUDIO_ROOTS.has(root)) return { problem: `Studio has no variable "${path}" either, only trigger., widgets., flow. and contact. ones, so it is empty in Studio too` };
  if (root !== 'widgets' || second === undefined) return { problem: `humanline has no "${path}"; ${CALLER_WORDS}` };
  const type = scope.byName.getFirst(second)?.type;
  if (type === undefined) return { problem: `the export has no widget "${second}"` };
  const [field] = rest;
  if (LOOKUP_TYPES.has(type)) {
    return field === 'parsed' && rest.length > 1 ? { name: path } : { problem: `humanline keeps only the parsed answer of look-up "${second}"` };
  }
  if (type === 'gather-input-on-call') {
    // An input keeps what was said in its one variable, as Studio keeps SpeechResult.
    if (field === 'SpeechResult' && rest.length === 1 && scope.listening.has(second)) return { name: `widgets.${second}.Digits` };
    if (field !== 'Digits' || rest.length > 1) return { problem: `humanline keeps only the Digits of gather "${second}"` };
    return scope.inputs.has(second) ? { name: path } : { problem: `gather "${second}" became a menu, which keeps no Digits` };
  }
  return { problem: `${type} widget "${second}" saves nothing humanline keeps` };
}

/** `{{ path | filter }}` → its path and filters; undefined when it is not one path. */
export function readLiquidOutput(expression: string): { path: string; filters: string | undefined } | undefined {
  const match = expression.match(/^\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*(\|.*)?$/s);
  return match?.[1] === undefined ? undefined : { path: match[1], filters: match[2]?.trim() };
}

const LIQUID = /\{\{([^{}]*)\}\}|\{%[^{}]*?%\}/g;

/** A text with its Liquid as humanline placeholders, and what could not be carried over. */
export function toTemplate(text: string, scope: LiquidScope): { text: string; problems: string[] } {
  const problems: string[] = [];
  const mapped = text.replace(LIQUID, (whole: string, expression: string | undefined) => {
    if (expression === undefined) {
      problems.push(`the Liquid tag ${whole} is not evaluated: it stays in the text as written`);
      return whole;
    }
    const output = readLiquidOutput(expression);
    const reading = output === undefined ? { problem: 'it is no plain variable' } : toLiquidName(output.path, scope);
    if (reading.name === undefined) {
      problems.push(`${whole} cannot be evaluated (${reading.problem}): it is always empty`);
      return whole;
    }
    if (output?.filters !== undefined) problems.push(`the filter "${output.filters}" of ${whole} is not applied: humanline fills in the value as it is`);
    return `{{${reading.name}}}`;
  });
  return { text: mapped, problems };
}

/** Whether a field of a node is text humanline fills `{{name}}` placeholders in at run time: a recording's address is not. */
function isTemplated(path: string[]): boolean {
  const [first] = path;
  return (path.includes('prompt') && path.at(-1) !== 'audio') || first === 'assign' || (first === 'request' && path[1] !== 'method');
}

/** A caller id that is the caller's own number: a transfer shows that one when it names none. */
export function isCallerOwnNumber(text: string): boolean {
  const output = text.match(/^\s*\{\{([^{}]*)\}\}\s*$/)?.[1];
  const path = output === undefined ? undefined : readLiquidOutput(output)?.path;
  return path !== undefined && Object.hasOwn(STUDIO_CALLER_FIELDS, path) && STUDIO_CALLER_FIELDS[path] === 'from';
}

/** Where the Liquid pass puts a finding: held back by the pass until `finish`. */
interface LiquidFindings {
  warn(nodeId: string, message: string): void;
}

/**
 * Rewrites the Liquid in imported nodes' text as humanline placeholders, and reports by node and
 * field what cannot be evaluated. Conditions are left to the split mapper, which knows the
 * routes a test that never holds loses.
 */
export interface LiquidPass {
  /** Maps the node just set under `id`, while it is at hand: a pass over the 100,000-key node record afterwards enumerated every key and looked each up again. */
  map(id: string): void;
  /** Reports what the mapped nodes' Liquid lost, in the order they were mapped: after every widget's own findings, as a pass after the widgets reported them. */
  finish(): void;
}

export function createLiquidPass(ctx: ImportContext, scope: LiquidScope): LiquidPass {
  // one path stack for every node: a fresh one grew a backing store per node
  const path: FieldPath = { keys: [], depth: 0 };
  const pending: Array<{ nodeId: string; message: string }> = [];
  const findings: LiquidFindings = { warn: (nodeId, message) => pending.push({ nodeId, message }) };
  return {
    map(id) {
      const node = ctx.nodes.get(id);
      if (node === undefined || node.kind === 'condition') return;
      const mapped = mapValue(findings, id, node, path, scope) as FlowNode;
      if (mapped !== node) ctx.nodes.set(id, mapped);
    },
    finish() {
      for (const { nodeId, message } of pending) ctx.findings.warn(nodeId, message);
    },
  };
}

/**
 * The field a walk is in: `keys` up to `depth`, written in place. Pushed and popped, the array
 * dropped its backing store each time it emptied (after every field of every node) and the
 * next push allocated a new one.
 */
interface FieldPath {
  keys: string[];
  depth: number;
}

/**
 * `value` with its Liquid mapped; the same object where nothing changes, so a node without
 * Liquid is not copied. `path` is one stack the walk writes in place: a path array per field
 * of every node was most of this pass's garbage.
 */
function mapValue(findings: LiquidFindings, id: string, value: unknown, path: FieldPath, scope: LiquidScope): unknown {
  if (typeof value === 'string') {
    // one scan for the brace most strings lack, before the two for Liquid's openings
    if (!value.includes('{') || (!value.includes('{{') && !value.includes('{%'))) return value;
    const keys = path.keys.slice(0, path.depth);
    const field = keys.join('.');
    if (!isTemplated(keys)) {
      findings.warn(id, `${field}: humanline fills no placeholders in this field, so ${JSON.stringify(value)} is kept as written`);
      return value;
    }
    const { text, problems } = toTemplate(value, scope);
    for (const problem of problems) findings.warn(id, `${field}: ${problem}`);
    return text;
  }
  if (Array.isArray(value)) {
    let items: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      path.keys[path.depth++] = String(index);
      const mapped = mapValue(findings, id, item, path, scope);
      path.depth--;
      if (items === undefined && mapped !== item) items = value.slice(0, index);
      items?.push(mapped);
    }
    return items ?? value;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as JsonRecord;
    let copy: JsonRecord | undefined;
    // for-in reads through V8's enum cache: no key array per object; own keys come in Object.keys order
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const item = record[key];
      path.keys[path.depth++] = key;
      const mapped = mapValue(findings, id, item, path, scope);
      path.depth--;
      if (copy === undefined && mapped !== item) copy = copyKeysBefore(record, key);
      if (copy !== undefined) setOwn(copy, key, mapped);
    }
    return copy ?? value;
  }
  return value;
}

/**
 * A new record with the own keys of `record` that come before `stop`, in order: the start of a
 * copy, built key by key where an entries array, a pair per key and fromEntries were garbage.
 */
function copyKeysBefore(record: JsonRecord, stop: string): JsonRecord {
  const copy: JsonRecord = {};
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (key === stop) break;
    setOwn(copy, key, record[key]);
  }
  return copy;
}
