import { getNextFreeKey, type TargetChoice } from '../model/inspector-choices.ts';
import type { FormField, Variant, Widget } from './form-model.ts';

// Values of form fields: starting values for what the user adds, which variant
// of a union a value is, and copies with one change. Pure, and never mutating:
// the store keeps old flows as undo snapshots.

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the form needs of the flow around the node. */
export interface FormEnv {
  /** ids of the flow's nodes, for transition selects */
  nodeIds: readonly string[];
  /** the flow's nodes by label, with their kinds, for the Next picker */
  targets: readonly TargetChoice[];
  /** the flow's declared languages, offered as keys of a prompt per language */
  languages: readonly string[];
  defaultLanguage: string;
  /** ids of the runtime's flows, offered for a goto's flow */
  flowIds: readonly string[];
  /** the node the form edits; absent in the flow's own settings */
  nodeId?: string;
}

/** `object` with `key` set, or removed when `value` is undefined; other keys keep their order. */
export function withKey(object: JsonObject, key: string, value: unknown): JsonObject {
  if (value === undefined) {
    const { [key]: _removed, ...rest } = object;
    return rest;
  }
  return { ...object, [key]: value };
}

/** `object` with a key renamed in place, so the saved file changes only there. */
export function withRenamedKey(object: JsonObject, from: string, to: string): JsonObject {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key === from ? to : key, value]));
}

export function withItem(list: readonly unknown[], index: number, value: unknown): unknown[] {
  const copy = list.slice();
  copy[index] = value;
  return copy;
}

export function withoutItem(list: readonly unknown[], index: number): unknown[] {
  return list.filter((_, i) => i !== index);
}

/**
 * What a field starts as when the user adds it: the least the schema could
 * accept (an enum's first option, required fields filled in). Where no value
 * can be right yet ('' for a required text) the store refuses it and the form
 * keeps it as a draft until the user completes it.
 */
export function createEmptyValue(field: FormField, env?: Pick<FormEnv, 'defaultLanguage'>): unknown {
  const { widget } = field;
  switch (widget.type) {
    case 'text':
      return '';
    case 'number':
      return widget.min;
    case 'checkbox':
      return false;
    case 'select':
      // A phone key (a callback offer's) starts on 1, never on the operator key 0 the enum lists first.
      return isKeyChoice(widget.options) ? getNextFreeKey(widget.options, [], { operatorKey: false }) : widget.options[0];
    case 'constant':
      return widget.value;
    case 'list':
      return Array.from({ length: widget.minItems ?? 0 }, () => createEmptyValue(widget.item, env));
    case 'tuple':
      return widget.items.map((item) => createEmptyValue(item, env));
    case 'object':
      return createEmptyObject(widget.fields, env);
    case 'record':
      return {};
    case 'union':
      return widget.variants[0] ? createEmptyValue(widget.variants[0].field, env) : undefined;
    default:
      return undefined;
  }
}

/** Whether a select offers phone keys. */
const isKeyChoice = (options: readonly string[]) => options.includes('0') && options.includes('1') && options.includes('#');

/** A new row of a list: a row with a key (a menu option) takes the next key its siblings leave free. */
export function createListItem(item: FormField, list: readonly unknown[], env?: Pick<FormEnv, 'defaultLanguage'>): unknown {
  const value = createEmptyValue(item, env);
  const keyField = item.widget.type === 'object' ? item.widget.fields.find((field) => field.key === 'key') : undefined;
  if (keyField?.widget.type !== 'select' || !isKeyChoice(keyField.widget.options) || !isObject(value)) return value;
  const taken = list.flatMap((row) => (isObject(row) && typeof row.key === 'string' ? [row.key] : []));
  const key = getNextFreeKey(keyField.widget.options, taken);
  return key === undefined ? value : { ...value, key };
}

function createEmptyObject(fields: readonly FormField[], env?: Pick<FormEnv, 'defaultLanguage'>): JsonObject {
  const object: JsonObject = {};
  for (const field of fields) {
    if (field.optional) continue;
    const value = createEmptyValue(field, env);
    if (value !== undefined) object[field.key] = value;
  }
  return object;
}

const objectKeys = (widget: Widget): string[] => (widget.type === 'object' ? widget.fields.map((field) => field.key) : []);

/** Index of the variant `value` is, or -1 for no value. */
export function pickVariant(variants: readonly Variant[], value: unknown, discriminator?: string): number {
  if (value === undefined) return -1;
  const byType = (test: (widget: Widget) => boolean) => variants.findIndex((variant) => test(variant.field.widget));
  if (typeof value === 'string') return byType((w) => w.type === 'text' || w.type === 'select' || w.type === 'target');
  if (typeof value === 'number') return byType((w) => w.type === 'number');
  if (typeof value === 'boolean') return byType((w) => w.type === 'checkbox');
  if (Array.isArray(value)) return byType((w) => w.type === 'list' || w.type === 'tuple');
  if (!isObject(value)) return -1;
  if (discriminator !== undefined) {
    const tagged = variants.findIndex((variant) => {
      const tag = variant.field.widget.type === 'object' ? variant.field.widget.fields.find((f) => f.key === discriminator)?.widget : undefined;
      return tag?.type === 'constant' && tag.value === value[discriminator];
    });
    if (tagged >= 0) return tagged;
  }
  // An object variant when every key of the value is one of its fields; a record takes any keys.
  const keys = Object.keys(value);
  const shaped = keys.length > 0 ? byType((w) => w.type === 'object' && keys.every((key) => objectKeys(w).includes(key))) : -1;
  if (shaped >= 0) return shaped;
  const record = byType((w) => w.type === 'record');
  return record >= 0 ? record : byType((w) => w.type === 'object');
}

/**
 * The value after the user switched a union to `to`, keeping what carries over:
 * one text becomes the default language's text and back, and fields an object
 * variant shares with the next keep their values.
 */
export function convertToVariant(value: unknown, to: Variant, env: Pick<FormEnv, 'defaultLanguage'>): unknown {
  const { widget } = to.field;
  if (typeof value === 'string' && widget.type === 'record' && widget.keyIsLanguage) return value === '' ? {} : { [env.defaultLanguage]: value };
  if (isObject(value) && widget.type === 'text') {
    const text = value[env.defaultLanguage] ?? Object.values(value).find((item) => typeof item === 'string');
    return typeof text === 'string' ? text : '';
  }
  const empty = createEmptyValue(to.field, env);
  if (isObject(value) && isObject(empty) && widget.type === 'object') {
    // Not the discriminator: the constant of the variant switched to wins.
    const editable = widget.fields.filter((field) => field.widget.type !== 'constant').map((field) => field.key);
    const shared = Object.fromEntries(Object.entries(value).filter(([key]) => editable.includes(key)));
    return { ...empty, ...shared };
  }
  return empty;
}
