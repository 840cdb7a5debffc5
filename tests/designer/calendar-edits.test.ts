import { describe, expect, it } from 'vitest';
import { parseFlow } from '../../core/schema/parse.ts';
import type { Calendar, Flow } from '../../core/schema/flow.ts';
import { addCalendar, getFreshCalendarId, moveHoursToCalendar, removeCalendar, setHoursSource, toCalendarIdBase, updateCalendar } from '../../designer/src/model/calendar-edits.ts';
import { createDesignerStore } from '../../designer/src/stores/designer-store.ts';
import { edited, refusal } from './edit-results.ts';
import { hangup, hours, makeFlow, say } from '../helpers/flows.ts';

// Shared business hours as the inspector edits them: made from a name,
// refused while used, and an hours check's own hours moved into one.

const line = (): Flow => makeFlow('open_check', { open_check: hours('desk', 'closed'), desk: say('bye'), closed: hangup(), bye: hangup() });
const week: Calendar['weekly'] = { mon: [['08:00', '17:00']], fri: [['08:00', '12:00']] };

describe('calendar edits', () => {
  it('make an id from the name, fresh in the flow', () => {
    expect(toCalendarIdBase('Clinic hours')).toBe('clinic_hours');
    expect(toCalendarIdBase('  Öffnungszeiten Zürich! ')).toBe('offnungszeiten_zurich');
    expect(toCalendarIdBase('24/7 line')).toBe('hours_24_7_line');
    expect(toCalendarIdBase('!!!')).toBe('hours');
    const { result, id } = addCalendar(line(), 'Clinic hours');
    expect(id).toBe('clinic_hours');
    expect(getFreshCalendarId(edited(result), 'Clinic hours')).toBe('clinic_hours_2');
  });

  it('add a closed calendar before the entry, which the schema accepts', () => {
    const flow = edited(addCalendar(line(), 'Clinic hours').result);
    // in the zone the flow's hours check already uses
    expect(flow.calendars).toEqual({ clinic_hours: { name: 'Clinic hours', timezone: 'Europe/Madrid', weekly: {} } });
    expect(Object.keys(flow).indexOf('calendars')).toBe(Object.keys(flow).indexOf('entry') - 1);
    expect(parseFlow(flow).ok).toBe(true);
    expect(refusal(addCalendar(line(), '   ').result).error).toBe('Business hours need a name.');
    expect(edited(addCalendar(makeFlow('bye', { bye: hangup() }), 'Desk').result).calendars?.desk?.timezone).toBe('UTC');
  });

  it('refuse a calendar the schema would refuse, naming the field', () => {
    const flow = edited(addCalendar(line(), 'Clinic hours').result);
    expect(refusal(updateCalendar(flow, 'clinic_hours', { timezone: 'Europe/Amsterdm', weekly: {} })).error).toMatch(/^Cannot change the business hours "clinic_hours": timezone: /);
    expect(refusal(updateCalendar(flow, 'clinic_hours', { timezone: 'Europe/Amsterdam', weekly: { mon: [['', '17:00']] } })).error).toMatch(/weekly\.mon\.0\.0/);
    expect(refusal(updateCalendar(flow, 'ghost', { timezone: 'Europe/Amsterdam', weekly: {} })).reason).toBe('unknown-field');
  });

  it('refuse to remove a calendar an hours check names, and remove it once none does', () => {
    const withCalendar = edited(addCalendar(line(), 'Clinic hours').result);
    const used = edited(setHoursSource(withCalendar, 'open_check', 'clinic_hours'));
    expect(used.nodes.open_check).toMatchObject({ test: { type: 'hours', calendar: 'clinic_hours' } });
    expect(refusal(removeCalendar(used, 'clinic_hours'))).toMatchObject({ nodeId: 'open_check', error: '"Clinic hours" is used by "open_check": point those hours checks elsewhere first.' });
    const removed = edited(removeCalendar(withCalendar, 'clinic_hours'));
    expect(removed).not.toHaveProperty('calendars');
  });

  it('give an hours check its own hours back from the calendar it named', () => {
    let flow = edited(addCalendar(line(), 'Clinic hours').result);
    flow = edited(updateCalendar(flow, 'clinic_hours', { name: 'Clinic hours', timezone: 'Europe/Amsterdam', weekly: week, holidays: ['2026-12-25', { date: '2026-12-24', hours: [['08:00', '13:00']] }] }));
    flow = edited(setHoursSource(edited(setHoursSource(flow, 'open_check', 'clinic_hours')), 'open_check', null));
    // the half day cannot be said inline: only the all-day holiday comes along
    expect(flow.nodes.open_check).toMatchObject({ test: { type: 'hours', timezone: 'Europe/Amsterdam', weekly: week, holidays: ['2026-12-25'] } });
    expect(parseFlow(flow).ok).toBe(true);
    expect(refusal(setHoursSource(flow, 'open_check', 'ghost')).reason).toBe('invalid-value');
    expect(refusal(setHoursSource(flow, 'desk', null)).reason).toBe('unknown-node');
  });

  it("move an hours check's own hours into a new calendar it then names", () => {
    const flow = line();
    const own = flow.nodes.open_check;
    const { result, id } = moveHoursToCalendar(flow, 'open_check', 'Desk hours');
    const moved = edited(result);
    expect(id).toBe('desk_hours');
    expect(moved.nodes.open_check).toEqual({ ...own, test: { type: 'hours', calendar: 'desk_hours' } });
    const test = own!.kind === 'condition' && own.test.type === 'hours' ? own.test : undefined;
    expect(moved.calendars).toEqual({ desk_hours: { name: 'Desk hours', timezone: test!.timezone, weekly: test!.weekly, ...(test!.holidays && { holidays: test!.holidays }) } });
    expect(parseFlow(moved).ok).toBe(true);
    // a second move has nothing of its own left to move
    expect(refusal(moveHoursToCalendar(moved, 'open_check', 'Desk hours').result).error).toBe('"open_check" has no hours of its own to move.');
  });

  it('are one undo entry each in the store, typing merged', () => {
    const store = createDesignerStore({ flow: line() });
    const id = store.getState().addCalendar('Clinic hours')!;
    store.getState().updateCalendar(id, { name: 'Clinic', timezone: 'Europe/Amsterdam', weekly: {} }, { typing: true });
    store.getState().updateCalendar(id, { name: 'Clinic h', timezone: 'Europe/Amsterdam', weekly: {} }, { typing: true });
    expect(store.getState().setHoursSource('open_check', id)).toBe(true);
    expect(store.getState().removeCalendar(id)).toBe(false);
    expect(store.getState().lastError).toContain('is used by "open_check"');
    store.getState().undo();
    expect(store.getState().flow.nodes.open_check).toMatchObject({ test: { timezone: expect.any(String) } });
    store.getState().undo();
    expect(store.getState().flow.calendars?.[id]?.name).toBe('Clinic hours');
    store.getState().undo();
    expect(store.getState().flow).not.toHaveProperty('calendars');
    store.getState().redo();
    expect(store.getState().flow.calendars?.[id]?.name).toBe('Clinic hours');
  });
});
