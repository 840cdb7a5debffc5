import { getLocalTime, getSchedule } from '../../../core/interpreter/conditions.ts';
import type { Flow } from '../../../core/schema/flow.ts';

// The simulator's clock reads and sets wall-clock time in the flow's own zone
// (the zone its business hours are written in), never the browser's: a
// designer in New York tries an Amsterdam line at Amsterdam's 16:30.

const MINUTE = 60_000;

/** The zone of the flow's first business-hours condition (its own or its calendar's); a flow without one runs in the browser's zone. */
export function getFlowTimeZone(flow: Flow): string {
  for (const node of Object.values(flow.nodes)) {
    if (node.kind !== 'condition' || node.test.type !== 'hours') continue;
    const timeZone = getSchedule(node.test, flow.calendars)?.timezone;
    if (timeZone !== undefined && isKnownZone(timeZone)) return timeZone;
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function isKnownZone(timeZone: string): boolean {
  try {
    getLocalTime(timeZone, new Date(0));
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The value a datetime-local input shows for `date` in `timeZone`: `YYYY-MM-DDTHH:MM`. */
export function toZonedClockValue(date: Date, timeZone: string): string {
  const local = getLocalTime(timeZone, date);
  return `${local.date}T${pad(Math.floor(local.minutes / 60))}:${pad(local.minutes % 60)}`;
}

/** The wall clock of `date` in `timeZone`, read as if it were UTC: the zone's offset is the difference. */
function getWallClockMs(date: Date, timeZone: string): number {
  const local = getLocalTime(timeZone, date);
  return Date.parse(`${local.date}T00:00:00Z`) + local.minutes * MINUTE;
}

/**
 * The instant a datetime-local value names in `timeZone`; null for a value that is empty or half-typed.
 * Two passes settle the offset on either side of a daylight-saving change.
 */
export function fromZonedClockValue(value: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const wall = Date.parse(`${value}:00Z`);
  if (Number.isNaN(wall)) return null;
  let instant = wall;
  for (let pass = 0; pass < 2; pass++) instant = wall - (getWallClockMs(new Date(instant), timeZone) - instant);
  return new Date(instant);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 10 Mar 2026, 16:30 Europe/Amsterdam": the simulated time with the zone it is read in, the same in every browser. */
export function describeZonedTime(date: Date, timeZone: string): string {
  const local = getLocalTime(timeZone, date);
  const [year, month, day] = local.date.split('-');
  const weekday = local.weekday.charAt(0).toUpperCase() + local.weekday.slice(1);
  return `${weekday} ${Number(day)} ${MONTHS[Number(month) - 1]} ${year}, ${pad(Math.floor(local.minutes / 60))}:${pad(local.minutes % 60)} ${timeZone}`;
}
