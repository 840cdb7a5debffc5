import { performance } from 'node:perf_hooks';

/**
 * Wall time in ms of each function: the fastest and the median of `runs`
 * calls, after warming both up for at least `warmUpMs` (until the JIT has
 * compiled the hot paths). The functions are measured alternately, so a noisy
 * neighbour on this shared machine slows both alike; the fastest run is the
 * one least disturbed by it (noise only ever adds time).
 */
export interface Timing {
  fastest: number;
  median: number;
}

export function measurePair(runs: number, a: () => void, b: () => void, warmUpMs = 300): [Timing, Timing] {
  const [first, second] = measureEach(runs, [a, b], warmUpMs);
  return [first!, second!];
}

/** As measurePair, for any number of functions: one Timing each, in order. */
export function measureEach(runs: number, fns: Array<() => void>, warmUpMs = 300): Timing[] {
  for (const fn of fns) {
    const start = performance.now();
    do fn();
    while (performance.now() - start < warmUpMs);
  }
  const times: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, index) => {
      const start = performance.now();
      fn();
      times[index]!.push(performance.now() - start);
    });
  }
  return times.map(summarise);
}

function summarise(values: number[]): Timing {
  const sorted = [...values].sort((x, y) => x - y);
  return { fastest: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
}

export function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}
