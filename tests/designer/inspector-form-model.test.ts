import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FlowNodeSchema, MenuOptionSchema, type NodeKind } from '../../core/schema/flow.ts';
import { getNodeForm, toFormFields, type FormField, type Widget } from '../../designer/src/inspector/form-model.ts';
import { convertToVariant, createEmptyValue, pickVariant, withKey, withRenamedKey } from '../../designer/src/inspector/form-values.ts';

const KINDS = FlowNodeSchema.options.map((schema) => schema.shape.kind.value) as NodeKind[];

function field(fields: readonly FormField[], path: string): FormField {
  const walk = (list: readonly FormField[]): FormField | undefined => {
    for (const f of list) {
      if (f.path === path) return f;
      const found = walk(childrenOf(f.widget));
      if (found) return found;
    }
    return undefined;
  };
  const found = walk(fields);
  if (!found) throw new Error(`no field ${path}`);
  return found;
}

function childrenOf(widget: Widget): FormField[] {
  switch (widget.type) {
    case 'object':
      return widget.fields;
    case 'list':
      return [widget.item];
    case 'tuple':
      return widget.items;
    case 'record':
      return [widget.key, widget.value];
    case 'union':
      return widget.variants.map((variant) => variant.field);
    default:
      return [];
  }
}

const allFields = (fields: readonly FormField[]): FormField[] => fields.flatMap((f) => [f, ...allFields(childrenOf(f.widget))]);

describe('node forms', () => {
  it.each(KINDS)('gives a %s node a form with every field of its schema, the kind shown but not edited', (kind) => {
    const form = getNodeForm(kind);
    const schema = FlowNodeSchema.options.find((option) => option.shape.kind.value === kind)!;
    expect(form.map((f) => f.key)).toEqual(Object.keys(schema.shape));
    expect(field(form, 'kind').widget).toEqual({ type: 'constant', value: kind });
    expect(field(form, 'label').widget.type).toBe('text');
  });

  it('knows a widget for every field of every kind (nothing falls back to raw JSON)', () => {
    const unknown = KINDS.flatMap((kind) => allFields(getNodeForm(kind)).filter((f) => f.widget.type === 'json').map((f) => `${kind}:${f.path}`));
    expect(unknown).toEqual([]);
  });

  it('gives a menu its options as a list of rows with a key select and a target select', () => {
    const options = field(getNodeForm('menu'), 'options');
    expect(options.optional).toBe(false);
    expect(options.widget).toMatchObject({ type: 'list', minItems: 1 });
    expect(field(getNodeForm('menu'), 'options.*').label).toBe('Option');
    const key = field(getNodeForm('menu'), 'options.*.key');
    expect(key.widget).toEqual({ type: 'select', options: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] });
    expect(key.optional).toBe(true);
    expect(field(getNodeForm('menu'), 'options.*.next').widget).toEqual({ type: 'target' });
    expect(field(getNodeForm('menu'), 'options.*.phrases').widget).toMatchObject({ type: 'list', item: { widget: { type: 'text' } } });
  });

  it('offers the flow’s node ids wherever a field holds a transition, and only there', () => {
    const targets = (kind: NodeKind) => allFields(getNodeForm(kind)).filter((f) => f.widget.type === 'target').map((f) => f.path);
    expect(targets('say')).toEqual(['next']);
    expect(targets('http')).toEqual(['on.ok', 'on.failed', 'on.timeout']);
    expect(targets('menu')).toEqual(['options.*.next', 'speech.next', 'noInput.next', 'noMatch.next']);
    expect(targets('input')).toEqual(['next', 'speech.next', 'noInput.next', 'invalid.next']);
    // Plain strings stay text, even one naming a variable.
    expect(field(getNodeForm('input'), 'variable').widget.type).toBe('text');
  });

  it('lets a prompt be one text (a textarea), a recording or a text per language', () => {
    const prompt = field(getNodeForm('say'), 'prompt');
    expect(prompt.widget.type).toBe('union');
    if (prompt.widget.type !== 'union') return;
    expect(prompt.widget.variants.map((v) => v.label)).toEqual(['one text', 'audio', 'per language']);
    expect(prompt.widget.variants[0]!.field.widget).toEqual({ type: 'text', multiline: true });
    expect(prompt.widget.variants[2]!.field.widget).toMatchObject({ type: 'record', keyIsLanguage: true, value: { widget: { type: 'text', multiline: true } } });
    // The audio URL is a one-line field, not prompt text.
    expect(field([prompt], 'prompt.audio').widget).toEqual({ type: 'text', multiline: false, format: 'url' });
  });

  it('names the variants of a condition test by their type, and the variants of a transfer target by their field', () => {
    const test = field(getNodeForm('condition'), 'test').widget;
    expect(test).toMatchObject({ type: 'union', discriminator: 'type' });
    if (test.type === 'union') expect(test.variants.map((v) => v.label)).toEqual(['hours', 'variable', 'caller', 'split']);
    const to = field(getNodeForm('transfer'), 'to').widget;
    if (to.type === 'union') expect(to.variants.map((v) => v.label)).toEqual(['number', 'sip', 'client']);
  });

  it('bounds number fields as the schema does and shows the runtime default as placeholder', () => {
    const menuTimeout = field(getNodeForm('menu'), 'timeout');
    expect(menuTimeout.widget).toEqual({ type: 'number', integer: false, min: 0, max: 600 });
    expect(menuTimeout.placeholder).toBe('5 (default)');
    expect(menuTimeout.description).toMatch(/key press/);
    const dial = field(getNodeForm('transfer'), 'timeout');
    expect(dial.widget).toEqual({ type: 'number', integer: true, min: 5, max: 600 });
    expect(dial.placeholder).toBe('30 (default)');
    expect(field(getNodeForm('menu'), 'noInput.retries').placeholder).toBe('2 (default)');
    expect(field(getNodeForm('menu'), 'bargeIn').widget.type).toBe('checkbox');
    // in a CX designer's words, not the schema's key
    expect(field(getNodeForm('menu'), 'noInput').label).toBe('If the caller says nothing');
    expect(field(getNodeForm('menu'), 'bargeIn').placeholder).toBe('on (default)');
    expect(field(getNodeForm('queue'), 'on.timeout').label).toBe('If the wait runs out');
  });

  it('gives weekly hours a row per weekday with a day select and a list of from/to times', () => {
    const weekly = field(getNodeForm('condition'), 'test.weekly').widget;
    expect(weekly).toMatchObject({ type: 'record', key: { widget: { type: 'select', options: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] } } });
    if (weekly.type === 'record') expect(weekly.value.widget).toMatchObject({ type: 'list', item: { widget: { type: 'tuple' } } });
  });
});

