/** A seeded generator of numbers in [0, 1) (mulberry32): the same seed walks the same calls. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

/** One of `choices` by its share (the shares add up to 1). */
export function pickWeighted<T>(random: () => number, choices: ReadonlyArray<readonly [T, number]>): T {
  let draw = random();
  for (const [choice, share] of choices) {
    if (draw < share) return choice;
    draw -= share;
  }
  return choices[choices.length - 1]![0];
}
