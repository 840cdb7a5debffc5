// Which menu option an utterance picks. The interpreter routes callers with
// it and `operator-key` asks it whether a bare "agent" reaches a person, so
// the linter's verdict and the call's route cannot disagree.
//
// An utterance picks an option when one of the option's phrases occurs in it
// as whole words, in order and next to each other: "I want to talk to an
// agent, please." picks the phrase "talk to an agent", but "agent" alone does
// not (a bare word never matches a longer phrase), nor does "agents" match
// "agent". Case, punctuation and spacing are ignored. Of several matching
// phrases the longest (in words) wins, so "lost card" beats "card"; on a tie
// the earlier option, then its earlier phrase.

/** The words of a phrase or an utterance: lower case, punctuation and spacing dropped; apostrophes inside a word ("don't") kept. */
export function toSpokenWords(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .split(/[^\p{L}\p{M}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

/** Each phrase's words, split so far: a large flow's menus repeat a few phrases, and each is matched against several words. */
const PHRASE_WORDS = new Map<string, readonly string[]>();
/** Beyond this many phrases a phrase is split each time. */
const PHRASE_WORDS_KEPT = 10_000;

/** The words of a phrase the flow spells (never of what a caller said: only the flow's own text is kept). */
export function getPhraseWords(phrase: string): readonly string[] {
  let words = PHRASE_WORDS.get(phrase);
  if (words === undefined) {
    words = toSpokenWords(phrase);
    if (PHRASE_WORDS.size < PHRASE_WORDS_KEPT) PHRASE_WORDS.set(phrase, words);
  }
  return words;
}

/** Whether `phrase` occurs in `said` from `start` on. */
function matchesAt(said: readonly string[], phrase: readonly string[], start: number): boolean {
  for (let i = 0; i < phrase.length; i++) if (said[start + i] !== phrase[i]) return false;
  return true;
}

// Plain loops, no callback per position: the linter asks this of every menu of a flow for each operator word.
function containsWords(said: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let start = 0; start + phrase.length <= said.length; start++) if (matchesAt(said, phrase, start)) return true;
  return false;
}

export interface SpeechMatch {
  /** the option's index in the menu */
  index: number;
  /** the phrase heard, as the flow spells it */
  phrase: string;
}

/** The option an utterance picks, or undefined when no phrase of any option occurs in it. */
export function findOptionBySpeech(options: readonly { phrases?: readonly string[] }[], said: string): SpeechMatch | undefined {
  return findOptionBySpokenWords(options, toSpokenWords(said));
}

const NO_PHRASES: readonly string[] = [];

/** `findOptionBySpeech` for an utterance already split by `toSpokenWords`: a linter asking every menu about the same words splits them once. */
export function findOptionBySpokenWords(options: readonly { phrases?: readonly string[] }[], words: readonly string[]): SpeechMatch | undefined {
  let best: SpeechMatch | undefined;
  let bestLength = 0;
  for (let index = 0; index < options.length; index++) {
    const phrases = options[index]!.phrases ?? NO_PHRASES;
    for (let at = 0; at < phrases.length; at++) {
      const phraseWords = getPhraseWords(phrases[at]!);
      if (containsWords(words, phraseWords) && (!best || phraseWords.length > bestLength)) {
        best = { index, phrase: phrases[at]! };
        bestLength = phraseWords.length;
      }
    }
  }
  return best;
}
