import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import { describeZonedTime, fromZonedClockValue, getFlowTimeZone, toZonedClockValue } from '../../designer/src/model/flow-clock.ts';
import { pressKey, startSession, type SimulatorSession } from '../../designer/src/simulator/simulator-session.ts';

// The simulator's clock is the flow's (the zone of its business hours), and
// its transcript lists what happened in the order the caller lived it.

const loadFlow = (name: string): Flow => FlowSchema.parse(JSON.parse(readFileSync(new URL(`../../flows/${name}.json`, import.meta.url), 'utf8')));
const clinic = loadFlow('clinic');
const lines = (session: SimulatorSession) => session.transcript.map((line) => `${line.kind}: ${'text' in line ? line.text : line.url}`);

describe('the simulated clock in the flow zone', () => {
  it('reads the zone off the flow business hours', () => {
    expect(getFlowTimeZone(clinic)).toBe('Europe/Dublin');
    expect(getFlowTimeZone(loadFlow('bank'))).toBe('America/New_York');
  });

  it("reads the zone off the calendar an hours check names", () => {
    const withCalendar = FlowSchema.parse({
      ...clinic,
      calendars: { desk: { timezone: 'Asia/Tokyo', weekly: { mon: [['09:00', '17:00']] } } },
      nodes: Object.fromEntries(
        Object.entries(clinic.nodes).map(([id, node]) =>
          node.kind === 'condition' && node.test.type === 'hours' ? [id, { ...node, test: { type: 'hours', calendar: 'desk' } }] : [id, node],
        ),
      ),
    });
    expect(getFlowTimeZone(withCalendar)).toBe('Asia/Tokyo');
  });

  it('turns a wall-clock time in the zone into the instant, across daylight saving', () => {
    expect(fromZonedClockValue('2026-03-10T16:30', 'Europe/Amsterdam')!.toISOString()).toBe('2026-03-10T15:30:00.000Z');
    expect(fromZonedClockValue('2026-07-10T16:30', 'Europe/Amsterdam')!.toISOString()).toBe('2026-07-10T14:30:00.000Z');
    expect(fromZonedClockValue('2026-03-10T07:00', 'America/New_York')!.toISOString()).toBe('2026-03-10T11:00:00.000Z');
    expect(fromZonedClockValue('2026-03-10T1', 'Europe/Amsterdam')).toBeNull();
    expect(toZonedClockValue(new Date('2026-03-10T15:30:00Z'), 'Europe/Amsterdam')).toBe('2026-03-10T16:30');
    expect(describeZonedTime(new Date('2026-03-10T15:30:00Z'), 'Europe/Amsterdam')).toBe('Tue 10 Mar 2026, 16:30 Europe/Amsterdam');
  });
});

describe('the simulated transcript order', () => {
  it('plays the greeting before the hours outcome, then the menu', () => {
    const call = startSession(clinic, { now: fromZonedClockValue('2026-03-10T10:00', 'Europe/Dublin')!, random: () => 0.5 });
    expect(lines(call).slice(0, 3)).toEqual([
      'system: Thank you for calling Riverside Family Clinic.',
      'environment: Clinic open? → open',
      expect.stringMatching(/^system: If this is a medical emergency, press 9/),
    ]);
  });

  it('lists the queue announcement of place in line and wait before the hold message', () => {
    const onHold = pressKey(startSession(clinic, { now: fromZonedClockValue('2026-03-10T10:00', 'Europe/Dublin')!, random: () => 0.5 }), '1');
    const announcement = lines(onHold).indexOf('announcement: Tells the caller their place in line and estimated wait, every 60 s');
    expect(announcement).toBeGreaterThan(lines(onHold).indexOf('caller: Pressed 1'));
    expect(lines(onHold).slice(announcement + 1)).toContain("system: If you'd rather not wait, press 1 and we'll call you back today.");
  });
});
