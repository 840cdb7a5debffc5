// "Did you mean" for a misspelt word: a node id a route names, a node kind, a rule id, a severity.

const MAX_SUGGESTION_DISTANCE = 2;

/** Levenshtein distance, two rows at a time. */
function getEditDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known word closest to a misspelt one, if a typo away: at most two edits, and fewer than
 * the misspelt word has characters (a "x" is no typo of "0"). The first in order wins a tie.
 */
export function getClosestWord(misspelt: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(MAX_SUGGESTION_DISTANCE, misspelt.length - 1) + 1;
  for (const word of known) {
    const distance = getEditDistance(misspelt, word);
    if (distance < bestDistance) {
      best = word;
      bestDistance = distance;
    }
  }
  return best;
}
