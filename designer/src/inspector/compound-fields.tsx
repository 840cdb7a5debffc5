import type { FormField, Widget } from './form-model.ts';
import type { FieldProps } from './field-props.ts';
import { FieldEditor } from './FieldEditor.tsx';
import { toRowTitle } from '../model/inspector-choices.ts';
import { createEmptyValue, createListItem, isObject, withItem, withKey, withoutItem, type FormEnv } from './form-values.ts';

export { RecordField } from './RecordField.tsx';
export { UnionField } from './UnionField.tsx';

type WidgetOf<T extends Widget['type']> = Extract<Widget, { type: T }>;

/** The fields of an object value, each editing its own key. */
export function ObjectBody({ fields, value, name, env, onChange }: { fields: readonly FormField[]; value: unknown; name: string; env: FormEnv; onChange(value: unknown): void }) {
  const object = isObject(value) ? value : {};
  return (
    <>
      {fields.map((child) => (
        <FieldEditor key={child.key} field={child} value={object[child.key]} name={`${name}.${child.key}`} env={env} onChange={(next) => onChange(withKey(object, child.key, next))} />
      ))}
    </>
  );
}

/** A few of an object's own texts, so a collapsed menu option still says which one it is. */
function summarize(value: unknown): string {
  if (!isObject(value)) return '';
  return Object.values(value)
    .filter((item): item is string | number => typeof item === 'string' || typeof item === 'number')
    .slice(0, 3)
    .join(' · ');
}

export function ObjectField({ field, value, name, env, onChange, actions }: FieldProps) {
  const { fields } = field.widget as WidgetOf<'object'>;
  if (value === undefined && field.optional) {
    return (
      <div className="insp-absent">
        <span title={field.description}>{field.label}</span>
        <button type="button" className="insp-button" aria-label={`Add ${field.label.toLowerCase()}`} onClick={() => onChange(createEmptyValue(field, env))}>
          Add
        </button>
        {actions}
      </div>
    );
  }
  const summary = summarize(value);
  return (
    <details className="insp-object" open>
      <summary title={field.description}>
        <span className="insp-summary-label">{field.label}</span>
        {summary && <span className="insp-summary-value">{summary}</span>}
        {field.optional && (
          <button
            type="button"
            aria-label={`Remove ${field.label.toLowerCase()}`}
            className="insp-link"
            onClick={(e) => {
              e.preventDefault(); // a click inside <summary> would also fold the section
              onChange(undefined);
            }}
          >
            Remove
          </button>
        )}
        {actions}
      </summary>
      <div className="insp-object-body">
        <ObjectBody fields={fields} value={value} name={name} env={env} onChange={onChange} />
      </div>
    </details>
  );
}

const isScalar = (widget: Widget) => !['object', 'list', 'tuple', 'record', 'union'].includes(widget.type);

export function ListField({ field, value, name, env, onChange }: FieldProps) {
  const widget = field.widget as WidgetOf<'list'>;
  const list = Array.isArray(value) ? value : [];
  const min = widget.minItems ?? 0;
  // An optional list may go away entirely even when it must hold an item while present (a menu option's phrases).
  const canRemove = list.length - 1 >= min || (field.optional && list.length === 1);
  const canAdd = widget.maxItems === undefined || list.length < widget.maxItems;
  const remove = (index: number) => onChange(list.length === 1 && field.optional ? undefined : withoutItem(list, index));
  const scalar = isScalar(widget.item.widget);
  return (
    <fieldset className="insp-list">
      <legend title={field.description}>
        {field.label}
        {list.length > 0 && <span className="insp-count"> ({list.length})</span>}
      </legend>
      {list.map((item, i) => {
        const removeButton = (
          <button type="button" className="insp-icon" aria-label={`Remove ${widget.item.label.toLowerCase()} ${i + 1}`} title="Remove" disabled={!canRemove}
            onClick={(e) => {
              e.preventDefault(); // inside an object row's <summary>, a click would also fold the row
              remove(i);
            }}
          >
            ×
          </button>
        );
        return (
          <FieldEditor
            // Rows are keyed by position: keying by content would remount a row (and lose focus) as the user types.
            key={i}
            field={{ ...widget.item, label: toRowTitle(item, i, widget.item.label) }}
            value={item}
            name={`${name}.${i}`}
            env={env}
            compact={scalar}
            actions={removeButton}
            onChange={(next) => onChange(withItem(list, i, next))}
          />
        );
      })}
      {canAdd && (
        <button type="button" className="insp-button" onClick={() => onChange([...list, createListItem(widget.item, list, env)])}>
          Add {widget.item.label.toLowerCase()}
        </button>
      )}
    </fieldset>
  );
}

/** A fixed row such as an opening range `["09:00", "17:00"]`, inline. */
export function TupleField({ field, value, name, env, onChange, actions }: FieldProps) {
  const { items } = field.widget as WidgetOf<'tuple'>;
  const tuple = Array.isArray(value) ? value : [];
  return (
    <div className="insp-tuple" role="group" aria-label={field.label}>
      {items.map((item, i) => (
        <FieldEditor key={i} field={{ ...item, label: `${field.label}, ${i === 0 ? 'from' : i === 1 && items.length === 2 ? 'to' : `part ${i + 1}`}` }} value={tuple[i]} name={`${name}.${i}`} env={env} compact onChange={(next) => onChange(withItem(tuple, i, next))} />
      ))}
      {actions}
    </div>
  );
}
