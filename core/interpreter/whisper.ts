import type { CallState } from './types.ts';

/** Trail entries kept for the whisper and in the state: the latest choices matter, and the state stays small. */
export const TRAIL_LIMIT = 12;
const WHISPERED = 6;

export function addToTrail(state: CallState, entry: string): void {
  state.trail.push(entry);
  if (state.trail.length > TRAIL_LIMIT) state.trail.splice(0, state.trail.length - TRAIL_LIMIT);
}

/** "Main menu: press 2 (Cards)" — a menu choice as the trail keeps it. */
export function toMenuEntry(menu: string, choice: string, option: string | undefined): string {
  return `${menu}: ${choice}${option ? ` (${option})` : ''}`;
}

/** "entered account number 12345678": a label reads as part of a sentence, acronyms ("PIN") stay. */
export function toInputEntry(label: string, digits: string): string {
  const word = /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
  return `entered ${word} ${digits}`;
}

/**
 * One short sentence for the agent, so the caller need not repeat themselves:
 * "Caller chose: Main menu press 2 (Cards); entered account number 12345678".
 */
export function getWhisper(state: CallState): string {
  const recent = state.trail.slice(-WHISPERED).map((entry) => entry.replace(/: (press |said )/, ' $1'));
  const chose = recent.length ? `Caller chose: ${recent.join('; ')}` : 'Caller made no menu choices';
  return state.guard ? `${chose}. Sent to you by the safety net after getting stuck.` : chose;
}
