import type { z } from 'zod';
import { FlowNodeSchema, GotoNodeSchema, LanguageTagSchema, PromptSchema, TargetSchema, type NodeKind } from '../../../core/schema/flow.ts';
import { getDefaultPlaceholder } from './field-defaults.ts';
import { getPathDescription, getPathLabel, toItemLabel, toLabel } from './labels.ts';

// The inspector's form, read from the zod schema of a node's kind: a plain
// tree of fields the components render. Nothing here names a node field, so
// a field added to the schema shows up in the form without a change here.

export type Widget =
  /** `multiline` for prompt text; `format: 'url'` for z.url(), `'timezone'` for an IANA zone */
  | { type: 'text'; multiline: boolean; format?: 'url' | 'timezone' | 'flowId' }
  | { type: 'number'; min?: number; max?: number; integer: boolean }
  | { type: 'checkbox' }
  | { type: 'select'; options: string[] }
  /** a transition: the id of a node of this flow, or none */
  | { type: 'target' }
  /** a literal (the node's `kind`, a union's discriminator): shown by the form around it, not edited */
  | { type: 'constant'; value: unknown }
  | { type: 'list'; item: FormField; minItems?: number; maxItems?: number }
  | { type: 'tuple'; items: FormField[] }
  | { type: 'object'; fields: FormField[] }
  /** `keyIsLanguage`: keys are language tags (a prompt per language) */
  | { type: 'record'; key: FormField; value: FormField; keyIsLanguage: boolean }
  /** `discriminator`: the key whose literal tells the variants apart */
  | { type: 'union'; variants: Variant[]; discriminator?: string }
  /** what the walker does not know: edited as JSON text */
  | { type: 'json' };

export interface FormField {
  /** the field's key in its parent; `*` for a list item or a record value */
  key: string;
  /** dotted path from the form's root, `*` standing for any index or record key (`options.*.key`) */
  path: string;
  label: string;
  optional: boolean;
  description?: string;
  /** the value the runtime uses when the field is left out */
  placeholder?: string;
  widget: Widget;
}

export interface Variant {
  /** the switch's label: "one text", "per language", "audio", a discriminator value */
  label: string;
  /** the variant's own field, at the union's path */
  field: FormField;
}

export interface WalkOptions {
  /** the placeholder for a field path, e.g. a default from defaults.ts */
  getPlaceholder?: (path: string) => string | undefined;
  /** a label in a designer's words for a field path, where its key would not do */
  getLabel?: (path: string) => string | undefined;
  /** a description that replaces the schema's for a field path */
  getDescription?: (path: string) => string | undefined;
}

/** Schemas nest a few levels; a deeper one is edited as JSON rather than walked forever. */
const MAX_DEPTH = 12;

interface Walk extends WalkOptions {
  depth: number;
  /** strings directly under a prompt get a textarea */
  multiline: boolean;
}

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: z.ZodType): Def => schema._zod.def as unknown as Def;
type Check = { check: string; value?: number; minimum?: number; maximum?: number; inclusive?: boolean };
const checksOf = (schema: z.ZodType): Check[] => ((defOf(schema).checks as { _zod: { def: Check } }[] | undefined) ?? []).map((c) => c._zod.def);

/** The fields of an object schema, in the schema's order. */
export function toFormFields(schema: z.ZodObject, options: WalkOptions = {}): FormField[] {
  return objectFields(schema, [], { ...options, depth: 0, multiline: false });
}

function objectFields(schema: z.ZodObject, prefix: string[], walk: Walk): FormField[] {
  return Object.entries(schema.shape).map(([key, child]) => toField(child as z.ZodType, key, [...prefix, key], { ...walk, multiline: false }));
}

function toField(schema: z.ZodType, key: string, path: string[], walk: Walk): FormField {
  let inner = schema;
  let optional = false;
  const dotted = path.join('.');
  let description = walk.getDescription?.(dotted) ?? schema.description;
  // Wrappers only say whether the field may be left out; the widget comes from what they wrap.
  for (let def = defOf(inner); ['optional', 'default', 'nullable'].includes(def.type); def = defOf(inner)) {
    optional ||= def.type !== 'nullable';
    inner = def.innerType as z.ZodType;
    description ??= inner.description;
  }
  const placeholder = walk.getPlaceholder?.(dotted);
  const label = walk.getLabel?.(dotted) ?? (key === '*' ? toItemLabel(path) : toLabel(key));
  return {
    key,
    path: dotted,
    label,
    optional,
    ...(description !== undefined && { description }),
    ...(placeholder !== undefined && { placeholder }),
    widget: walk.depth > MAX_DEPTH ? { type: 'json' } : toWidget(inner, path, { ...walk, depth: walk.depth + 1 }),
  };
}

