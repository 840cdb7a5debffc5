import twilio from 'twilio';
import { DEFAULTS } from '../../core/schema/defaults.ts';
import { addDialNoun, type DialTarget } from './dial.ts';
import { PHRASES, type PhraseContext } from './phrases.ts';
import { speak } from './speak.ts';

/** Where the fallback sends a caller: a number, else the flow's nearest person, else nobody. */
export type FallbackTarget =
  | { kind: 'number'; number: string }
  | { kind: 'transfer'; to: DialTarget }
  | { kind: 'queue'; queue: string }
  | { kind: 'none' };

/** The answer when anything goes wrong: an apology and a person, never an empty document. */
export function renderFallback(target: FallbackTarget, phrases: PhraseContext): string {
  const response = new twilio.twiml.VoiceResponse();
  if (target.kind === 'none') {
    speak(response, [PHRASES.apologyNoPerson(phrases)]);
    response.hangup();
    return response.toString();
  }
  speak(response, [PHRASES.apology(phrases)]);
  if (target.kind === 'queue') {
    response.enqueue(target.queue);
  } else {
    addDialNoun(response.dial({ timeout: DEFAULTS.dialTimeoutSeconds }), target.kind === 'number' ? { number: target.number } : target.to);
  }
  // reached only when nobody answered the fallback either
  speak(response, [PHRASES.dialFailed(phrases)]);
  response.hangup();
  return response.toString();
}
