import { describe, expect, it } from 'vitest';
import { compare, getLocalTime, isOpen } from '../../core/interpreter/conditions.ts';
import type { ConditionTest } from '../../core/schema/flow.ts';
import { hangup, makeFlow, say, transfer } from '../helpers/flows.ts';
import { CALLER, expectWait, heard, last, loadFlow, press, runOptions } from './helpers.ts';

// Business hours in the flow's own zone, variable and caller tests, splits.

const bank = loadFlow('bank');
const loansAt = (now: string) => last(bank, [press('3')], runOptions({ now: new Date(now) }));

describe('business hours', () => {
  it('loan advisors are open on a Tuesday afternoon in New York', () => {
    expectWait(loansAt('2026-03-10T20:59:00Z'), 'dial', 'loans_transfer'); // 16:59 EDT
  });

  it('17:00 is closed when the range is 09:00-17:00', () => {
    const step = loansAt('2026-03-10T21:00:00Z'); // 17:00 EDT
    expectWait(step, 'callbackNumber', 'loans_callback');
    expect(heard(step.speech)[0]).toMatch(/^Our loan advisors are available weekdays/);
  });

  it('09:00 opens: the range includes its start', () => {
    expectWait(loansAt('2026-03-10T12:59:00Z'), 'callbackNumber', 'loans_callback'); // 08:59 EDT
    expectWait(loansAt('2026-03-10T13:00:00Z'), 'dial', 'loans_transfer'); // 09:00 EDT
  });

  it('uses the zone, not UTC: 15:30 UTC in January is 10:30 in New York (EST)', () => {
    expectWait(loansAt('2026-01-13T15:30:00Z'), 'dial', 'loans_transfer');
    expectWait(loansAt('2026-01-13T22:30:00Z'), 'callbackNumber', 'loans_callback'); // 17:30 EST
  });

  it('a holiday is closed all day (Thanksgiving, a Thursday)', () => {
    expectWait(loansAt('2026-11-26T16:00:00Z'), 'callbackNumber', 'loans_callback');
    expectWait(loansAt('2026-11-27T16:00:00Z'), 'dial', 'loans_transfer');
  });

  it('a weekday without ranges is closed (Saturday for the loan advisors)', () => {
    expectWait(loansAt('2026-03-14T16:00:00Z'), 'callbackNumber', 'loans_callback');
  });

  it('a holiday is the date in the zone: 03:00 UTC on 26 Nov is still 25 Nov in New York', () => {
    expect(getLocalTime('America/New_York', new Date('2026-11-26T03:00:00Z'))).toEqual({ date: '2026-11-25', weekday: 'wed', minutes: 22 * 60 });
  });

  it('lunch breaks split a day into ranges (the clinic in Dublin)', () => {
    const clinic = loadFlow('clinic');
    const at = (now: string) => last(clinic, [], runOptions({ now: new Date(now) }));
    expectWait(at('2026-03-10T12:59:00Z'), 'input', 'main_menu'); // Dublin is on UTC in March
    expectWait(at('2026-03-10T13:30:00Z'), 'input', 'after_hours_menu');
    expectWait(at('2026-03-10T14:00:00Z'), 'input', 'main_menu');
  });

  it('midnight as the close means the end of the day; an invalid date is closed', () => {
    const test: Extract<ConditionTest, { type: 'hours' }> = { type: 'hours', timezone: 'UTC', weekly: { tue: [['18:00', '00:00']] } };
    expect(isOpen(test, new Date('2026-03-10T23:59:00Z'))).toBe(true);
    expect(isOpen(test, new Date('2026-03-10T17:59:00Z'))).toBe(false);
    expect(isOpen(test, new Date(Number.NaN))).toBe(false);
  });
});

