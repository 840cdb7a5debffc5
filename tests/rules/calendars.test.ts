import { describe, expect, it } from 'vitest';
import rule from '../../core/lint/rules/calendars.ts';
import { lintFlow } from '../../core/lint/linter.ts';
import type { Calendar, Flow, NodeOfKind } from '../../core/schema/flow.ts';
import { cleanLine, hangup, makeFlow, say, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const OFFICE: Calendar = { timezone: 'Europe/Amsterdam', weekly: { mon: [['08:00', '17:00']], fri: [['08:00', '12:00']] } };
const byCalendar = (calendar: string): NodeOfKind<'condition'> => ({ kind: 'condition', test: { type: 'hours', calendar }, then: 'agent', else: 'vm' });

/** welcome → hours check by calendar → agent (open) or voicemail (closed). */
function officeLine(calendar: string, calendars: Record<string, Calendar> = { office: OFFICE }): Flow {
  return makeFlow('welcome', {
    welcome: say('hours_check', 'Welcome.'),
    hours_check: byCalendar(calendar),
    agent: transfer({ answered: 'bye', onFailure: 'vm' }),
    vm: voicemail('bye'),
    bye: hangup('Goodbye.'),
  }, { calendars });
}

testRule(rule, {
  valid: [
    { name: 'a flow without calendars', flow: cleanLine() },
    { name: 'an hours check that names a calendar of the flow', flow: officeLine('office') },
    { name: 'ranges that touch but do not overlap', flow: officeLine('office', { office: { ...OFFICE, weekly: { mon: [['13:00', '17:00'], ['08:00', '13:00']] } } }) },
  ],
  invalid: [
    {
      name: 'a calendar the flow does not have, named with the node and what to do',
      flow: officeLine('ofice'),
      errors: [
        { messageId: 'unknownCalendar', nodeId: 'hours_check', severity: 'error', message: 'The hours check "hours_check" names the calendar "ofice", which is not in this flow\'s calendars: add it under "calendars" or name one of "office".' },
        { messageId: 'unusedCalendar', nodeId: 'office', severity: 'warning' },
      ],
    },
    {
      name: 'a calendar named by a flow that has none',
      flow: officeLine('office', {}),
      errors: [{ messageId: 'unknownCalendar', nodeId: 'hours_check', message: 'none (the flow has no calendars)' }],
    },
    {
      name: 'a calendar nobody names is a warning',
      flow: { ...cleanLine(), calendars: { spare: OFFICE } },
      errors: [{ messageId: 'unusedCalendar', nodeId: 'spare', severity: 'warning', message: 'remove it' }],
    },
    {
      name: 'overlapping ranges, a close at midnight counting as the end of the day',
      flow: officeLine('office', { office: { ...OFFICE, weekly: { tue: [['18:00', '00:00'], ['08:00', '12:00'], ['11:30', '14:00']], sat: [['20:00', '00:00'], ['22:00', '23:00']] } } }),
      errors: [
        { messageId: 'overlappingRanges', nodeId: 'office', severity: 'warning', message: 'on tue: 08:00–12:00 and 11:30–14:00' },
        { messageId: 'overlappingRanges', nodeId: 'office', severity: 'warning', message: 'on sat: 20:00–00:00 and 22:00–23:00' },
      ],
    },
  ],
});

describe('the guarantee through a calendar', () => {
  it('is proven for an hours check that names a calendar as for the same check written inline', () => {
    const inline = officeLine('office');
    inline.nodes.hours_check = { kind: 'condition', test: { type: 'hours', timezone: OFFICE.timezone, weekly: OFFICE.weekly }, then: 'agent', else: 'vm' };
    delete inline.calendars;
    const strip = (flow: Flow) => lintFlow(flow).findings.map(({ ruleId, nodeId, severity }) => ({ ruleId, nodeId, severity }));
    expect(strip(officeLine('office'))).toEqual(strip(inline));
    expect(strip(officeLine('office')).filter((finding) => finding.severity === 'error')).toEqual([]);
  });
});
