import { DEFAULTS } from '../../core/schema/defaults.ts';

// What the runtime itself says (not the flow's prompts): apologies, queue
// announcements, the callback number. English only for now; a flow in another
// language hears these in English (spoken with an English voice).

/** The language these phrases are written in: humanline's own, the one a flow that declares none is spoken in. */
export const PHRASE_LANGUAGE = DEFAULTS.language;

/** "+12125550100" read digit by digit, so text-to-speech does not say "twelve billion". */
export function toSpokenDigits(number: string): string {
  return number.replace(/\D/g, '').split('').join(' ');
}

function minutes(seconds: number): string {
  const count = Math.max(1, Math.round(seconds / 60));
  return count === 1 ? 'about one minute' : `about ${count} minutes`;
}

export const PHRASES = {
  apology: 'We are sorry, something went wrong on our side. Let me connect you to a person.',
  apologyNoPerson:
    'We are sorry, something went wrong on our side and we cannot connect you to a person right now. Please call us again in a few minutes.',
  dialFailed: 'We are sorry, nobody could take your call. Please call us again in a few minutes. Goodbye.',
  queuePosition: (position: number) => (position <= 1 ? 'You are next in line.' : `You are number ${position} in line.`),
  estimatedWait: (seconds: number) => `The estimated wait is ${minutes(seconds)}.`,
  confirmCallerNumber: (number: string) =>
    `To be called back at ${toSpokenDigits(number)}, press 1. To use a different number, enter it now, followed by the pound key.`,
  enterCallbackNumber: 'Please enter the number we should call you back on, followed by the pound key.',
} as const;
