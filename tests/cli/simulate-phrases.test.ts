import { describe, expect, it } from 'vitest';
import { BUILT_IN_PHRASE_LANGUAGES } from '../../core/phrases/catalogue.ts';
import { readTwiml } from '../../cli/simulate/twiml.ts';
import { isApology, isCallbackNumberPrompt } from '../../cli/simulate/walk-call.ts';
import { renderFallback } from '../../runtime/twiml/fallback.ts';
import { PHRASES } from '../../runtime/twiml/phrases.ts';

// The simulated caller knows humanline's own phrases in every language a call may hear them in.

describe.each(BUILT_IN_PHRASE_LANGUAGES)('a simulated caller in %s', (primary) => {
  const phrases = { language: `${primary}-XX`, settings: undefined };

  it('recognises the apologies of the fallback', () => {
    expect(isApology(readTwiml(renderFallback({ kind: 'number', number: '+12125550100' }, phrases)))).toBe(true);
    expect(isApology(readTwiml(renderFallback({ kind: 'none' }, phrases)))).toBe(true);
  });

  it('recognises the request for a callback number, with the caller\'s number read out or not', () => {
    expect(isCallbackNumberPrompt(PHRASES.confirmCallerNumber(phrases, '+12125559876').text)).toBe(true);
    expect(isCallbackNumberPrompt(PHRASES.enterCallbackNumber(phrases).text)).toBe(true);
    expect(isCallbackNumberPrompt(PHRASES.apology(phrases).text)).toBe(false);
  });
});
