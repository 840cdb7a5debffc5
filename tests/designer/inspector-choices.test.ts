import { describe, expect, it } from 'vitest';
import { filterTargetChoices, getNextFreeKey, getTimeZoneSuggestion, toFieldReason, toRowTitle, toTargetChoices, toTargetText } from '../../designer/src/model/inspector-choices.ts';

const ZONES = Intl.supportedValuesOf('timeZone');
const DTMF = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];

describe('the Next picker’s choices', () => {
  const choices = toTargetChoices({ zeta: { kind: 'say', label: 'Greeting' }, main_menu: { kind: 'menu', label: 'Main menu' }, agent: { kind: 'transfer' } });

  it('lists nodes by label with their kind, the id standing in for a missing label', () => {
    expect(choices.map(toTargetText)).toEqual(['agent (transfer)', 'Greeting (say)', 'Main menu (menu)']);
    expect(choices.map((choice) => choice.id)).toEqual(['agent', 'zeta', 'main_menu']);
  });

  it('filters by every word typed, in label, kind or id', () => {
    expect(filterTargetChoices(choices, 'MAIN').map((c) => c.id)).toEqual(['main_menu']);
    expect(filterTargetChoices(choices, 'say').map((c) => c.id)).toEqual(['zeta']);
    expect(filterTargetChoices(choices, 'zeta').map((c) => c.id)).toEqual(['zeta']);
    expect(filterTargetChoices(choices, 'menu greet')).toEqual([]);
    expect(filterTargetChoices(choices, '  ')).toHaveLength(3);
  });
});

describe('the key a new option is given', () => {
  it('is the first free key from 1, never a key taken', () => {
    expect(getNextFreeKey(DTMF, ['1', '2', '0'])).toBe('3');
    expect(getNextFreeKey(DTMF, [])).toBe('1');
  });

  it('is 0 only when every other key is taken, and never 0 for a callback offer', () => {
    const allBut0 = DTMF.filter((key) => key !== '0');
    expect(getNextFreeKey(DTMF, allBut0)).toBe('0');
    expect(getNextFreeKey(DTMF, allBut0, { operatorKey: false })).toBeUndefined();
    expect(getNextFreeKey(DTMF, [], { operatorKey: false })).toBe('1');
    expect(getNextFreeKey(DTMF, DTMF)).toBeUndefined();
  });
});

describe('the time zone did-you-mean', () => {
  it('suggests the zone a near miss meant', () => {
    expect(getTimeZoneSuggestion('Europe/Amsterdm', ZONES)).toBe('Europe/Amsterdam');
    expect(getTimeZoneSuggestion('europe/madrid', ZONES)).toBe('Europe/Madrid');
    expect(getTimeZoneSuggestion('America/New York', ZONES)).toBe('America/New_York');
  });

  it('suggests nothing for a known zone, an empty box or text far from any zone', () => {
    expect(getTimeZoneSuggestion('Europe/Amsterdam', ZONES)).toBeUndefined();
    expect(getTimeZoneSuggestion('', ZONES)).toBeUndefined();
    expect(getTimeZoneSuggestion('hello world', ZONES)).toBeUndefined();
    expect(getTimeZoneSuggestion('Eu', ZONES)).toBeUndefined();
  });
});

describe('words beside a field', () => {
  it('keep the reason of a refusal, not the node and path it names', () => {
    expect(toFieldReason('Cannot change "fraud_transfer": to.number: an E.164 number such as "+34910000000"')).toBe('An E.164 number such as "+34910000000"');
    expect(toFieldReason('Cannot change the flow: settings.maxSteps: too big.')).toBe('Too big');
  });

  it('name a menu option by its key, or its first phrase', () => {
    expect(toRowTitle({ key: '3', next: 'x' }, 2, 'Option')).toBe('Press 3');
    expect(toRowTitle({ phrases: ['agent'] }, 0, 'Option')).toBe('Say "agent"');
    expect(toRowTitle({}, 1, 'Option')).toBe('Option 2');
    expect(toRowTitle('text', 0, 'Hint')).toBe('Hint 1');
  });
});
