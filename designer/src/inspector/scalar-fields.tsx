import { useId, useState, type KeyboardEvent } from 'react';
import { filterTargetChoices, getTimeZoneSuggestion, toTargetText, type TargetChoice } from '../model/inspector-choices.ts';
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
  if (widget.format === 'timezone') return <TimeZoneField {...props} id={id} text={text} change={change} />;
  if (widget.format === 'flowId') return <FlowIdField {...props} id={id} text={text} change={change} />;
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
  // Absent is not "no": the runtime's default applies (barge-in is on in Twilio, say), shown in words when known.
  const fallback = field.placeholder === undefined ? undefined : field.placeholder.startsWith('on ');
  const checked = unset ? fallback === true : value === true;
  return (
    <div className={compact ? 'insp-field insp-compact' : 'insp-field'}>
      <div className="insp-check">
        <input
          id={id}
          name={name}
          type="checkbox"
          checked={checked}
          ref={(element) => {
            if (element) element.indeterminate = unset && field.optional && fallback === undefined;
          }}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id} title={field.description} className={compact ? 'insp-sr' : undefined}>
          {unset && field.placeholder ? `${field.label}: ${field.placeholder}` : field.label}
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

/** The zones this browser knows, read once: the picker's list and what a typo is compared with. */
let timeZones: readonly string[] | undefined;
const getTimeZones = () => (timeZones ??= Intl.supportedValuesOf('timeZone'));

/** An IANA zone: typed with the browser's list to pick from, and a "did you mean" for a near miss. */
function TimeZoneField(props: FieldProps & { id: string; text: string; change(next: string): void }) {
  const { id, name, text, change, field } = props;
  const listId = `${id}-zones`;
  const suggestion = getTimeZoneSuggestion(text, getTimeZones());
  return (
    <FieldRow {...props}>
      <div className="insp-combo">
        <input className="insp-input" id={id} name={name} list={listId} value={text} placeholder={field.placeholder ?? 'e.g. Europe/Amsterdam'} spellCheck={false} autoComplete="off" onChange={(e) => change(e.target.value)} />
        <datalist id={listId}>
          {getTimeZones().map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        {suggestion && (
          <p className="insp-suggest">
            Did you mean{' '}
            <button type="button" className="insp-link" aria-label={`Use ${suggestion}`} onClick={() => change(suggestion)}>
              {suggestion}
            </button>
            ?
          </p>
        )}
      </div>
    </FieldRow>
  );
}

/** A flow of the line: typed, with the runtime's flows to pick from; a flow not yet created can still be named. */
function FlowIdField(props: FieldProps & { id: string; text: string; change(next: string): void }) {
  const { id, name, text, change, field, env } = props;
  const listId = `${id}-flows`;
  return (
    <FieldRow {...props}>
      <input className="insp-input insp-mono" id={id} name={name} list={listId} value={text} placeholder={field.placeholder} spellCheck={false} autoComplete="off" onChange={(e) => change(e.target.value)} />
      <datalist id={listId}>
        {env.flowIds.map((flowId) => (
          <option key={flowId} value={flowId} />
        ))}
      </datalist>
    </FieldRow>
  );
}

/** A transition: a node picked by label and kind, filtered as the designer types, or none (the call hangs up there). */
export function TargetField(props: FieldProps) {
  const { value, name, onChange, env } = props;
  const id = useId();
  const listId = `${id}-targets`;
  const target = typeof value === 'string' ? value : '';
  const current = env.targets.find((choice) => choice.id === target);
  const shown = target === '' ? '' : current ? toTargetText(current) : `${target} (missing)`;
  // null while closed; the typed filter while open
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const open = query !== null;
  // "not connected" is offered until the designer starts typing a name
  const rows: (TargetChoice | null)[] = open ? [...(query.trim() === '' ? [null] : []), ...filterTargetChoices(env.targets, query)] : [];
  const pick = (choice: TargetChoice | null | undefined) => {
    if (choice !== undefined) onChange(choice === null ? undefined : choice.id);
    setQuery(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return setQuery('');
      setActive((i) => Math.max(0, Math.min(rows.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      pick(rows[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setQuery(null);
    }
  };
  return (
    <FieldRow id={id} {...props} hint={false}>
      <div className="insp-combo">
        <input
          className="insp-input"
          id={id}
          name={name}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && rows[active] !== undefined ? `${listId}-${active}` : undefined}
          autoComplete="off"
          value={open ? query : shown}
          placeholder="(not connected)"
          title={target === '' ? undefined : target}
          onFocus={() => {
            setQuery('');
            setActive(0);
          }}
          onBlur={() => setQuery(null)}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        {open && (
          <ul className="insp-combo-list" role="listbox" id={listId} aria-label="Nodes">
            {rows.map((choice, i) => (
              <li
                key={choice?.id ?? ''}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'insp-combo-option insp-combo-active' : 'insp-combo-option'}
                // keeps the focus in the input, so blur does not close the list before the click lands
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(choice)}
              >
                {choice === null ? (
                  '(not connected)'
                ) : (
                  <>
                    <span>{toTargetText(choice)}</span>
                    <span className="insp-combo-id">{choice.id}</span>
                  </>
                )}
              </li>
            ))}
            {rows.length === 0 && <li className="insp-combo-none">No node matches "{query}"</li>}
          </ul>
        )}
      </div>
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
