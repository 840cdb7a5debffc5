/**
 * A matcher for the config's `ignores` globs, as ESLint reads them: relative to
 * the config's folder, `/`-separated; `*` and `?` stay within one folder name,
 * `**` as a whole segment spans any number of folders, and a pattern ending in
 * `/` takes everything below that folder.
 *
 * Matched by the greedy wildcard walk (backtracking only to the last star), not a
 * regular expression: `*a*a*a*b` on a long name would take exponential time there.
 */
export function toIgnoreMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const segmentLists = patterns.map((pattern) => (pattern.endsWith('/') ? `${pattern}**` : pattern).split('/'));
  return (relativePath) => {
    const names = relativePath.split('/');
    return segmentLists.some((segments) => matchWildcards(segments, names, isAnyFolders, matchSegment));
  };
}

const isAnyFolders = (segment: string) => segment === '**';

/** One folder or file name against one pattern segment: `*` any run of characters, `?` one. */
function matchSegment(segment: string, name: string): boolean {
  return matchWildcards([...segment], [...name], (char) => char === '*', (char, nameChar) => char === '?' || char === nameChar);
}

/**
 * Whether `items` match `pattern`, where an item for which `isStar` holds matches any
 * run (empty too) and every other item matches one by `matchOne`. Linear in practice,
 * at worst pattern length times input length.
 */
function matchWildcards<P, T>(pattern: readonly P[], items: readonly T[], isStar: (part: P) => boolean, matchOne: (part: P, item: T) => boolean): boolean {
  let patternIndex = 0;
  let itemIndex = 0;
  let starIndex = -1;
  let starItemIndex = 0;
  while (itemIndex < items.length) {
    const part = pattern[patternIndex];
    if (part !== undefined && isStar(part)) {
      starIndex = patternIndex;
      starItemIndex = itemIndex;
      patternIndex += 1;
    } else if (part !== undefined && matchOne(part, items[itemIndex]!)) {
      patternIndex += 1;
      itemIndex += 1;
    } else if (starIndex >= 0) {
      // the last star takes one more item, and the rest is tried again after it
      starItemIndex += 1;
      itemIndex = starItemIndex;
      patternIndex = starIndex + 1;
    } else {
      return false;
    }
  }
  while (patternIndex < pattern.length && isStar(pattern[patternIndex]!)) patternIndex += 1;
  return patternIndex === pattern.length;
}
