import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpen } from '../../core/interpreter/conditions.ts';
import type { Calendar, Calendars, HoursTest, OpenRange } from '../../core/schema/flow.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import { hangup, makeFlow, transfer, voicemail } from '../helpers/flows.ts';
import { expectWait, last, runOptions } from './helpers.ts';

// Hours checks that name a calendar of the flow: the calendar's days, in its
// zone, its holidays closed or with their own hours.

const CLINIC: Calendar = {
  name: 'Clinic',
  timezone: 'Europe/Amsterdam',
  weekly: { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']] },
  holidays: ['2026-12-25', { date: '2026-12-24', name: 'Christmas Eve', hours: [['08:00', '13:00']] }],
};
const calendars: Calendars = { clinic: CLINIC };
const byCalendar: HoursTest = { type: 'hours', calendar: 'clinic' };

const clinicLine = () =>
  makeFlow('hours_check', {
    hours_check: { kind: 'condition', test: byCalendar, then: 'desk', else: 'after_hours' },
    desk: transfer({ answered: 'bye', onFailure: 'after_hours' }),
    after_hours: voicemail('bye'),
    bye: hangup('Goodbye.'),
  }, { calendars });

describe('an hours check that names a calendar', () => {
  it('is open at 16:30 and closed at 17:30 in Amsterdam, whatever the zone of the machine', () => {
    // Tuesday 1 December 2026: Amsterdam is UTC+1
    expect(isOpen(byCalendar, new Date('2026-12-01T15:30:00Z'), calendars)).toBe(true);
    expect(isOpen(byCalendar, new Date('2026-12-01T16:30:00Z'), calendars)).toBe(false);
    expect(isOpen(byCalendar, new Date('2026-12-01T06:59:00Z'), calendars)).toBe(false);
  });

  it('is closed on a holiday, taken as the date in the calendar zone', () => {
    expect(isOpen(byCalendar, new Date('2026-12-25T10:00:00Z'), calendars)).toBe(false);
    // 23:30 UTC on 24 December, a Thursday, is already Friday 25 December in Amsterdam
    expect(isOpen({ type: 'hours', calendar: 'late' }, new Date('2026-12-24T23:30:00Z'), { late: { ...CLINIC, weekly: { fri: [['00:00', '00:00']] } } })).toBe(false);
  });

  it("keeps a holiday's own hours instead of the week's", () => {
    expect(isOpen(byCalendar, new Date('2026-12-24T11:59:00Z'), calendars)).toBe(true); // 12:59 in Amsterdam
    expect(isOpen(byCalendar, new Date('2026-12-24T12:00:00Z'), calendars)).toBe(false); // 13:00
  });

  it('is closed when the flow has no such calendar (the linter refuses that flow)', () => {
    expect(isOpen({ type: 'hours', calendar: 'nowhere' }, new Date('2026-12-01T10:00:00Z'), calendars)).toBe(false);
    expect(isOpen({ type: 'hours', calendar: 'toString' }, new Date('2026-12-01T10:00:00Z'), calendars)).toBe(false);
    expect(isOpen(byCalendar, new Date('2026-12-01T10:00:00Z'))).toBe(false);
  });

  it('routes a call to the desk or the voicemail by the time', () => {
    expectWait(last(clinicLine(), [], runOptions({ now: new Date('2026-12-01T15:30:00Z') })), 'dial', 'desk');
    expectWait(last(clinicLine(), [], runOptions({ now: new Date('2026-12-01T16:30:00Z') })), 'record', 'after_hours');
  });
});

describe('the calendar schema', () => {
  it('accepts a flow with calendars and keeps it as written', () => {
    const parsed = parseFlow(clinicLine());
    expect(parsed.ok && parsed.flow.calendars).toEqual(calendars);
  });

  it('refuses an hours check that names a calendar and also carries days, and one with neither', () => {
    const both = parseFlow(makeFlow('h', { h: { kind: 'condition', test: { ...byCalendar, timezone: 'UTC' } } }, { calendars }));
    expect(both.ok).toBe(false);
    const neither = parseFlow(makeFlow('h', { h: { kind: 'condition', test: { type: 'hours' } } }));
    expect(neither.ok).toBe(false);
  });

  it('refuses a calendar with an unknown zone, a bad range or a typo in a field', () => {
    for (const calendar of [{ ...CLINIC, timezone: 'Europe/Amsterdm' }, { ...CLINIC, weekly: { mon: [['8:00', '17:00']] } }, { ...CLINIC, holiday: [] }]) {
      expect(parseFlow(makeFlow('h', { h: { kind: 'condition', test: byCalendar } }, { calendars: { clinic: calendar as Calendar } })).ok).toBe(false);
    }
  });
});

const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const ranges = fc.array(fc.tuple(time, time).map((range): OpenRange => range), { maxLength: 3 });
const week = fc.record({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges, sat: ranges, sun: ranges }, { requiredKeys: [] });
const zone = fc.constantFrom('UTC', 'Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe');
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms));
const day = fc.integer({ min: 0, max: 729 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

describe('a calendar and its inline equivalent', () => {
  it('give the same answer at every instant', () => {
    fc.assert(
      fc.property(zone, week, fc.array(day, { maxLength: 20 }), instant, (timezone, weekly, holidays, now) => {
        const inline: HoursTest = { type: 'hours', timezone, weekly, holidays };
        const named: HoursTest = { type: 'hours', calendar: 'shared' };
        expect(isOpen(named, now, { shared: { timezone, weekly, holidays } })).toBe(isOpen(inline, now));
      }),
      { numRuns: 2000 },
    );
  });
});