describe('variable and caller tests', () => {
  it('compare: eq ne lt gt in matches exists', () => {
    expect(compare(true, 'eq', true)).toBe(true);
    expect(compare('true', 'eq', true)).toBe(true);
    expect(compare('007', 'eq', 7)).toBe(true);
    expect(compare('gold', 'ne', 'silver')).toBe(true);
    expect(compare(undefined, 'ne', 'silver')).toBe(true);
    expect(compare(undefined, 'eq', 'silver')).toBe(false);
    expect(compare('9', 'lt', 10)).toBe(true);
    expect(compare('abc', 'lt', 10)).toBe(false);
    expect(compare(12, 'gt', 10)).toBe(true);
    expect(compare('NL', 'in', ['NL', 'BE'])).toBe(true);
    expect(compare('DE', 'in', ['NL', 'BE'])).toBe(false);
    expect(compare('+31612345678', 'matches', '^\\+316')).toBe(true);
    expect(compare('+31612345678', 'matches', '([')).toBe(false); // an invalid pattern matches nothing
    expect(compare('', 'exists', undefined)).toBe(false);
    expect(compare(0, 'exists', undefined)).toBe(true);
  });

  const branch = (test: ConditionTest) =>
    makeFlow('check', {
      check: { kind: 'condition', test, then: 'yes', else: 'no' },
      yes: say('bye', 'yes'),
      no: say('bye', 'no'),
      bye: hangup(),
    });

  it('the outage line reads look-up data saved under its name', () => {
    const outage = loadFlow('utility-outage');
    const active = last(outage, [{ type: 'lookup', outcome: 'ok', data: { active: true, customersAffected: 1200, crewStatus: 'on site', estimatedRestoration: '6 PM' } }]);
    expect(heard(active.speech)[0]).toBe(
      'We know about a power outage in your area, affecting about 1200 customers. Our crews are on site, and we expect power back by 6 PM.',
    );
    expectWait(active, 'input', 'main_menu');
    const none = last(outage, [{ type: 'lookup', outcome: 'ok', data: { active: false } }]);
    expect(heard(none.speech)).toEqual([]);
    expectWait(none, 'input', 'main_menu');
  });

  it('caller fields: country in a list', () => {
    const flow = branch({ type: 'caller', field: 'fromCountry', op: 'in', value: ['NL', 'BE'] });
    expect(heard(last(flow, [], runOptions(), { ...CALLER, fromCountry: 'BE' }).speech)).toEqual(['yes']);
    expect(heard(last(flow, [], runOptions(), { ...CALLER, fromCountry: 'US' }).speech)).toEqual(['no']);
    expect(heard(last(flow, [], runOptions(), { callSid: 'CA2' }).speech)).toEqual(['no']);
  });

  it('a split takes then when random() * 100 < percent', () => {
    const flow = branch({ type: 'split', percent: 30 });
    expect(heard(last(flow, [], runOptions({ random: () => 0.29 })).speech)).toEqual(['yes']);
    expect(heard(last(flow, [], runOptions({ random: () => 0.3 })).speech)).toEqual(['no']);
    expect(heard(last(flow, [], runOptions({ random: () => Number.NaN })).speech)).toEqual(['no']);
  });

  it('a 0% split always takes else and a 100% split always then, whatever the random source gives', () => {
    for (const draw of [0, 0.5, 0.9999, 1.5, Number.NaN]) {
      const random = () => draw;
      expect(heard(last(branch({ type: 'split', percent: 0 }), [], runOptions({ random })).speech)).toEqual(['no']);
      expect(heard(last(branch({ type: 'split', percent: 100 }), [], runOptions({ random })).speech)).toEqual(['yes']);
    }
    const failing = () => {
      throw new Error('no entropy');
    };
    expect(heard(last(branch({ type: 'split', percent: 100 }), [], runOptions({ random: failing })).speech)).toEqual(['yes']);
  });

  it('a set variable steers a later condition', () => {
    const flow = makeFlow('vip', {
      vip: { kind: 'set', assign: { tier: 'gold', count: 3 }, next: 'check' },
      check: { kind: 'condition', test: { type: 'variable', variable: 'tier', op: 'eq', value: 'gold' }, then: 'agent', else: 'bye' },
      agent: transfer({ answered: 'bye', onFailure: 'bye' }),
      bye: hangup(),
    });
    const step = last(flow, []);
    expectWait(step, 'dial', 'agent');
    expect(step.state.variables).toEqual({ tier: 'gold', count: 3 });
  });
});
