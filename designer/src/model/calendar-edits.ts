import { CalendarSchema, type Calendar, type Calendars, type Flow, type FlowNode, type HoursTest } from '../../../core/schema/flow.ts';
import { toFirstIssueText } from '../../../core/schema/issue-text.ts';
import { accept, refuse, type EditResult } from './edit-result.ts';

// The flow's shared business hours (`calendars`), edited as Connect's Hours of
// Operation: pure edits answering a new flow or why not, as ./flow-edits.ts does.

/** A new calendar's zone when the flow names none yet: the designer picks theirs in the zone picker. */
const DEFAULT_ZONE = 'UTC';

/** The zone a flow already works in: its first calendar's, else its first hours check's. */
function getFlowZone(flow: Flow): string {
  const calendar = Object.values(flow.calendars ?? {})[0];
  if (calendar !== undefined) return calendar.timezone;
  for (const node of Object.values(flow.nodes)) if (node.kind === 'condition' && node.test.type === 'hours' && node.test.timezone !== undefined) return node.test.timezone;
  return DEFAULT_ZONE;
}

/** Longest id made from a name: ids show in the file and the hours card. */
const MAX_ID_LENGTH = 40;

/** `Clinic hours` -> `clinic_hours`; a name with no letter or digit gives `hours`. */
export function toCalendarIdBase(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_ID_LENGTH)
    .replace(/_+$/, '');
  if (words === '') return 'hours';
  // an id starts with a letter or _
  return /^[a-z_]/.test(words) ? words : `hours_${words}`;
}

const hasCalendar = (calendars: Calendars | undefined, id: string): boolean => calendars !== undefined && Object.hasOwn(calendars, id);

/** An id for a calendar named `name` that no calendar of the flow holds: `clinic_hours`, then `clinic_hours_2`. */
export function getFreshCalendarId(flow: Flow, name: string): string {
  const base = toCalendarIdBase(name);
  if (!hasCalendar(flow.calendars, base)) return base;
  for (let n = 2; ; n++) if (!hasCalendar(flow.calendars, `${base}_${n}`)) return `${base}_${n}`;
}

/** The hours conditions that name calendar `id`, in file order. */
export function getCalendarUsers(flow: Flow, id: string): string[] {
  return Object.entries(flow.nodes)
    .filter(([, node]) => node.kind === 'condition' && node.test.type === 'hours' && node.test.calendar === id)
    .map(([nodeId]) => nodeId);
}

/** `calendars` goes before `entry`, where the schema lists it, so a file reads the same however it was made. */
function withCalendars(flow: Flow, calendars: Calendars | undefined): Flow {
  const entries = Object.entries(flow).filter(([key]) => key !== 'calendars');
  if (calendars !== undefined && Object.keys(calendars).length > 0) {
    const at = entries.findIndex(([key]) => key === 'entry');
    entries.splice(at === -1 ? entries.length : at, 0, ['calendars', calendars]);
  }
  return Object.fromEntries(entries) as Flow;
}

function checkCalendar(calendar: unknown, id: string): EditResult | null {
  const checked = CalendarSchema.safeParse(calendar);
  return checked.success ? null : refuse('invalid-value', `Cannot change the business hours "${id}": ${toFirstIssueText(checked.error.issues)}`);
}

/** A new calendar named `name` (closed every day until its hours are set, in the flow's zone), under an id made from the name. */
export function addCalendar(flow: Flow, name: string): { result: EditResult; id: string } {
  const trimmed = name.trim();
  const id = getFreshCalendarId(flow, trimmed);
  if (trimmed === '') return { result: refuse('invalid-value', 'Business hours need a name.'), id };
  const calendar: Calendar = { name: trimmed, timezone: getFlowZone(flow), weekly: {} };
  return { result: accept(withCalendars(flow, { ...flow.calendars, [id]: calendar })), id };
}

/** Replaces calendar `id` with `calendar`, kept only if the calendar schema accepts it. */
export function updateCalendar(flow: Flow, id: string, calendar: Calendar): EditResult {
  if (!hasCalendar(flow.calendars, id)) return refuse('unknown-field', `There are no business hours "${id}".`);
  return checkCalendar(calendar, id) ?? accept(withCalendars(flow, { ...flow.calendars, [id]: calendar }));
}

