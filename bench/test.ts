import { lintFlow } from '../core/lint/linter.ts';
import { parseFlow } from '../core/schema/parse.ts';
import { generateSuite } from '../core/testing/generate.ts';
import { generateFlow } from './generate-flow.ts';
import { formatMs, measurePair } from './measure.ts';

/**
 * `humanline test` offline: generating the suite of a 1,000-node flow and
 * running every scenario of it, against linting the same flow, measured
 * alternately in the same run. Both start from the flow's JSON text; generation
 * runs each scenario once, as its check, and that run is the one counted. The flow
 * gets the largest step budget (50), so the interpreter's guard lets calls go
 * deep and the suite is as large as generation makes it.
 */
export function benchTest(size = 1_000, runs = 5): void {
  const text = JSON.stringify({ ...generateFlow(size), settings: { languages: ['en-US'], maxSteps: 50 } });
  let scenarios = 0;
  let failed = 0;
  let covered = '';
  const [lint, test] = measurePair(
    runs,
    () => {
      if (lintFlow(JSON.parse(text)).errorCount !== 0) throw new Error('the generated flow has lint errors: the benchmark would measure the wrong thing');
    },
    () => {
      const parsed = parseFlow(JSON.parse(text));
      if (!parsed.ok) throw new Error('the generated flow does not parse');
      const suite = generateSuite(parsed.flow, 'flow.json');
      scenarios = suite.scenarios.length;
      // Generation runs every scenario on the offline engine to check it: that run is the suite's run.
      failed = suite.results.filter((result) => !result.passed).length;
      covered = `${suite.coverage.edges.reachable.walked}/${suite.coverage.edges.reachable.total}`;
    },
    0,
  );
  if (failed !== 0) throw new Error(`${failed} generated scenarios fail on the flow they were generated from`);
  console.log(`humanline test offline: generate and run the suite of a ${size}-node flow (${scenarios} scenarios taking ${covered} reachable exits; the rest lie beyond the interpreter's guard) against lint of the same flow, alternating runs`);
  const both = (t: { fastest: number; median: number }) => `${formatMs(t.fastest)} (${formatMs(t.median)})`;
  console.log(`  lint fastest (median) ${both(lint)}   generate + run fastest (median) ${both(test)}   test/lint ${(test.fastest / lint.fastest).toFixed(2)}x`);
}
