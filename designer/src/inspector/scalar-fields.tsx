import { useId, useState } from 'react';
import type { Widget } from './form-model.ts';
import type { FieldProps } from './field-props.ts';
import { FieldRow } from './FieldRow.tsx';
import { NumberInput } from './NumberInput.tsx';

type WidgetOf<T extends Widget['type']> = Extract<Widget, { type: T }>;

export function TextField(props: FieldProps) {
  const { field, value, name, onChange } = props;
  const id = useId();
  const widget = field.widget as WidgetOf<'text'>;
  const text = typeof value === 'string' ? value : '';
  // An emptied optional field is left out of the file rather than written as "".
  const change = (next: string) => onChange(next === '' && field.optional ? undefined : next);
  const common = { id, name, value: text, placeholder: field.placeholder, onChange: (e: { target: { value: string } }) => change(e.target.value) };
  return (
    <FieldRow id={id} {...props}>
      {widget.multiline ? <textarea className="insp-input" rows={2} {...common} /> : <input className="insp-input" type={widget.format === 'url' ? 'url' : 'text'} {...common} />}
    </FieldRow>
  );
}

export function NumberField(props: FieldProps) {
  const { field, value, name, onChange } = props;
  const id = useId();
  return (
    <FieldRow id={id} {...props}>
      <NumberInput id={id} name={name} value={typeof value === 'number' ? value : undefined} widget={field.widget as WidgetOf<'number'>} placeholder={field.placeholder} onChange={onChange} />
    </FieldRow>
  );
}

export function CheckboxField(props: FieldProps) {
  const { field, value, name, onChange, compact } = props;
  const id = useId();
  const unset = value === undefined;
  return (
    <div className={compact ? 'insp-field insp-compact' : 'insp-field'}>
      <div className="insp-check">
        <input
          id={id}
          name={name}
          type="checkbox"
          checked={value === true}
          // Absent is not "no": the runtime's default applies (barge-in is on in Twilio, say), so it looks undecided.
          ref={(element) => {
            if (element) element.indeterminate = unset && field.optional;
          }}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id} title={field.description} className={compact ? 'insp-sr' : undefined}>
          {field.label}
        </label>
        {field.optional && !unset && (
          <button type="button" className="insp-link" onClick={() => onChange(undefined)}>
            use default
          </button>
        )}
        {props.actions}
      </div>
      {!compact && field.description && <p className="insp-hint">{field.description}</p>}
    </div>
  );
}

/** Options are addressed by index: an enum may hold "" (a `finishOnKey` of none), which a select cannot tell from unset. */
const UNSET = '';

export function SelectField(props: FieldProps) {
  const { field, value, name, onChange } = props;
  const id = useId();
  const options = (field.widget as WidgetOf<'select'>).options;
  const index = options.indexOf(String(value));
  return (
    <FieldRow id={id} {...props}>
      <select className="insp-input" id={id} name={name} value={value === undefined || index < 0 ? UNSET : String(index)} onChange={(e) => onChange(e.target.value === UNSET ? undefined : options[Number(e.target.value)])}>
        {(field.optional || value === undefined) && <option value={UNSET}>{field.placeholder ?? (field.optional ? '(default)' : '(choose)')}</option>}
        {options.map((option, i) => (
          <option key={option} value={String(i)}>
            {option === '' ? '(none)' : option}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}

/** A transition: the flow's node ids, or none (the call hangs up there). */
export function TargetField(props: FieldProps) {
  const { value, name, onChange, env } = props;
  const id = useId();
  const target = typeof value === 'string' ? value : '';
  const missing = target !== '' && !env.nodeIds.includes(target);
  return (
    <FieldRow id={id} {...props} hint={false}>
      <select className="insp-input" id={id} name={name} value={target} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
        <option value="">(not connected)</option>
        {missing && <option value={target}>{target} (missing)</option>}
        {env.nodeIds.map((nodeId) => (
          <option key={nodeId} value={nodeId}>
            {nodeId}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}

/** What the form model has no widget for, as JSON text; the text stays while it does not parse. */
export function JsonField(props: FieldProps) {
  const { value, name, onChange, field } = props;
  const id = useId();
  const shown = value === undefined ? '' : JSON.stringify(value, null, 1);
  const [draft, setDraft] = useState<{ text: string; shown: string } | null>(null);
  const text = draft !== null && draft.shown === shown ? draft.text : shown;
  const change = (next: string) => {
    setDraft({ text: next, shown });
    if (next.trim() === '') return onChange(field.optional ? undefined : next);
    try {
      const parsed: unknown = JSON.parse(next);
      setDraft({ text: next, shown: JSON.stringify(parsed, null, 1) });
      onChange(parsed);
    } catch {
      // Not JSON yet: keep typing.
    }
  };
  return (
    <FieldRow id={id} {...props}>
      <textarea className="insp-input insp-mono" id={id} name={name} rows={3} value={text} onChange={(e) => change(e.target.value)} />
    </FieldRow>
  );
}
