import { CHUNKED_FORMATTERS } from '../core/format/index.ts';
import { importFlow } from '../core/import/index.ts';
import { lintSource } from '../core/lint/lint-source.ts';
import type { LintResult } from '../core/lint/types.ts';
import { generateConnectExport, generateStudioExport } from './generate-export.ts';
import { formatMs, measureEach, type Timing } from './measure.ts';

/** Issue 14's goal: an export linted end to end within 3x of parsing its text. */
const GOAL_RATIO = 3;

/** Each chunk handed on as it is made, as `humanline lint` hands it to standard output (the writing is not timed). */
function formatReport(result: LintResult): void {
  CHUNKED_FORMATTERS.stylish([result], {}, (chunk) => void chunk);
}

/**
 * Linting a foreign export as `humanline lint` does, in process: a 100,000-state
 * Studio export and a 10,000-action Connect export, timed end to end (JSON.parse,
 * import, lint, every finding formatted by stylish into the chunks the command
 * writes), import alone (JSON.parse and import) and the report alone (stylish on
 * the lint's result), against the parse floor (JSON.parse of the same text). The
 * four are measured alternately in the same run, after a warm-up and with runs by
 * size, as the lint benchmark measures flows: three runs without a warm-up timed the
 * Connect importer partly before V8 had optimised it. Ratios are of the fastest
 * runs, medians beside them; the split of the end to end time puts the lint at what
 * is left of it after the import and the report.
 */
export function benchImport(): void {
  console.log('export linted end to end (parse + import + lint + stylish), imported alone (parse + import) and its report alone (stylish), against the parse floor (JSON.parse alone), alternating runs after a warm-up');
  console.log('  export                      parse fastest (median)   import fastest (median)  end to end fastest (median)  import/parse  e2e/parse  goal');
  const exports: Array<[string, unknown, number]> = [
    ['Studio, 100,000 states', generateStudioExport(100_000), 5],
    ['Connect, 10,000 actions', generateConnectExport(10_000), 15],
  ];
  for (const [name, data, runs] of exports) {
    const text = JSON.stringify(data);
    // as `humanline lint` reads an export: no canvas positions
    const lint = () => lintSource(JSON.parse(text), { file: 'export.json' }, { canvas: false }).result;
    const linted = lint();
    const [parse, imported, endToEnd, report] = measureEach(runs, [
      () => JSON.parse(text),
      () => {
        if (!importFlow(JSON.parse(text)).ok) throw new Error(`the generated ${name} export was refused: the benchmark would measure the wrong thing`);
      },
      () => formatReport(lint()),
      () => formatReport(linted),
    ]);
    const both = (timing: Timing) => `${formatMs(timing.fastest)} (${formatMs(timing.median)})`.padStart(25);
    const ofParse = (ms: number) => ms / parse!.fastest;
    const ratio = ofParse(endToEnd!.fastest);
    console.log(
      `  ${name.padEnd(25)} ${both(parse!)} ${both(imported!)} ${both(endToEnd!)} ${ofParse(imported!.fastest).toFixed(2).padStart(12)}x ${ratio.toFixed(2).padStart(9)}x  ${ratio <= GOAL_RATIO ? 'within' : 'over'} ${GOAL_RATIO}x  (${linted.findings.length} findings, ${(text.length / 1e6).toFixed(1)} MB)`,
    );
    const importOnly = imported!.fastest - parse!.fastest;
    const lintOnly = endToEnd!.fastest - imported!.fastest - report!.fastest;
    console.log(
      `  ${''.padEnd(25)} of the parse floor: parse 1.00x + import ${ofParse(importOnly).toFixed(2)}x + lint ${ofParse(lintOnly).toFixed(2)}x + report ${ofParse(report!.fastest).toFixed(2)}x (stylish alone ${formatMs(report!.fastest)})`,
    );
  }
}
