import type { TranscriptLine } from './transcript.ts';

// Reads the system's prompts aloud with the browser's own voices, so the
// designer hears how long and how clear a menu is. Not every browser has
// speech synthesis (and tests under Node have no window): then it stays quiet.

function getSynthesis(): SpeechSynthesis | undefined {
  if (typeof window === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return undefined;
  return window.speechSynthesis ?? undefined;
}

/** Queues the prompt lines among `lines` (recordings and the caller's lines are not spoken). */
export function speakLines(lines: readonly TranscriptLine[]): void {
  const synthesis = getSynthesis();
  if (!synthesis) return;
  for (const line of lines) {
    if (line.kind !== 'system' || line.text.trim() === '') continue;
    const utterance = new SpeechSynthesisUtterance(line.text);
    utterance.lang = line.language;
    synthesis.speak(utterance);
  }
}

export function stopSpeaking(): void {
  getSynthesis()?.cancel();
}
