import { describe, expect, it } from 'vitest';
import { importFlow } from '../../core/import/index.ts';
import { isOpen } from '../../core/interpreter/conditions.ts';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import type { Flow, HoursTest } from '../../core/schema/flow.ts';
import { expectImported, findingsOf, getNode } from './helpers.ts';

const ARN = 'arn:aws:connect:eu-west-1:123456789012:instance/9fbc8807-1345-4962-ab2a-83eb1b45fe1e/operating-hours/0ccc573f-d431-4b39-bb3b-6ea69ab87019';

/** An hours check as the console exports it: the ARN as parameter, the hours' name in the metadata. */
const hoursCheck = (identifier: string, open: string, closed: string) => ({
  Identifier: identifier,
  Type: 'CheckHoursOfOperation',
  Parameters: { HoursOfOperationId: ARN },
  Transitions: {
    NextAction: closed,
    Conditions: [
      { NextAction: open, Condition: { Operator: 'Equals', Operands: ['True'] } },
      { NextAction: closed, Condition: { Operator: 'Equals', Operands: ['False'] } },
    ],
    Errors: [{ NextAction: closed, ErrorType: 'NoMatchingError' }],
  },
});
const say = (identifier: string, text: string, next?: string) => ({
  Identifier: identifier,
  Type: 'MessageParticipant',
  Parameters: { Text: text },
  Transitions: next !== undefined ? { NextAction: next } : {},
});

/** Two checks of the same hours: on arrival, and again before the transfer. */
const connectFlow = {
  Version: '2019-10-30',
  StartAction: 'first-check',
  Metadata: {
    ActionMetadata: {
      'first-check': { parameters: { HoursOfOperationId: { displayName: 'Amsterdam office' } } },
      'second-check': { parameters: { HoursOfOperationId: { displayName: 'Amsterdam office' } } },
    },
  },
  Actions: [
    hoursCheck('first-check', 'welcome', 'closed'),
    say('welcome', 'Welcome.', 'second-check'),
    hoursCheck('second-check', 'bye', 'closed'),
    say('closed', 'We are closed.'),
    say('bye', 'Goodbye.'),
  ],
};

/** DescribeHoursOfOperation's answer for those hours: Mon–Fri 08:00–17:00 Amsterdam, Saturday 22:00 to 02:00. */
const describeAnswer = {
  HoursOfOperation: {
    HoursOfOperationArn: ARN,
    HoursOfOperationId: '0ccc573f-d431-4b39-bb3b-6ea69ab87019',
    Name: 'Amsterdam office',
    TimeZone: 'Europe/Amsterdam',
    Config: [
      ...['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((Day) => ({ Day, StartTime: { Hours: 8, Minutes: 0 }, EndTime: { Hours: 17, Minutes: 0 } })),
      { Day: 'SATURDAY', StartTime: { Hours: 22, Minutes: 0 }, EndTime: { Hours: 2, Minutes: 30 } },
    ],
  },
};

const lintCalendars = (flow: Flow) => lintParsedFlow(flow).result.findings.filter((finding) => finding.ruleId === 'calendars');

describe('Amazon Connect import: hours of operation become the flow\'s calendars', () => {
  it('gives two checks of the same hours one calendar, which both name', () => {
    const { flow } = expectImported(importFlow(connectFlow));
    expect(Object.keys(flow.calendars ?? {})).toEqual(['amsterdam_office']);
    expect(getNode(flow, 'first-check', 'condition').test).toEqual({ type: 'hours', calendar: 'amsterdam_office' });
    expect(getNode(flow, 'second-check', 'condition').test).toEqual({ type: 'hours', calendar: 'amsterdam_office' });
    expect(lintCalendars(flow)).toEqual([]);
  });

  it('imports the real hours and zone when the export carries DescribeHoursOfOperation answers', () => {
    const { flow, findings } = expectImported(importFlow({ ...connectFlow, HoursOfOperations: [describeAnswer] }));
    expect(flow.calendars).toEqual({
      amsterdam_office: {
        name: 'Amsterdam office',
        timezone: 'Europe/Amsterdam',
        weekly: {
          mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']],
          // past midnight, the rest of the range opens Sunday
          sat: [['22:00', '00:00']], sun: [['00:00', '02:30']],
        },
      },
    });
    expect(findingsOf(findings, 'first-check')).toEqual([]);
    const test = getNode(flow, 'first-check', 'condition').test as HoursTest;
    // 16:30 in Amsterdam (winter, UTC+1) is open; 17:30 is closed
    expect(isOpen(test, new Date('2026-01-14T15:30:00Z'), flow.calendars)).toBe(true);
    expect(isOpen(test, new Date('2026-01-14T16:30:00Z'), flow.calendars)).toBe(false);
    expect(isOpen(test, new Date('2026-01-18T00:15:00Z'), flow.calendars)).toBe(true);
    expect(lintCalendars(flow)).toEqual([]);
  });

  it('reads the hours inside a DescribeContactFlow answer, and matches them by name as well as by ARN', () => {
    const byName = { ...describeAnswer.HoursOfOperation, HoursOfOperationArn: undefined, HoursOfOperationId: undefined };
    const { flow } = expectImported(importFlow({ ContactFlow: { Name: 'Main line', Content: JSON.stringify(connectFlow) }, HoursOfOperations: [byName] }));
    expect(flow.calendars?.amsterdam_office?.timezone).toBe('Europe/Amsterdam');
  });

  it('without the hours, imports a placeholder calendar and tells, for each check, where to set the hours', () => {
    const { flow, findings } = expectImported(importFlow(connectFlow));
    expect(flow.calendars?.amsterdam_office).toEqual({ name: 'Amsterdam office', timezone: 'UTC', weekly: expect.objectContaining({ mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] }) });
    for (const check of ['first-check', 'second-check']) {
      expect(findingsOf(findings, check)).toEqual([expect.stringMatching(/^warning: the hours of operation \(Amsterdam office\) .*calendar "amsterdam_office", a placeholder .*set its hours in the flow's calendars/)]);
    }
  });

  it('keeps distinct hours apart, and falls back to a placeholder when the hours data has no valid zone', () => {
    const other = { ...hoursCheck('second-check', 'bye', 'closed'), Parameters: { HoursOfOperationId: `${ARN.slice(0, -4)}ffff` } };
    const actions = connectFlow.Actions.map((action) => (action.Identifier === 'second-check' ? other : action));
    const badZone = { HoursOfOperation: { ...describeAnswer.HoursOfOperation, TimeZone: 'Mars/Olympus' } };
    const { flow, findings } = expectImported(importFlow({ ...connectFlow, Metadata: {}, Actions: actions, HoursOfOperations: [badZone] }));
    const first = getNode(flow, 'first-check', 'condition').test as HoursTest;
    const second = getNode(flow, 'second-check', 'condition').test as HoursTest;
    expect(first.calendar).toBe('amsterdam_office');
    expect(second.calendar).not.toBe(first.calendar);
    expect(flow.calendars?.amsterdam_office?.timezone).toBe('UTC');
    expect(findingsOf(findings, 'first-check')).toEqual([
      'warning: the hours of operation "Amsterdam office": its TimeZone "Mars/Olympus" is no IANA time zone',
      expect.stringMatching(/placeholder .*set its hours in the flow's calendars/),
    ]);
    expect(lintCalendars(flow)).toEqual([]);
  });
});
