import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { Speech } from '../../core/interpreter/types.ts';

/** Anything that can hold <Say> and <Play>: the response itself or a <Gather>. */
export interface SpeechTarget {
  say(attributes: VoiceResponse.SayAttributes, message: string): unknown;
  play(url?: string): unknown;
}

export function speak(target: SpeechTarget, speech: readonly Speech[]): void {
  for (const item of speech) {
    if (item.type === 'play') {
      target.play(item.url);
      continue;
    }
    // Twilio's attribute types list the languages and voices it knew when published; flows may use newer ones
    const attributes: VoiceResponse.SayAttributes = { language: item.language as NonNullable<VoiceResponse.SayAttributes['language']> };
    if (item.voice !== undefined) attributes.voice = item.voice as NonNullable<VoiceResponse.SayAttributes['voice']>;
    target.say(attributes, item.text);
  }
}
