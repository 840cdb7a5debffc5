import { performance } from 'node:perf_hooks';

/**
 * Median wall time in ms of `runs` calls of each function, after warming both
 * up for at least `warmUpMs` (until the JIT has compiled the hot paths). The
 * functions are measured alternately, so a noisy neighbour on this shared
 * machine slows both alike and the ratios stay fair.
 */
export function measurePair(runs: number, a: () => void, b: () => void, warmUpMs = 300): [number, number] {
  for (const fn of [a, b]) {
    const start = performance.now();
    do fn();
    while (performance.now() - start < warmUpMs);
  }
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    [a, b].forEach((fn, index) => {
      const start = performance.now();
      fn();
      times[index]!.push(performance.now() - start);
    });
  }
  return [median(times[0]), median(times[1])];
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}