function toWidget(schema: z.ZodType, path: string[], walk: Walk): Widget {
  // By identity, as ../model/target-fields.ts finds transitions: every target is this one schema.
  if (schema === TargetSchema) return { type: 'target' };
  if (schema === PromptSchema) walk = { ...walk, multiline: true };
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      // a goto's flow is picked from the runtime's flows, by identity as targets are
      if (schema === GotoNodeSchema.shape.flow) return { type: 'text', multiline: false, format: 'flowId' };
      return { type: 'text', multiline: walk.multiline, ...(def.format === 'url' ? { format: 'url' as const } : isTimeZoneKey(path) && { format: 'timezone' as const }) };
    case 'number':
      return toNumberWidget(schema);
    case 'boolean':
      return { type: 'checkbox' };
    case 'enum':
      return { type: 'select', options: Object.values(def.entries as Record<string, string | number>).map(String) };
    case 'literal':
      return { type: 'constant', value: (def.values as unknown[])[0] };
    case 'object':
      return { type: 'object', fields: objectFields(schema as z.ZodObject, path, walk) };
    case 'array':
      return toListWidget(schema, def, path, walk);
    case 'tuple':
      return { type: 'tuple', items: (def.items as z.ZodType[]).map((item, i) => toField(item, String(i), [...path, String(i)], { ...walk, multiline: false })) };
    case 'record':
      return {
        type: 'record',
        key: toField(def.keyType as z.ZodType, '*', [...path, '*'], { ...walk, multiline: false }),
        value: toField(def.valueType as z.ZodType, '*', [...path, '*'], walk),
        keyIsLanguage: def.keyType === LanguageTagSchema,
      };
    case 'union':
      return toUnionWidget(def, path, walk);
    default:
      return { type: 'json' };
  }
}

/** The schema checks a zone with a refinement the walker cannot see, so the key says it (hours conditions, calendars). */
const isTimeZoneKey = (path: readonly string[]) => /^(time_?zone|timezone)$/i.test(path.at(-1) ?? '');

function toNumberWidget(schema: z.ZodType): Widget {
  const widget: Extract<Widget, { type: 'number' }> = { type: 'number', integer: /int/.test(String(defOf(schema).format ?? '')) };
  for (const check of checksOf(schema)) {
    if (check.check === 'greater_than') widget.min = check.value;
    if (check.check === 'less_than') widget.max = check.value;
  }
  return widget;
}

function toListWidget(schema: z.ZodType, def: Def, path: string[], walk: Walk): Widget {
  const widget: Extract<Widget, { type: 'list' }> = { type: 'list', item: toField(def.element as z.ZodType, '*', [...path, '*'], { ...walk, multiline: false }) };
  for (const check of checksOf(schema)) {
    if (check.check === 'min_length') widget.minItems = check.minimum;
    if (check.check === 'max_length') widget.maxItems = check.maximum;
    if (check.check === 'length_equals') widget.minItems = widget.maxItems = check.value;
  }
  return widget;
}

function toUnionWidget(def: Def, path: string[], walk: Walk): Widget {
  const discriminator = typeof def.discriminator === 'string' ? def.discriminator : undefined;
  const fields = (def.options as z.ZodType[]).map((option) => ({ ...toField(option, path.at(-1) ?? '', path, walk), optional: false }));
  const labels = fields.map((field) => getVariantLabel(field, discriminator));
  const variants = fields.map((field, i) => ({
    // Two variants of one shape (two object variants, say) still need labels a person can tell apart.
    label: labels.indexOf(labels[i]!) === i && labels.lastIndexOf(labels[i]!) === i ? labels[i]! : `${labels[i]} ${i + 1}`,
    field,
  }));
  return { type: 'union', variants, ...(discriminator !== undefined && { discriminator }) };
}

function getVariantLabel(field: FormField, discriminator: string | undefined): string {
  const { widget } = field;
  switch (widget.type) {
    case 'text':
      return widget.multiline ? 'one text' : 'text';
    case 'number':
      return 'number';
    case 'checkbox':
      return 'yes/no';
    case 'list':
    case 'tuple':
      return 'list';
    case 'record':
      return widget.keyIsLanguage ? 'per language' : 'per key';
    case 'object': {
      const tag = widget.fields.find((f) => f.key === discriminator)?.widget;
      if (tag?.type === 'constant') return String(tag.value);
      // An object variant is named by its first field: `{ audio, seconds }` is "audio", `{ sip }` is "sip".
      return widget.fields[0]?.key ?? 'object';
    }
    default:
      return widget.type;
  }
}

const NODE_FORMS = new Map<string, FormField[]>();

/** The form of a node kind: its schema's fields (`kind` as a constant), defaults from defaults.ts as placeholders. */
export function getNodeForm(kind: NodeKind): FormField[] {
  const cached = NODE_FORMS.get(kind);
  if (cached) return cached;
  const schema = FlowNodeSchema.options.find((option) => option.shape.kind.value === kind);
  const fields = schema ? toFormFields(schema, {
        getPlaceholder: (path) => getDefaultPlaceholder(kind, path),
        getLabel: (path) => getPathLabel(kind, path),
        getDescription: (path) => getPathDescription(kind, path),
      }) : [];
  NODE_FORMS.set(kind, fields);
  return fields;
}
