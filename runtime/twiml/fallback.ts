import twilio from 'twilio';
import { DEFAULTS } from '../../core/schema/defaults.ts';
import { addDialNoun, type DialTarget } from './dial.ts';
import { PHRASES } from './phrases.ts';
import { speak, toPhrase } from './speak.ts';

/** Where the fallback sends a caller: a number, else the flow's nearest person, else nobody. */
export type FallbackTarget =
  | { kind: 'number'; number: string }
  | { kind: 'transfer'; to: DialTarget }
  | { kind: 'queue'; queue: string }
  | { kind: 'none' };

export interface FallbackVoice {
  language: string;
  voice: string | undefined;
}

/** The answer when anything goes wrong: an apology and a person, never an empty document. */
export function renderFallback(target: FallbackTarget, voice: FallbackVoice): string {
  const response = new twilio.twiml.VoiceResponse();
  const phrase = (text: string) => toPhrase(text, voice.language, voice.voice);
  if (target.kind === 'none') {
    speak(response, [phrase(PHRASES.apologyNoPerson)]);
    response.hangup();
    return response.toString();
  }
  speak(response, [phrase(PHRASES.apology)]);
  if (target.kind === 'queue') {
    response.enqueue(target.queue);
  } else {
    addDialNoun(response.dial({ timeout: DEFAULTS.dialTimeoutSeconds }), target.kind === 'number' ? { number: target.number } : target.to);
  }
  // reached only when nobody answered the fallback either
  speak(response, [phrase(PHRASES.dialFailed)]);
  response.hangup();
  return response.toString();
}
