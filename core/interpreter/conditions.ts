import type { Calendars, ConditionTest, HoursTest, OpenRange, Weekday } from '../schema/flow.ts';
import { canSplitTake, isDrawingSplit } from '../nodes/split.ts';
import { resolveName } from './prompts.ts';
import type { CallState, RunOptions } from './types.ts';

type Test<T extends ConditionTest['type']> = Extract<ConditionTest, { type: T }>;
type Value = string | number | boolean;
type Expected = Value | string[] | undefined;

// Formatters are costly to build and a line has few zones: one per zone, made on first use.
const formatters = new Map<string, Intl.DateTimeFormat>();

function getFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface LocalTime {
  /** `YYYY-MM-DD` in the zone */
  date: string;
  weekday: Weekday;
  /** minutes since local midnight */
  minutes: number;
}

/** The wall-clock time at `now` in an IANA zone, from Intl's parts (so daylight saving is the zone's own). */
export function getLocalTime(timeZone: string, now: Date): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of getFormatter(timeZone).formatToParts(now)) parts[part.type] = part.value;
  const hour = Number(parts.hour) % 24;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: (parts.weekday ?? '').toLowerCase().slice(0, 3) as Weekday,
    minutes: hour * 60 + Number(parts.minute),
  };
}

const toMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The hours an hours test keeps, its own or its calendar's, in one shape. */
export interface Schedule {
  timezone: string;
  weekly: Partial<Record<Weekday, readonly OpenRange[]>>;
  /** date in the zone → that day's ranges instead of the weekly ones; empty: closed all day */
  exceptions: ReadonlyMap<string, readonly OpenRange[]>;
}

/** The test's own hours, or those of the calendar it names; undefined when the flow has no such calendar (or the test no hours). */
export function getSchedule(test: HoursTest, calendars: Calendars | undefined): Schedule | undefined {
  if (test.calendar !== undefined) {
    const calendar = calendars !== undefined && Object.hasOwn(calendars, test.calendar) ? calendars[test.calendar] : undefined;
    if (calendar === undefined) return undefined;
    const exceptions = new Map<string, readonly OpenRange[]>();
    for (const holiday of calendar.holidays ?? []) {
      if (typeof holiday === 'string') exceptions.set(holiday, []);
      else exceptions.set(holiday.date, holiday.hours ?? []);
    }
    return { timezone: calendar.timezone, weekly: calendar.weekly, exceptions };
  }
  if (test.timezone === undefined || test.weekly === undefined) return undefined;
  return { timezone: test.timezone, weekly: test.weekly, exceptions: new Map((test.holidays ?? []).map((date) => [date, []])) };
}

/** Open when `now` falls in one of the day's ranges [open, close); a holiday has its own ranges (none: closed); a close at or before the open means midnight. */
export function isScheduleOpen(schedule: Schedule, now: Date): boolean {
  let local: LocalTime;
  try {
    local = getLocalTime(schedule.timezone, now);
  } catch {
    return false; // an unknown zone or an invalid date: closed, the branch the validator checked for the worst case
  }
  const ranges = schedule.exceptions.get(local.date) ?? (Object.hasOwn(schedule.weekly, local.weekday) ? (schedule.weekly[local.weekday] ?? []) : []);
  return ranges.some(([open, close]) => {
    const from = toMinutes(open);
    const to = toMinutes(close) <= from ? 24 * 60 : toMinutes(close);
    return local.minutes >= from && local.minutes < to;
  });
}

/** Whether an hours test holds at `now`; a calendar the flow does not have is closed (the linter refuses such a flow). */
export function isOpen(test: HoursTest, now: Date, calendars?: Calendars): boolean {
  const schedule = getSchedule(test, calendars);
  return schedule !== undefined && isScheduleOpen(schedule, now);
}

const regexes = new Map<string, RegExp | null>();

function getRegex(source: string): RegExp | null {
  if (!regexes.has(source)) {
    let regex: RegExp | null = null;
    try {
      regex = new RegExp(source);
    } catch {
      regex = null;
    }
    if (regexes.size > 500) regexes.clear();
    regexes.set(source, regex);
  }
  return regexes.get(source) ?? null;
}

/** An invalid pattern matches nothing. */
export function matchesPattern(source: string, text: string): boolean {
  return getRegex(source)?.test(text) ?? false;
}

const asNumber = (value: Value): number => (typeof value === 'string' && value.trim() === '' ? NaN : Number(value));

/** Equal as numbers when both read as numbers ("007" eq 7), else as text (true eq "true"). */
function same(actual: Value, expected: Value): boolean {
  const a = asNumber(actual);
  const b = asNumber(expected);
  if (typeof actual !== 'boolean' && typeof expected !== 'boolean' && Number.isFinite(a) && Number.isFinite(b)) return a === b;
  return String(actual) === String(expected);
}

/** eq ne lt gt in matches exists; a missing value is only `ne` anything. */
export function compare(actual: Value | undefined, op: Test<'variable'>['op'], expected: Expected): boolean {
  if (op === 'exists') return actual !== undefined && actual !== '';
  if (actual === undefined) return op === 'ne';
  const list = Array.isArray(expected) ? expected : expected === undefined ? [] : [expected];
  switch (op) {
    case 'eq':
      return list.length > 0 && list.some((e) => same(actual, e));
    case 'ne':
      return !list.some((e) => same(actual, e));
    case 'in':
      return list.some((e) => same(actual, e));
    case 'lt':
    case 'gt': {
      const a = asNumber(actual);
      const b = list[0] === undefined ? NaN : asNumber(list[0]);
      return Number.isFinite(a) && Number.isFinite(b) && (op === 'lt' ? a < b : a > b);
    }
    case 'matches':
      return list.some((e) => matchesPattern(String(e), String(actual)));
  }
}

/** A split: `random() * 100 < percent` takes `then`; a random source that fails takes `else`. */
function inSplit(percent: number, options: RunOptions): boolean {
  if (!isDrawingSplit(percent)) return canSplitTake(percent, true);
  let draw: number;
  try {
    draw = Number(options.random());
  } catch {
    return false;
  }
  return Number.isFinite(draw) && draw * 100 < percent;
}

/** Whether a condition node takes `then`; `calendars` are the flow's, for hours tests that name one. */
export function evaluateTest(test: ConditionTest, state: CallState, options: RunOptions, calendars?: Calendars): boolean {
  switch (test.type) {
    case 'hours':
      return isOpen(test, options.now, calendars);
    case 'variable':
      return compare(resolveName(state, test.variable), test.op, test.value);
    case 'caller':
      return compare(resolveName(state, `caller.${test.field}`), test.op, test.value);
    case 'split':
      return inSplit(test.percent, options);
  }
}
