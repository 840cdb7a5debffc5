import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpenRange } from '../../core/schema/flow.ts';
import { copyToWeekdays, WEEKDAYS, type WeeklyHours } from '../../designer/src/model/weekly-hours.ts';

describe('copy to weekdays', () => {
  it("gives Tuesday to Friday Monday's hours and keeps the weekend", () => {
    const weekly: WeeklyHours = { mon: [['08:00', '12:00'], ['13:00', '17:00']], wed: [['10:00', '11:00']], sat: [['09:00', '12:00']] };
    expect(copyToWeekdays(weekly)).toEqual({
      mon: [['08:00', '12:00'], ['13:00', '17:00']],
      tue: [['08:00', '12:00'], ['13:00', '17:00']],
      wed: [['08:00', '12:00'], ['13:00', '17:00']],
      thu: [['08:00', '12:00'], ['13:00', '17:00']],
      fri: [['08:00', '12:00'], ['13:00', '17:00']],
      sat: [['09:00', '12:00']],
    });
  });

  it('closes Tuesday to Friday when Monday is closed', () => {
    expect(copyToWeekdays({ tue: [['08:00', '17:00']], sun: [['10:00', '14:00']] })).toEqual({ sun: [['10:00', '14:00']] });
  });

  it('leaves the original alone and gives every day its own ranges', () => {
    const weekly: WeeklyHours = { mon: [['08:00', '17:00']] };
    const copied = copyToWeekdays(weekly);
    copied.tue![0]![1] = '18:00';
    expect(copied.mon).toEqual([['08:00', '17:00']]);
    expect(weekly).toEqual({ mon: [['08:00', '17:00']] });
  });

  it('writes the days in week order whatever order they came in', () => {
    expect(Object.keys(copyToWeekdays({ sun: [['10:00', '12:00']], mon: [['08:00', '09:00']] }))).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sun']);
  });

  it('makes every weekday read as Monday, for any week', () => {
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const ranges = fc.array(fc.tuple(time, time).map((range): OpenRange => range), { maxLength: 3 });
    const week = fc.record(Object.fromEntries(WEEKDAYS.map((day) => [day, ranges])), { requiredKeys: [] }) as fc.Arbitrary<WeeklyHours>;
    fc.assert(
      fc.property(week, (weekly) => {
        const copied = copyToWeekdays(weekly);
        for (const day of ['tue', 'wed', 'thu', 'fri'] as const) expect(copied[day] ?? []).toEqual(weekly.mon ?? []);
        for (const day of ['mon', 'sat', 'sun'] as const) expect(copied[day] ?? []).toEqual(weekly[day] ?? []);
      }),
    );
  });
});
