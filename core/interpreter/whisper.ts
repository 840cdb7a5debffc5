import type { CallState } from './types.ts';

/** Trail entries kept for the whisper and in the state: the latest choices matter, and the state stays small. */
export const TRAIL_LIMIT = 12;
const WHISPERED = 6;
/** Distinct input variables whose latest entry the whisper keeps, however long ago it was made. */
export const INPUTS_LIMIT = 8;

export function addToTrail(state: CallState, entry: string): void {
  state.trail.push(entry);
  if (state.trail.length > TRAIL_LIMIT) state.trail.splice(0, state.trail.length - TRAIL_LIMIT);
}

/** An input entry goes on the trail and is kept as `variable`'s latest, so a long call never drops it from the whisper. */
export function addInputToTrail(state: CallState, variable: string, entry: string): void {
  addToTrail(state, entry);
  const inputs = state.inputs ?? {};
  // Deleting first moves a re-entered variable to the end: the oldest entry is dropped first.
  delete inputs[variable];
  inputs[variable] = entry;
  state.inputs = keepLatestInputs(inputs);
}

/** The last `INPUTS_LIMIT` entries of `inputs`, as a fresh object (never `__proto__`). */
export function keepLatestInputs(inputs: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [variable, entry] of Object.entries(inputs).slice(-INPUTS_LIMIT)) if (variable !== '__proto__') kept[variable] = entry;
  return kept;
}

/** "Main menu: press 2 (Cards)" — a menu choice as the trail keeps it. */
export function toMenuEntry(menu: string, choice: string, option: string | undefined): string {
  return `${menu}: ${choice}${option ? ` (${option})` : ''}`;
}

/** A label as part of a sentence: "Account number" becomes "account number", acronyms ("PIN") stay. */
const toLowerWord = (label: string): string => (/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

/** "entered account number 12345678". */
export function toInputEntry(label: string, digits: string): string {
  return `entered ${toLowerWord(label)} ${digits}`;
}

/** The whisper keeps the start of what was said: a sentence for the agent, not a transcript. */
const SPOKEN_ENTRY_CHARS = 80;

export function toSpokenEntry(label: string, said: string): string {
  const words = said.length > SPOKEN_ENTRY_CHARS ? `${said.slice(0, SPOKEN_ENTRY_CHARS)}...` : said;
  return `said for ${toLowerWord(label)} "${words}"`;
}

/**
 * One short sentence for the agent, so the caller need not repeat themselves:
 * "Caller chose: Main menu press 2 (Cards); entered account number 12345678".
 */
export function getWhisper(state: CallState): string {
  const latest = state.trail.slice(-WHISPERED);
  // Entries that fell out of the latest choices come first, in the order they were made.
  const earlier = Object.values(state.inputs ?? {}).filter((entry) => !latest.includes(entry));
  const recent = [...earlier, ...latest].map((entry) => entry.replace(/: (press |said )/, ' $1'));
  const chose = recent.length ? `Caller chose: ${recent.join('; ')}` : 'Caller made no menu choices';
  return state.guard ? `${chose}. Sent to you by the safety net after getting stuck.` : chose;
}
