import { describe, expect, test } from 'vitest';
import { HIDDEN_CALLER, getCountryCode, maskCallerNumber } from '../../core/calls/mask-caller-number.ts';

describe('maskCallerNumber', () => {
  test.each([
    ['+34612345601', '+34 6•• ••• •01'],
    ['+12125559876', '+1 2•• ••• ••76'],
    ['+442079460958', '+44 2•• ••• ••58'],
    ['+79161234567', '+7 9•• ••• ••67'],
    ['+353861234567', '+353 8•• ••• •67'],
    ['+491701234567', '+49 1•• ••• ••67'],
  ])('%s shows only the country code, the first digit and the last two: %s', (number, masked) => {
    expect(maskCallerNumber(number)).toBe(masked);
  });

  test('keeps no digit of the national number but the first and last two', () => {
    const masked = maskCallerNumber('+34612345601');
    expect(masked.replace(/[^0-9]/g, '')).toBe('34601');
  });

  test('hides a short national number whole', () => {
    expect(maskCallerNumber('+3461234')).toBe('+34 ••• ••');
    expect(maskCallerNumber('+4912345')).toBe('+49 ••• ••');
  });

  test('hides whatever is not an E.164 number, and leaves an empty one empty', () => {
    expect(maskCallerNumber('client:alice')).toBe(HIDDEN_CALLER);
    expect(maskCallerNumber('anonymous')).toBe(HIDDEN_CALLER);
    expect(maskCallerNumber('612345601')).toBe(HIDDEN_CALLER);
    expect(maskCallerNumber('')).toBe('');
  });

  test('reads one-, two- and three-digit country codes', () => {
    expect(getCountryCode('12125559876')).toBe('1');
    expect(getCountryCode('34612345601')).toBe('34');
    expect(getCountryCode('353861234567')).toBe('353');
    expect(getCountryCode('212612345678')).toBe('212');
  });
});
