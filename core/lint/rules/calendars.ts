import { z } from 'zod';
import type { OpenRange, Weekday } from '../../schema/flow.ts';
import { createRule } from '../rule.ts';

const DAY_MINUTES = 24 * 60;
const toMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The first two ranges of a day that share a minute, as the interpreter reads them (a close at or before the open is midnight). */
function findOverlap(ranges: readonly OpenRange[]): [OpenRange, OpenRange] | undefined {
  const spans = ranges
    .map((range) => ({ range, from: toMinutes(range[0]), to: toMinutes(range[1]) <= toMinutes(range[0]) ? DAY_MINUTES : toMinutes(range[1]) }))
    .sort((a, b) => a.from - b.from);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.from < spans[i - 1]!.to) return [spans[i - 1]!.range, spans[i]!.range];
  }
  return undefined;
}

export default createRule({
  id: 'calendars',
  meta: {
    description: 'Every hours check that names a calendar names one of the flow\'s `calendars`; every calendar is used; no two ranges of a day overlap.',
    severity: 'error',
    messages: {
      unknownCalendar: 'The hours check "{{node}}" names the calendar "{{calendar}}", which is not in this flow\'s calendars: add it under "calendars" or name one of {{known}}.',
      unusedCalendar: 'The calendar "{{calendar}}" is not named by any hours check: name it in one (test.calendar) or remove it.',
      overlappingRanges: 'The calendar "{{calendar}}" has overlapping ranges on {{day}}: {{first}} and {{second}}; merge them into one.',
    },
    options: z.strictObject({}),
  },
  check({ flow, analysis, report }) {
    const { graph } = analysis;
    const calendars = flow.calendars ?? {};
    const ids = Object.keys(calendars);
    const named = new Set<string>();
    // Every condition, reachable or not: a wrong name is wrong wherever it sits. The graph's list
    // spares a walk of all nodes, which costs a large flow about half its parse time.
    for (const index of graph.byKind.condition) {
      const nodeId = graph.ids[index]!;
      const node = graph.nodes[index]!;
      if (node.kind !== 'condition' || node.test.type !== 'hours' || node.test.calendar === undefined) continue;
      const calendar = node.test.calendar;
      named.add(calendar);
      if (!Object.hasOwn(calendars, calendar)) {
        const known = ids.length === 0 ? 'none (the flow has no calendars)' : ids.map((id) => `"${id}"`).join(', ');
        report({ nodeId, messageId: 'unknownCalendar', data: { node: nodeId, calendar, known } });
      }
    }
    for (const [id, calendar] of Object.entries(calendars)) {
      // Neither changes what a call does, hence warnings.
      if (!named.has(id)) report({ nodeId: id, messageId: 'unusedCalendar', data: { calendar: id }, severity: 'warn' });
      for (const [day, ranges] of Object.entries(calendar.weekly) as Array<[Weekday, OpenRange[]]>) {
        const overlap = findOverlap(ranges);
        if (overlap) report({ nodeId: id, messageId: 'overlappingRanges', data: { calendar: id, day, first: overlap[0].join('–'), second: overlap[1].join('–') }, severity: 'warn' });
      }
    }
  },
});
