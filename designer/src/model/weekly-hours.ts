import type { OpenRange, Weekday } from '../../../core/schema/flow.ts';

// Editing a week of opening ranges, as Connect's Hours of Operation does:
// set Monday once, copy it to the other working days.

export type WeeklyHours = Partial<Record<Weekday, OpenRange[]>>;

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WORKING_DAYS: readonly Weekday[] = ['tue', 'wed', 'thu', 'fri'];

/** Monday's ranges copied to Tuesday to Friday (a closed Monday closes them); the weekend stays, days in week order so the file reads the same. */
export function copyToWeekdays(weekly: WeeklyHours): WeeklyHours {
  const monday = weekly.mon ?? [];
  const copied: WeeklyHours = {};
  for (const day of WEEKDAYS) {
    // each day its own copy: editing Tuesday later must not change Monday
    const ranges = WORKING_DAYS.includes(day) ? monday : (weekly[day] ?? []);
    if (ranges.length > 0) copied[day] = ranges.map(([open, close]): OpenRange => [open, close]);
  }
  return copied;
}
