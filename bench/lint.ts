import { lintFlow } from '../core/lint/linter.ts';
import { generateFlow } from './generate-flow.ts';
import { formatMs, measurePair } from './measure.ts';

/**
 * Lint time against the parse floor (JSON.parse of the same text), for
 * generated flows of 1k, 10k and 100k nodes. Goals (issue 2): near-linear
 * growth, and the 100k-node lint within 3x of the parse floor. Ratios are of
 * the fastest runs (the least disturbed on a shared machine); medians are
 * printed beside them.
 */
export function benchLint(sizes = [1_000, 10_000, 100_000]): void {
  console.log('lint (JSON.parse + validate + solve + every rule) against the parse floor (JSON.parse alone), alternating runs');
  console.log('  nodes   parse fastest (median)    lint fastest (median)   lint/parse   lint µs/node');
  const perNode: number[] = [];
  const parsePerNode: number[] = [];
  for (const size of sizes) {
    const text = JSON.stringify(generateFlow(size));
    const runs = size >= 100_000 ? 9 : size >= 10_000 ? 15 : 41;
    let errors = -1;
    const [parse, lint] = measurePair(
      runs,
      () => JSON.parse(text),
      () => {
        errors = lintFlow(JSON.parse(text)).errorCount;
      },
    );
    if (errors !== 0) throw new Error(`generated flow of ${size} nodes has ${errors} lint errors: the benchmark would measure the wrong thing`);
    perNode.push((lint.fastest / size) * 1000);
    parsePerNode.push((parse.fastest / size) * 1000);
    const both = (t: { fastest: number; median: number }) => `${formatMs(t.fastest)} (${formatMs(t.median)})`.padStart(24);
    console.log(
      `  ${String(size).padStart(6)} ${both(parse)} ${both(lint)} ${(lint.fastest / parse.fastest).toFixed(2).padStart(11)}x ${((lint.fastest / size) * 1000).toFixed(2).padStart(13)}`,
    );
  }
  const growth = perNode.at(-1)! / perNode[0]!;
  const parseGrowth = parsePerNode.at(-1)! / parsePerNode[0]!;
  console.log(
    `  growth from ${sizes[0]} to ${sizes.at(-1)} nodes, time per node: lint ${growth.toFixed(2)}x, parse ${parseGrowth.toFixed(2)}x, ` +
      `lint relative to parse ${(growth / parseGrowth).toFixed(2)}x (1.00x = linear; the machine's caches slow both alike at 100k)`,
  );
}
