import { DEFAULTS } from '../schema/defaults.ts';
import type { Prompt } from '../schema/flow.ts';

/** Words separated by whitespace; a character loop, as this runs for every prompt of every flow linted. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x2028 || c === 0x2029 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return words;
}

/** Estimated playing time: words / 2.5 per second, or the recording's stated length; the longest language counts. */
export function getPromptSeconds(prompt: Prompt | undefined): number {
  if (prompt === undefined) return 0;
  if (typeof prompt === 'string') return countWords(prompt) / DEFAULTS.wordsPerSecond;
  if ('audio' in prompt && typeof prompt.audio === 'string') return Number(prompt.seconds);
  let longest = 0;
  for (const text of Object.values(prompt as Record<string, string>)) longest = Math.max(longest, countWords(text));
  return longest / DEFAULTS.wordsPerSecond;
}
