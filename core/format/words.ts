import type { Scenario } from '../lint/types.ts';

/** How each player model reads in a report. */
export const SCENARIO_WORDS: Record<Scenario, string> = {
  'best-case': 'best case (the line is open and people answer)',
  'worst-case': 'worst case (every transfer unanswered, every queue full, any hours)',
  'silent-caller': 'silent caller (never presses or says anything)',
  'confused-caller': 'confused caller (always gives invalid input)',
};

/** Short scenario names, for one-line texts. */
export const SCENARIO_NAMES: Record<Scenario, string> = {
  'best-case': 'best case',
  'worst-case': 'worst case',
  'silent-caller': 'silent caller',
  'confused-caller': 'confused caller',
};

/** Ends a sentence with a full stop unless it already has one. */
export function toSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** `1 error`, `2 errors`. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `flows/main.json (Support line)`, or whichever of the two is known. */
export function describeResultSource(file: string | undefined, flowName: string | undefined): string {
  if (file !== undefined && flowName !== undefined) return `${file} (${flowName})`;
  return file ?? flowName ?? '<input>';
}
