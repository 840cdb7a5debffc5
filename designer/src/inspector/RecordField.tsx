import { useId, useState } from 'react';
import type { Widget } from './form-model.ts';
import type { FieldProps } from './field-props.ts';
import { FieldEditor } from './FieldEditor.tsx';
import { toRowLabel } from './labels.ts';
import { createEmptyValue, isObject, withKey, withRenamedKey, type FormEnv } from './form-values.ts';

type RecordWidget = Extract<Widget, { type: 'record' }>;

/** Keys the user may pick for a new row: an enum's values, or the flow's languages for a prompt per language. */
function getKeyChoices(widget: RecordWidget, env: FormEnv): readonly string[] {
  if (widget.key.widget.type === 'select') return widget.key.widget.options;
  return widget.keyIsLanguage ? env.languages : [];
}

/** A compound value shows its key as its legend; a text keeps the field's name for a screen reader ("Prompt (nl-NL)"). */
function valueLabel(label: string, key: string, widget: RecordWidget): string {
  const compound = ['object', 'list', 'tuple', 'record', 'union'].includes(widget.value.widget.type);
  return compound ? key || 'new' : `${label} (${key || 'new'})`;
}

/** Key/value rows, e.g. a prompt per language `{ "en-US": "...", "nl-NL": "..." }`. */
export function RecordField({ field, value, name, env, onChange, compact, actions }: FieldProps) {
  const widget = field.widget as RecordWidget;
  const record = isObject(value) ? value : {};
  const keys = Object.keys(record);
  const choices = getKeyChoices(widget, env);
  const nextKey = choices.find((key) => !keys.includes(key)) ?? (widget.key.widget.type === 'select' || keys.includes('') ? undefined : '');
  const rowLabel = widget.keyIsLanguage ? 'language' : toRowLabel(field.key);
  const listId = useId();
  return (
    <fieldset className={compact ? 'insp-record insp-bare' : 'insp-record'}>
      <legend className={compact ? 'insp-sr' : undefined} title={field.description}>
        {field.label}
      </legend>
      {widget.keyIsLanguage && (
        <datalist id={listId}>
          {env.languages.map((language) => (
            <option key={language} value={language} />
          ))}
        </datalist>
      )}
      {keys.map((key, i) => (
        <div className="insp-record-row" key={i /* by position: a key being retyped must keep its input */}>
          <div className="insp-record-key">
            <KeyInput widget={widget} recordKey={key} taken={keys} name={`${name}.${key}#key`} label={`${field.label}: ${rowLabel} ${i + 1}`} listId={widget.keyIsLanguage ? listId : undefined} onRename={(to) => onChange(withRenamedKey(record, key, to))} />
            <button type="button" className="insp-icon" aria-label={`Remove ${rowLabel} ${key || i + 1}`} title="Remove" onClick={() => onChange(withKey(record, key, undefined))}>
              ×
            </button>
          </div>
          <FieldEditor field={{ ...widget.value, label: valueLabel(field.label, key, widget) }} value={record[key]} name={`${name}.${key}`} env={env} compact onChange={(next) => onChange(withKey(record, key, next))} />
        </div>
      ))}
      <div className="insp-row-actions">
        {nextKey !== undefined && (
          <button type="button" className="insp-button" onClick={() => onChange({ ...record, [nextKey]: createEmptyValue(widget.value, env) })}>
            Add {rowLabel}
          </button>
        )}
        {actions}
      </div>
    </fieldset>
  );
}

interface KeyInputProps {
  widget: RecordWidget;
  recordKey: string;
  /** keys of the record, this one included */
  taken: readonly string[];
  name: string;
  label: string;
  listId: string | undefined;
  onRename(to: string): void;
}

/** A row's key; a key another row holds is kept in the input, not written, since it would merge the rows. */
function KeyInput({ widget, recordKey, taken, name, label, listId, onRename }: KeyInputProps) {
  const id = useId();
  const [state, setState] = useState({ text: recordKey, key: recordKey });
  let text = state.text;
  if (state.key !== recordKey) {
    text = recordKey;
    setState({ text, key: recordKey });
  }
  const clash = text !== recordKey && taken.includes(text);
  if (widget.key.widget.type === 'select') {
    const free = widget.key.widget.options.filter((option) => option === recordKey || !taken.includes(option));
    return (
      <>
        <label htmlFor={id} className="insp-sr">
          {label}
        </label>
        <select className="insp-input" id={id} name={name} value={recordKey} onChange={(e) => onRename(e.target.value)}>
          {free.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      </>
    );
  }
  return (
    <>
      <label htmlFor={id} className="insp-sr">
        {label}
      </label>
      <input
        className="insp-input insp-key"
        id={id}
        name={name}
        list={listId}
        value={text}
        placeholder={listId ? 'language, e.g. nl-NL' : 'key'}
        aria-invalid={clash || undefined}
        onChange={(e) => {
          const next = e.target.value;
          setState({ text: next, key: recordKey });
          if (next === recordKey || !taken.includes(next)) onRename(next);
        }}
      />
      {clash && <span className="insp-unsaved">already used</span>}
    </>
  );
}
