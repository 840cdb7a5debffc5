import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { createTempDir, findElement, spokenTexts, TestCall, useTestRuntimes, writeFlow } from './helpers.ts';

// A line whose hours check names a shared calendar, served over real signed webhooks.

const clinic: Flow = {
  name: 'Dental clinic',
  calendars: {
    clinic: {
      name: 'Clinic hours',
      timezone: 'Europe/Amsterdam',
      weekly: { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']] },
      holidays: ['2026-12-25'],
    },
  },
  entry: 'welcome',
  nodes: {
    welcome: { kind: 'say', prompt: 'Welcome to the dental clinic.', next: 'hours_check' },
    hours_check: { kind: 'condition', test: { type: 'hours', calendar: 'clinic' }, then: 'desk', else: 'after_hours' },
    desk: { kind: 'transfer', to: { number: '+31201234567' }, on: { answered: 'bye', busy: 'after_hours', noAnswer: 'after_hours', failed: 'after_hours' } },
    after_hours: { kind: 'voicemail', prompt: 'We are closed. Please leave a message.', next: 'bye' },
    bye: { kind: 'hangup', prompt: 'Goodbye.' },
  },
};

const runtimes = useTestRuntimes();

async function callAt(now: string) {
  const flowsDir = createTempDir('flows');
  writeFlow(flowsDir, 'clinic', clinic);
  const call = new TestCall(await runtimes.start({ flowsDir, now: new Date(now) }));
  return call.start('clinic');
}

describe('an hours check through a calendar, on the runtime', () => {
  it('puts the caller through to the desk at 16:30 in Amsterdam', async () => {
    const answer = await callAt('2026-12-01T15:30:00Z'); // Tuesday, UTC+1
    expect(findElement(answer, 'Dial')).toBeDefined();
    expect(findElement(answer, 'Record')).toBeUndefined();
  });

  it('takes a message at 17:30 in Amsterdam and on a holiday', async () => {
    for (const now of ['2026-12-01T16:30:00Z', '2026-12-25T10:00:00Z']) {
      const answer = await callAt(now);
      expect(findElement(answer, 'Dial')).toBeUndefined();
      expect(findElement(answer, 'Record')).toBeDefined();
      expect(spokenTexts(answer).join(' ')).toContain('We are closed');
    }
  });
});
