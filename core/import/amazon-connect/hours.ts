import { CalendarSchema, type Calendar, type OpenRange, type Weekday } from '../../schema/flow.ts';
import { getOwn, isRecord, readArray, readNumber, readText, type JsonRecord } from '../json-shape.ts';
import { toNodeId } from '../node-ids.ts';
import { getArnName } from './actions.ts';

/** The key under which an export may carry DescribeHoursOfOperation answers (or their `HoursOfOperation` objects). */
export const HOURS_DATA_KEY = 'HoursOfOperations';

/** Connect keeps hours in the instance, not in the flow: what a calendar holds until someone sets the real hours. */
export const PLACEHOLDER_HOURS_TEXT = 'Monday to Friday 09:00-17:00 UTC';
const PLACEHOLDER_WEEKLY: Calendar['weekly'] = {
  mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']],
};

const DAYS: Readonly<Record<string, Weekday>> = {
  MONDAY: 'mon', TUESDAY: 'tue', WEDNESDAY: 'wed', THURSDAY: 'thu', FRIDAY: 'fri', SATURDAY: 'sat', SUNDAY: 'sun',
};
const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** One hours of operation the export carries, read leniently. */
interface HoursData {
  arn: string | undefined;
  id: string | undefined;
  name: string | undefined;
  /** undefined when its zone or days do not make a calendar */
  calendar: Calendar | undefined;
  /** what was left out or could not be read, in words */
  problems: string[];
}

/** What an hours check names: the hours' ARN or id (or a `$.` expression), and the console's name for them. */
export interface HoursReference {
  ref: string | undefined;
  displayName: string | undefined;
}

/** The calendar an hours check names, and whether its hours are a placeholder. */
export interface ClaimedCalendar {
  id: string;
  name: string;
  placeholder: boolean;
  /** problems in the hours data, reported once, by the first check that names the calendar */
  problems: string[];
}

const toTime = (slice: unknown): number | undefined => {
  const hours = readNumber(getOwn(slice, 'Hours'));
  const minutes = readNumber(getOwn(slice, 'Minutes')) ?? 0;
  if (hours === undefined || !Number.isInteger(hours) || !Number.isInteger(minutes) || hours < 0 || hours > 24 || minutes < 0 || minutes > 59) return undefined;
  return hours * 60 + minutes;
};
const toClock = (minutes: number): string => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A `HoursOfOperation` object as a calendar. Connect's ranges may run past midnight (22:00 to
 * 02:00): the part after midnight goes to the next day, as our ranges close at midnight at the latest.
 */
function toHoursData(hours: JsonRecord): HoursData {
  const arn = readText(getOwn(hours, 'HoursOfOperationArn'));
  const name = readText(getOwn(hours, 'Name'));
  const timezone = readText(getOwn(hours, 'TimeZone'));
  const problems: string[] = [];
  const weekly: Partial<Record<Weekday, OpenRange[]>> = {};
  const add = (day: Weekday, range: OpenRange) => (weekly[day] ??= []).push(range);
  for (const [index, entry] of readArray(getOwn(hours, 'Config')).entries()) {
    const dayName = readText(getOwn(entry, 'Day'))?.toUpperCase();
    const day = dayName !== undefined && Object.hasOwn(DAYS, dayName) ? DAYS[dayName] : undefined;
    const start = toTime(getOwn(entry, 'StartTime'));
    const end = toTime(getOwn(entry, 'EndTime'));
    if (day === undefined || start === undefined || end === undefined) {
      problems.push(`Config[${index}] is not a day with a start and end time: left out`);
      continue;
    }
    if (end % (24 * 60) !== 0 && end < start) {
      add(day, [toClock(start), '00:00']);
      add(WEEK[(WEEK.indexOf(day) + 1) % 7]!, ['00:00', toClock(end)]);
    } else {
      add(day, [toClock(start), toClock(end)]);
    }
  }
  const parsed = CalendarSchema.safeParse({ ...(name !== undefined ? { name } : {}), timezone, weekly });
  if (!parsed.success) problems.push(timezone === undefined ? 'it has no TimeZone' : `its TimeZone "${timezone}" is no IANA time zone`);
  return { arn, id: readText(getOwn(hours, 'HoursOfOperationId')) ?? (arn !== undefined ? getArnName(arn) : undefined), name, calendar: parsed.success ? parsed.data : undefined, problems };
}

/** The hours of operation an export carries under `HoursOfOperations`, beside the flow or inside it. */
export function readHoursData(...holders: unknown[]): HoursData[] {
  const entries = [...new Set(holders)].flatMap((holder) => readArray(getOwn(holder, HOURS_DATA_KEY)));
  return entries.flatMap((entry) => {
    // DescribeHoursOfOperation answers `{ HoursOfOperation: {...} }`; the object alone is fine too
    const hours = getOwn(entry, 'HoursOfOperation') ?? entry;
    return isRecord(hours) ? [toHoursData(hours)] : [];
  });
}

/**
 * The flow's calendars, one per distinct hours of operation: checks that name the same hours
 * (by ARN, id or name) share one. Hours the export carries become the real calendar; others a placeholder.
 */
export class ConnectCalendars {
  /** each calendar as a repeated check gets it: its problems were reported by the first */
  private readonly repeats: ClaimedCalendar[] = [];
  /** the first calendar (index in `repeats`) each key (ARN, id or name, lower case) names */
  private readonly byKey = new Map<string, number>();
  readonly calendars = new Map<string, Calendar>();

  constructor(private readonly data: readonly HoursData[]) {}

  claim(reference: HoursReference, fallbackName: string): ClaimedCalendar {
    const { ref, displayName } = reference;
    const refId = ref !== undefined && !ref.startsWith('$') ? getArnName(ref) : undefined;
    const data = this.data.find((hours) =>
      (ref !== undefined && (hours.arn === ref || hours.id === ref || hours.id === refId)) || (displayName !== undefined && hours.name === displayName));
    const keys = [ref, refId, displayName, data?.arn, data?.id, data?.name].filter((key) => key !== undefined).map((key) => key.toLowerCase());
    if (keys.length === 0) keys.push(`\0${fallbackName}`);
    // the first calendar any of the keys names; a map by key, not a scan: a large export has hundreds of hours checks
    let known = -1;
    for (const key of keys) {
      const index = this.byKey.get(key);
      if (index !== undefined && (known < 0 || index < known)) known = index;
    }
    if (known >= 0) {
      // the keys now name this calendar too, and it comes before any other they named
      for (const key of keys) this.byKey.set(key, known);
      return this.repeats[known]!;
    }
    const name = data?.name ?? displayName ?? (refId !== undefined && ref !== refId ? refId : ref) ?? fallbackName;
    // lower case first, so no case of `__proto__` slips past toNodeId; a prefix of an id is an id
    const id = this.freshId(toNodeId(name.toLowerCase()).slice(0, 64));
    const calendar: ClaimedCalendar = { id, name, placeholder: data?.calendar === undefined, problems: data?.problems ?? [] };
    const { name: _, ...hours } = data?.calendar ?? { timezone: 'UTC', weekly: PLACEHOLDER_WEEKLY };
    const named = { name, ...hours };
    // a name the flow format refuses (a control character, say) is left out rather than failing the import
    this.calendars.set(id, CalendarSchema.safeParse(named).success ? named : hours);
    for (const key of keys) this.byKey.set(key, this.repeats.length);
    this.repeats.push({ ...calendar, problems: [] });
    return calendar;
  }

  private freshId(base: string): string {
    let id = base;
    for (let n = 2; this.calendars.has(id); n++) id = `${base}_${n}`;
    return id;
  }
}
