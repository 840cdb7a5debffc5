import { toPhraseSpeech, type PhraseSettings } from '../../core/phrases/speech.ts';
import { DEFAULTS } from '../../core/schema/defaults.ts';

// What the runtime itself says (not the flow's prompts): apologies, queue
// announcements, the callback number, in the call's language (core/phrases
// holds the texts and the flow's overrides); this file turns Twilio's figures
// into the values the texts speak.

/** The language the agent whisper is spoken in: humanline's own, the one a flow that declares none is spoken in. */
export const PHRASE_LANGUAGE = DEFAULTS.language;

/** Whose phrases a call hears: its language tag and the flow's settings (voice and overrides). */
export interface PhraseContext {
  language: string;
  settings: PhraseSettings | undefined;
}

/** "+12125550100" read digit by digit, so text-to-speech does not say "twelve billion". */
export function toSpokenDigits(number: string): string {
  return number.replace(/\D/g, '').split('').join(' ');
}

export const PHRASES = {
  apology: ({ settings, language }: PhraseContext) => toPhraseSpeech(settings, language, 'apology'),
  apologyNoPerson: ({ settings, language }: PhraseContext) => toPhraseSpeech(settings, language, 'apologyNoPerson'),
  dialFailed: ({ settings, language }: PhraseContext) => toPhraseSpeech(settings, language, 'dialFailed'),
  queuePosition: ({ settings, language }: PhraseContext, position: number) =>
    position <= 1 ? toPhraseSpeech(settings, language, 'queueNext') : toPhraseSpeech(settings, language, 'queuePosition', { position: String(position) }),
  estimatedWait: ({ settings, language }: PhraseContext, seconds: number) => {
    const minutes = Math.max(1, Math.round(seconds / 60));
    return minutes === 1
      ? toPhraseSpeech(settings, language, 'estimatedWaitOneMinute')
      : toPhraseSpeech(settings, language, 'estimatedWaitMinutes', { minutes: String(minutes) });
  },
  confirmCallerNumber: ({ settings, language }: PhraseContext, number: string) =>
    toPhraseSpeech(settings, language, 'confirmCallerNumber', { number: toSpokenDigits(number) }),
  enterCallbackNumber: ({ settings, language }: PhraseContext) => toPhraseSpeech(settings, language, 'enterCallbackNumber'),
} as const;