/** Removes calendar `id`; refused while an hours check names it, since those checks would then always be closed. */
export function removeCalendar(flow: Flow, id: string): EditResult {
  if (!hasCalendar(flow.calendars, id)) return refuse('unknown-field', `There are no business hours "${id}".`);
  const users = getCalendarUsers(flow, id);
  if (users.length > 0) return refuse('invalid-value', `"${flow.calendars![id]!.name ?? id}" is used by ${users.map((user) => `"${user}"`).join(', ')}: point those hours checks elsewhere first.`, users[0]);
  const { [id]: _removed, ...rest } = flow.calendars!;
  return accept(withCalendars(flow, rest));
}

function getHoursTest(flow: Flow, nodeId: string): { node: Extract<FlowNode, { kind: 'condition' }>; test: HoursTest } | null {
  const node = Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId] : undefined;
  if (node?.kind !== 'condition' || node.test.type !== 'hours') return null;
  return { node, test: node.test };
}

const withTest = (flow: Flow, nodeId: string, node: Extract<FlowNode, { kind: 'condition' }>, test: HoursTest): Flow => ({ ...flow, nodes: { ...flow.nodes, [nodeId]: { ...node, test } } });

/**
 * Points an hours check at calendar `calendarId`, or with null gives it hours of its own, starting from
 * the calendar's zone, week and all-day holidays (an inline check has no holidays with their own hours).
 */
export function setHoursSource(flow: Flow, nodeId: string, calendarId: string | null): EditResult {
  const found = getHoursTest(flow, nodeId);
  if (found === null) return refuse('unknown-node', `"${nodeId}" is not an hours check.`, nodeId);
  const { node, test } = found;
  if (calendarId !== null) {
    if (!hasCalendar(flow.calendars, calendarId)) return refuse('invalid-value', `There are no business hours "${calendarId}".`, nodeId);
    return accept(test.calendar === calendarId ? flow : withTest(flow, nodeId, node, { type: 'hours', calendar: calendarId }));
  }
  if (test.calendar === undefined) return accept(flow);
  const from = flow.calendars !== undefined && Object.hasOwn(flow.calendars, test.calendar) ? flow.calendars[test.calendar] : undefined;
  const holidays = (from?.holidays ?? []).flatMap((holiday) => (typeof holiday === 'string' ? [holiday] : (holiday.hours?.length ?? 0) === 0 ? [holiday.date] : []));
  const inline: HoursTest = {
    type: 'hours',
    timezone: from?.timezone ?? getFlowZone(flow),
    weekly: copyWeekly(from?.weekly ?? {}),
    ...(holidays.length > 0 && { holidays }),
  };
  return accept(withTest(flow, nodeId, node, inline));
}

function copyWeekly(weekly: Calendar['weekly']): Calendar['weekly'] {
  return Object.fromEntries(Object.entries(weekly).map(([day, ranges]) => [day, (ranges ?? []).map(([open, close]) => [open, close])]));
}

/** The inline hours of check `nodeId` moved into a new calendar named `name`, which the check then names. */
export function moveHoursToCalendar(flow: Flow, nodeId: string, name: string): { result: EditResult; id: string } {
  const id = getFreshCalendarId(flow, name);
  const found = getHoursTest(flow, nodeId);
  if (found === null) return { result: refuse('unknown-node', `"${nodeId}" is not an hours check.`, nodeId), id };
  const { node, test } = found;
  if (test.calendar !== undefined || test.timezone === undefined || test.weekly === undefined) {
    return { result: refuse('invalid-value', `"${nodeId}" has no hours of its own to move.`, nodeId), id };
  }
  const trimmed = name.trim();
  const calendar: Calendar = {
    ...(trimmed !== '' && { name: trimmed }),
    timezone: test.timezone,
    weekly: copyWeekly(test.weekly),
    ...(test.holidays !== undefined && test.holidays.length > 0 && { holidays: [...test.holidays] }),
  };
  const refused = checkCalendar(calendar, id);
  if (refused) return { result: refused, id };
  const moved = withCalendars(flow, { ...flow.calendars, [id]: calendar });
  return { result: accept(withTest(moved, nodeId, node, { type: 'hours', calendar: id })), id };
}
