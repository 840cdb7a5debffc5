import { Copy, Plus, Trash2, X } from 'lucide-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Calendar, OpenRange, Weekday } from '../../../core/schema/flow.ts';
import { getCalendarUsers } from '../model/calendar-edits.ts';
import { toFieldReason } from '../model/inspector-choices.ts';
import { copyToWeekdays, WEEKDAYS } from '../model/weekly-hours.ts';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import { FieldEditor } from './FieldEditor.tsx';
import type { FormField } from './form-model.ts';
import type { FormEnv } from './form-values.ts';
import { useFieldDrafts } from './use-field-drafts.ts';

// The flow's shared business hours, as Connect's Hours of Operation: each
// calendar a name, a zone, ranges per day and holidays; every change one
// store edit, so undo and the schema treat it as any other.

const DAY_LABELS: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** A new range on a closed day: a working day's usual hours. */
const NEW_RANGE: OpenRange = ['09:00', '17:00'];

const ZONE_FIELD: FormField = { key: 'timezone', path: 'timezone', label: 'Time zone', optional: false, widget: { type: 'text', multiline: false, format: 'timezone' } };

type Holiday = NonNullable<Calendar['holidays']>[number];
interface HolidayParts {
  date: string;
  name?: string;
  hours?: OpenRange[];
}

const toHolidayParts = (holiday: Holiday): HolidayParts => (typeof holiday === 'string' ? { date: holiday } : (holiday as HolidayParts));

/** A holiday with only a date is written as the date, as a person would write it. */
function toHoliday({ date, name, hours }: HolidayParts): Holiday {
  if (name === undefined && hours === undefined) return date;
  return { date, ...(name !== undefined && { name }), ...(hours !== undefined && { hours }) };
}

/** Today's date, as a new holiday's starting point. */
const getToday = () => new Date().toISOString().slice(0, 10);