describe('the schema walker', () => {
  it('shows a field added to a zod object without any change to the form code', () => {
    const before = z.strictObject({ kind: z.literal('say'), prompt: z.string() });
    const after = before.extend({ volume: z.int().min(0).max(11).optional().describe('How loud'), mood: z.enum(['calm', 'cheerful']) });
    expect(toFormFields(before).map((f) => f.key)).toEqual(['kind', 'prompt']);
    const fields = toFormFields(after);
    expect(fields.map((f) => f.key)).toEqual(['kind', 'prompt', 'volume', 'mood']);
    expect(fields[2]).toMatchObject({ label: 'Volume', optional: true, description: 'How loud', widget: { type: 'number', integer: true, min: 0, max: 11 } });
    expect(fields[3]).toMatchObject({ optional: false, widget: { type: 'select', options: ['calm', 'cheerful'] } });
  });

  it('walks nested objects, lists and records with dotted paths', () => {
    const fields = toFormFields(z.object({ outer: z.object({ rows: z.array(z.object({ name: z.string() })), tags: z.record(z.string(), z.boolean()) }) }));
    expect(allFields(fields).map((f) => `${f.path} ${f.widget.type}`)).toEqual([
      'outer object',
      'outer.rows list',
      'outer.rows.* object',
      'outer.rows.*.name text',
      'outer.tags record',
      'outer.tags.* text',
      'outer.tags.* checkbox',
    ]);
  });

  it('edits what it does not know as JSON rather than hiding it', () => {
    expect(toFormFields(z.object({ extra: z.unknown() }))[0]!.widget).toEqual({ type: 'json' });
  });
});

describe('form values', () => {
  const prompt = field(getNodeForm('say'), 'prompt').widget as Extract<Widget, { type: 'union' }>;
  const env = { defaultLanguage: 'nl-NL' };

  it('recognises which kind of prompt a node holds', () => {
    expect(pickVariant(prompt.variants, 'Hello')).toBe(0);
    expect(pickVariant(prompt.variants, { audio: 'https://x.test/a.mp3', seconds: 3 })).toBe(1);
    expect(pickVariant(prompt.variants, { 'en-US': 'Hi', 'nl-NL': 'Hoi' })).toBe(2);
    expect(pickVariant(prompt.variants, undefined)).toBe(-1);
    const test = field(getNodeForm('condition'), 'test').widget as Extract<Widget, { type: 'union' }>;
    expect(pickVariant(test.variants, { type: 'split', percent: 50 }, test.discriminator)).toBe(3);
  });

  it('keeps the text when a prompt switches to per language and back', () => {
    const perLanguage = convertToVariant('Welkom', prompt.variants[2]!, env);
    expect(perLanguage).toEqual({ 'nl-NL': 'Welkom' });
    expect(convertToVariant({ 'en-US': 'Welcome', 'nl-NL': 'Welkom' }, prompt.variants[0]!, env)).toBe('Welkom');
    expect(convertToVariant({ 'en-US': 'Welcome' }, prompt.variants[0]!, env)).toBe('Welcome');
  });

  it('keeps shared fields when a condition test switches type', () => {
    const test = field(getNodeForm('condition'), 'test').widget as Extract<Widget, { type: 'union' }>;
    expect(convertToVariant({ type: 'variable', variable: 'tier', op: 'ne', value: 'gold' }, test.variants[2]!, env)).toEqual({
      type: 'caller',
      field: 'from',
      op: 'ne',
      value: 'gold',
    });
  });

  it('adds a menu option the schema accepts', () => {
    const option = field(getNodeForm('menu'), 'options.*');
    expect(MenuOptionSchema.safeParse(createEmptyValue(option)).success).toBe(true);
  });

  it("offers a goto's flow from the runtime's flows, still as free text", () => {
    expect(field(getNodeForm('goto'), 'flow').widget).toEqual({ type: 'text', multiline: false, format: 'flowId' });
    expect(field(getNodeForm('goto'), 'node').widget).toEqual({ type: 'text', multiline: false });
  });

  it('removes a key set to undefined and renames keys in place', () => {
    expect(withKey({ a: 1, b: 2 }, 'a', undefined)).toEqual({ b: 2 });
    expect(Object.keys(withRenamedKey({ 'en-US': 'Hi', 'nl-NL': 'Hoi', 'de-DE': 'Hallo' }, 'nl-NL', 'nl-BE'))).toEqual(['en-US', 'nl-BE', 'de-DE']);
  });
});
