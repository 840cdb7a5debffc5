import { CHUNKED_FORMATTERS } from '../core/format/index.ts';
import { importFlow } from '../core/import/index.ts';
import { lintSource } from '../core/lint/lint-source.ts';
import { generateConnectExport, generateStudioExport } from './generate-export.ts';
import { formatMs, measureEach, type Timing } from './measure.ts';

/** Issue 14's goal: an export linted end to end within 3x of parsing its text. */
const GOAL_RATIO = 3;

/**
 * Linting a foreign export as `humanline lint` does, in process: a 100,000-state
 * Studio export and a 10,000-action Connect export, timed end to end (JSON.parse,
 * import, lint, every finding formatted by stylish into the chunks the command
 * writes) and import alone (JSON.parse and import), against the parse floor
 * (JSON.parse of the same text), measured alternately in the same run. Ratios are
 * of the fastest runs, medians beside them.
 */
export function benchImport(runs = 3): void {
  console.log('export linted end to end (parse + import + lint + stylish) and imported alone (parse + import) against the parse floor (JSON.parse alone), alternating runs');
  console.log('  export                      parse fastest (median)   import fastest (median)  end to end fastest (median)  import/parse  e2e/parse  goal');
  const exports: Array<[string, unknown]> = [
    ['Studio, 100,000 states', generateStudioExport(100_000)],
    ['Connect, 10,000 actions', generateConnectExport(10_000)],
  ];
  for (const [name, data] of exports) {
    const text = JSON.stringify(data);
    let findings = 0;
    const [parse, imported, endToEnd] = measureEach(
      runs,
      [
        () => JSON.parse(text),
        () => {
          if (!importFlow(JSON.parse(text)).ok) throw new Error(`the generated ${name} export was refused: the benchmark would measure the wrong thing`);
        },
        () => {
          // as `humanline lint` reads an export: no canvas positions
          const { result } = lintSource(JSON.parse(text), { file: 'export.json' }, { canvas: false });
          findings = result.findings.length;
          // each chunk handed on as it is made, as the command hands it to standard output (the writing is not timed)
          CHUNKED_FORMATTERS.stylish([result], {}, (chunk) => void chunk);
        },
      ],
      0,
    );
    const both = (timing: Timing) => `${formatMs(timing.fastest)} (${formatMs(timing.median)})`.padStart(25);
    const ratio = endToEnd!.fastest / parse!.fastest;
    console.log(
      `  ${name.padEnd(25)} ${both(parse!)} ${both(imported!)} ${both(endToEnd!)} ${(imported!.fastest / parse!.fastest).toFixed(2).padStart(12)}x ${ratio.toFixed(2).padStart(9)}x  ${ratio <= GOAL_RATIO ? 'within' : 'over'} ${GOAL_RATIO}x  (${findings} findings, ${(text.length / 1e6).toFixed(1)} MB)`,
    );
  }
}