export function BusinessHours({ env }: { env: FormEnv }) {
  const store = useDesignerStore();
  const calendars = useDesigner((state) => state.flow.calendars);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Typing in a field merges into one undo entry; a button (copy, add, remove) is an entry of its own.
  const typing = useRef(false);
  const drafts = useFieldDrafts({
    read: () => store.getState().flow.calendars,
    write: (id, calendar) => store.getState().updateCalendar(id, calendar as Calendar, { typing: typing.current }),
  });
  const commit = (id: string, calendar: Calendar, isTyping: boolean) => {
    typing.current = isTyping;
    drafts.commit(id, calendar);
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    const id = store.getState().addCalendar(name);
    setError(id === null ? store.getState().lastError : null);
    if (id !== null) setName('');
  };
  const entries = Object.entries(calendars ?? {});
  return (
    <section className="insp-calendars" aria-label="Business hours">
      <h3 className="insp-subheading">Business hours</h3>
      <p className="insp-hint">Opening hours defined once and shared by the hours checks that use them.</p>
      {entries.map(([id, stored]) => (
        <CalendarEditor key={id} id={id} calendar={drafts.valueOf(id, stored) as Calendar} error={drafts.errorOf(id, stored)} env={env} onChange={(next, isTyping) => commit(id, next, isTyping)} />
      ))}
      <form className="insp-calendar-add" onSubmit={add}>
        <input className="insp-input" aria-label="New business hours name" placeholder="e.g. Clinic hours" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="insp-button">
          <Plus size={12} aria-hidden="true" /> Add business hours
        </button>
      </form>
      {error && (
        <p className="insp-field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function CalendarEditor({ id, calendar, error, env, onChange }: { id: string; calendar: Calendar; error: string | null; env: FormEnv; onChange(calendar: Calendar, typing: boolean): void }) {
  const store = useDesignerStore();
  const users = useDesigner((state) => getCalendarUsers(state.flow, id).join(', '));
  const [removeError, setRemoveError] = useState<string | null>(null);
  const errorId = useId();
  const title = calendar.name ?? id;
  const setWeekly = (weekly: Calendar['weekly'], typing: boolean) => onChange({ ...calendar, weekly }, typing);
  const setDay = (day: Weekday, ranges: OpenRange[], typing: boolean) => {
    const weekly: Calendar['weekly'] = {};
    // days stay in week order, so the file reads Monday to Sunday; a day without ranges is left out (closed)
    for (const d of WEEKDAYS) {
      const kept = d === day ? ranges : calendar.weekly[d];
      if (kept !== undefined && kept.length > 0) weekly[d] = kept;
    }
    setWeekly(weekly, typing);
  };
  const holidays = (calendar.holidays ?? []).map(toHolidayParts);
  const setHolidays = (next: HolidayParts[], typing: boolean) => {
    const { holidays: _old, ...rest } = calendar;
    onChange(next.length > 0 ? { ...rest, holidays: next.map(toHoliday) } : rest, typing);
  };
  const setHoliday = (index: number, patch: Partial<HolidayParts>, typing: boolean) =>
    setHolidays(holidays.map((holiday, i) => (i === index ? Object.fromEntries(Object.entries({ ...holiday, ...patch }).filter(([, v]) => v !== undefined)) as unknown as HolidayParts : holiday)), typing);
  const remove = () => setRemoveError(store.getState().removeCalendar(id) ? null : store.getState().lastError);
  return (
    <fieldset className="insp-calendar" data-testid={`calendar-${id}`} aria-describedby={error ? errorId : undefined}>
      <legend>
        {title} <span className="insp-muted">({id})</span>
      </legend>
      <label className="insp-label">
        Name
        <input className="insp-input" value={calendar.name ?? ''} placeholder={id} onChange={(e) => {
          const { name: _old, ...rest } = calendar;
          onChange(e.target.value === '' ? rest : { ...rest, name: e.target.value }, true);
        }} />
      </label>
      <FieldEditor field={ZONE_FIELD} value={calendar.timezone} name={`calendars.${id}.timezone`} env={env} onChange={(zone) => onChange({ ...calendar, timezone: typeof zone === 'string' ? zone : '' }, true)} />
      <div className="insp-week" role="group" aria-label={`${title}: opening hours`}>
        {WEEKDAYS.map((day) => (
          <div key={day} className="insp-day">
            <span className="insp-day-name">{DAY_LABELS[day]}</span>
            <RangesEditor label={DAY_LABELS[day]} ranges={calendar.weekly[day] ?? []} onChange={(ranges, typing) => setDay(day, ranges, typing)} />
          </div>
        ))}
        <button type="button" className="insp-button" onClick={() => setWeekly(copyToWeekdays(calendar.weekly), false)}>
          <Copy size={12} aria-hidden="true" /> Copy Monday to weekdays
        </button>
      </div>
      <div className="insp-holidays" role="group" aria-label={`${title}: holidays`}>
        <span className="insp-label">Holidays</span>
        {holidays.map((holiday, i) => (
          <div key={i} className="insp-holiday">
            <input className="insp-input" type="date" aria-label={`Holiday ${i + 1} date`} value={holiday.date} onChange={(e) => setHoliday(i, { date: e.target.value }, true)} />
            <input className="insp-input" aria-label={`Holiday ${i + 1} name`} placeholder="Name (optional)" value={holiday.name ?? ''} onChange={(e) => setHoliday(i, { name: e.target.value === '' ? undefined : e.target.value }, true)} />
            <button type="button" className="insp-icon" aria-label={`Remove holiday ${i + 1}`} title="Remove" onClick={() => setHolidays(holidays.filter((_, j) => j !== i), false)}>
              <X size={14} aria-hidden="true" />
            </button>
            <div className="insp-holiday-hours">
              {holiday.hours === undefined ? (
                <span className="insp-muted">Closed all day</span>
              ) : (
                <RangesEditor label={`Holiday ${i + 1}`} ranges={holiday.hours} onChange={(hours, typing) => setHoliday(i, { hours: hours.length > 0 ? hours : undefined }, typing)} />
              )}
              {holiday.hours === undefined && (
                <button type="button" className="insp-link" onClick={() => setHoliday(i, { hours: [['09:00', '13:00']] }, false)}>
                  Open part of the day
                </button>
              )}
            </div>
          </div>
        ))}
        <button type="button" className="insp-button" onClick={() => setHolidays([...holidays, { date: getToday() }], false)}>
          <Plus size={12} aria-hidden="true" /> Add holiday
        </button>
      </div>
      {error && (
        <p className="insp-field-error" role="alert" id={errorId}>
          {toFieldReason(error)}. Not saved: the flow keeps its last valid hours until this is fixed.
        </p>
      )}
      <div className="insp-calendar-foot">
        {users !== '' && <span className="insp-hint">Used by {users}</span>}
        <button type="button" className="insp-button" onClick={remove}>
          <Trash2 size={12} aria-hidden="true" /> Remove {title}
        </button>
      </div>
      {removeError && (
        <p className="insp-field-error" role="alert">
          {removeError}
        </p>
      )}
    </fieldset>
  );
}

/** A day's opening ranges: a pair of time inputs each, one removable, one more addable. */
function RangesEditor({ label, ranges, onChange }: { label: string; ranges: readonly OpenRange[]; onChange(ranges: OpenRange[], typing: boolean): void }) {
  const setRange = (index: number, range: OpenRange) => onChange(ranges.map((r, i) => (i === index ? range : [r[0], r[1]])), true);
  return (
    <div className="insp-ranges">
      {ranges.length === 0 && <span className="insp-muted">Closed</span>}
      {ranges.map(([open, close], i) => (
        <span key={i} className="insp-range">
          <input className="insp-input insp-time" type="time" aria-label={`${label} opens${ranges.length > 1 ? ` (${i + 1})` : ''}`} value={open} onChange={(e) => setRange(i, [e.target.value, close])} />
          –
          <input className="insp-input insp-time" type="time" aria-label={`${label} closes${ranges.length > 1 ? ` (${i + 1})` : ''}`} value={close} onChange={(e) => setRange(i, [open, e.target.value])} />
          <button type="button" className="insp-icon" aria-label={`Remove ${label} ${open}–${close}`} title="Remove" onClick={() => onChange(ranges.filter((_, j) => j !== i).map(([o, c]) => [o, c]), false)}>
            <X size={14} aria-hidden="true" />
          </button>
        </span>
      ))}
      <button type="button" className="insp-icon" aria-label={`Add hours on ${label}`} title="Add hours" onClick={() => onChange([...ranges.map(([o, c]): OpenRange => [o, c]), [NEW_RANGE[0], NEW_RANGE[1]]], false)}>
        <Plus size={14} aria-hidden="true" />
      </button>
    </div>
  );
}
