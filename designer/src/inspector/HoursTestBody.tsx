import { CalendarPlus } from 'lucide-react';
import { useId, useState } from 'react';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import { ObjectBody } from './compound-fields.tsx';
import type { FormField } from './form-model.ts';
import { isObject, type FormEnv } from './form-values.ts';

// An hours check either uses the flow's shared business hours or sets its own,
// as a Connect flow's "Check hours of operation" names an Hours of Operation.

/** The select's value for "Set hours here": no calendar id can be empty. */
const OWN_HOURS = '';

export function HoursTestBody({ nodeId, fields, value, name, env, onChange }: { nodeId: string; fields: readonly FormField[]; value: unknown; name: string; env: FormEnv; onChange(value: unknown): void }) {
  const store = useDesignerStore();
  const calendars = useDesigner((state) => state.flow.calendars);
  const label = useDesigner((state) => state.flow.nodes[nodeId]?.label);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();
  const test = isObject(value) ? value : {};
  const calendarId = typeof test.calendar === 'string' ? test.calendar : OWN_HOURS;
  const entries = Object.entries(calendars ?? {});
  const choose = (id: string) => setError(store.getState().setHoursSource(nodeId, id === OWN_HOURS ? null : id) ? null : store.getState().lastError);
  // "Customer service open?" gives "Customer service open hours"
  const move = () => setError(store.getState().moveHoursToCalendar(nodeId, label ? `${label.replace(/[?!.:\s]+$/, '')} hours` : 'Business hours') !== null ? null : store.getState().lastError);
  return (
    <>
      <div className="insp-field">
        <label htmlFor={selectId} className="insp-label">
          Opening hours from
        </label>
        <select className="insp-input" id={selectId} name={`${name}.calendar`} value={calendarId} onChange={(e) => choose(e.target.value)}>
          <option value={OWN_HOURS}>Set hours here</option>
          {entries.map(([id, calendar]) => (
            <option key={id} value={id}>
              Use business hours: {calendar.name ?? id}
            </option>
          ))}
          {calendarId !== OWN_HOURS && !entries.some(([id]) => id === calendarId) && <option value={calendarId}>Missing business hours: {calendarId}</option>}
        </select>
        {calendarId !== OWN_HOURS && <p className="insp-hint">Edit these hours under Business hours in the flow's settings (click the canvas background).</p>}
      </div>
      {calendarId === OWN_HOURS && (
        <>
          <ObjectBody fields={fields.filter((field) => field.key !== 'calendar')} value={value} name={name} env={env} onChange={onChange} />
          <button type="button" className="insp-button" onClick={move}>
            <CalendarPlus size={12} aria-hidden="true" /> Move these hours into a shared calendar
          </button>
        </>
      )}
      {error && (
        <p className="insp-field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
