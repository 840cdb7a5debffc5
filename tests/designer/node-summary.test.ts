import { describe, expect, it } from 'vitest';
import type { Calendars, FlowNode } from '../../core/schema/flow.ts';
import { getNodeSummary, toWeeklyHoursText } from '../../designer/src/nodes/node-summary.ts';

const calendars: Calendars = {
  clinic: {
    name: 'Clinic',
    timezone: 'Europe/Amsterdam',
    weekly: { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']], sat: [['09:00', '12:00']] },
    holidays: ['2026-12-25', '2026-12-26'],
  },
};
const hoursCheck = (calendar: string): FlowNode => ({ kind: 'condition', test: { type: 'hours', calendar }, then: 'a', else: 'b' });

describe('the summary line of an hours card that names a calendar', () => {
  it("shows the calendar's name, hours, zone and holidays", () => {
    expect(getNodeSummary(hoursCheck('clinic'), calendars)).toBe('Clinic: Mon–Fri 08:00–17:00, Sat 09:00–12:00 · Europe/Amsterdam · 2 holidays');
  });

  it('says when the flow has no such calendar', () => {
    expect(getNodeSummary(hoursCheck('shop'), calendars)).toBe('calendar "shop" is not in this flow');
    expect(getNodeSummary(hoursCheck('clinic'))).toBe('calendar "clinic" is not in this flow');
  });

  it('groups only neighbouring days with the same ranges', () => {
    expect(toWeeklyHoursText({ mon: [['08:00', '12:00'], ['13:00', '17:00']], wed: [['08:00', '12:00'], ['13:00', '17:00']] })).toBe('Mon 08:00–12:00 13:00–17:00, Wed 08:00–12:00 13:00–17:00');
    expect(toWeeklyHoursText({})).toBe('closed every day');
  });

  it('keeps the prompt summary for other nodes', () => {
    expect(getNodeSummary({ kind: 'say', prompt: 'Welcome to the clinic.' }, calendars)).toBe('Welcome to the clinic.');
  });
});
