import { forEachPrompt } from '../../../core/nodes/registry.ts';
import type { Calendar, Calendars, FlowNode, Prompt } from '../../../core/schema/flow.ts';
import { countOf } from '../../../core/format/words.ts';
import { WEEKDAYS } from '../model/weekly-hours.ts';

const MAX_CHARS = 70;
const MAX_CALENDAR_CHARS = 140;

const DAY_NAMES = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' } as const;

function getPromptText(prompt: Prompt): string {
  if (typeof prompt === 'string') return prompt;
  if ('audio' in prompt && typeof prompt.audio === 'string') return `♪ ${prompt.audio}`;
  return Object.values(prompt).find((text): text is string => typeof text === 'string') ?? '';
}

/** "Mon–Fri 08:00–17:00, Sat 09:00–12:00": runs of days with the same ranges, closed days left out. */
export function toWeeklyHoursText(weekly: Calendar['weekly']): string {
  const runs: Array<{ first: string; last: string; hours: string }> = [];
  for (const day of WEEKDAYS) {
    const ranges = Object.hasOwn(weekly, day) ? (weekly[day] ?? []) : [];
    const hours = ranges.map(([open, close]) => `${open}–${close}`).join(' ');
    const previous = runs.at(-1);
    if (hours !== '' && previous?.hours === hours && previous.last === WEEKDAYS[WEEKDAYS.indexOf(day) - 1]) previous.last = day;
    else if (hours !== '') runs.push({ first: day, last: day, hours });
  }
  if (runs.length === 0) return 'closed every day';
  const name = (day: string) => DAY_NAMES[day as keyof typeof DAY_NAMES];
  return runs.map((run) => `${name(run.first)}${run.last === run.first ? '' : `–${name(run.last)}`} ${run.hours}`).join(', ');
}

/** A calendar named by an hours condition, in a line: its name, hours, zone and holidays. */
function getCalendarSummary(id: string, calendars: Calendars | undefined): string {
  const calendar = calendars !== undefined && Object.hasOwn(calendars, id) ? calendars[id] : undefined;
  if (calendar === undefined) return `calendar "${id}" is not in this flow`;
  const holidays = calendar.holidays?.length ? ` · ${countOf(calendar.holidays.length, 'holiday')}` : '';
  return `${calendar.name ?? id}: ${toWeeklyHoursText(calendar.weekly)} · ${calendar.timezone}${holidays}`;
}

/** The first words of the node's first prompt, or the hours of the calendar an hours check names, for the card on the canvas. */
export function getNodeSummary(node: FlowNode, calendars?: Calendars): string {
  if (node.kind === 'condition' && node.test.type === 'hours' && node.test.calendar !== undefined) {
    const summary = getCalendarSummary(node.test.calendar, calendars);
    // the hours are the point of the line: a longer cut than a prompt's
    return summary.length > MAX_CALENDAR_CHARS ? `${summary.slice(0, MAX_CALENDAR_CHARS - 1)}…` : summary;
  }
  let text = '';
  forEachPrompt(node, (_field, prompt) => {
    if (text === '') text = getPromptText(prompt);
  });
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}
