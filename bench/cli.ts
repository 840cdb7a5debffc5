import { spawnSync } from 'node:child_process';
import path from 'node:path';
import buildCliWhenStale from '../scripts/build-cli-when-stale.ts';
import { formatMs, measurePair, type Timing } from './measure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Issue 7's goal: `humanline lint` in CI starts within 5x of a bare Node process. */
const GOAL_RATIO = 5;

/** Runs `node <args>` in the repository and waits for it; a failure stops the benchmark rather than timing an error. */
function runNode(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
}

/**
 * The command line's start-up cost: `humanline lint flows/bank.json` as a
 * whole process (start, load, lint, print) against `node -e 0`, the floor no
 * Node program goes under, measured alternately in the same run.
 */
export function benchCli(runs = 21): void {
  buildCliWhenStale();
  console.log('humanline lint flows/bank.json as a process against a bare Node start (node -e 0), alternating runs');
  console.log('    node -e 0 fastest (median)    lint fastest (median)   lint/node   goal');
  const [floor, lint] = measurePair(
    runs,
    () => runNode(['-e', '0']),
    () => runNode(['bin/humanline.js', 'lint', 'flows/bank.json']),
    1_000,
  );
  const both = (timing: Timing) => `${formatMs(timing.fastest)} (${formatMs(timing.median)})`.padStart(24);
  const ratio = lint.fastest / floor.fastest;
  console.log(`  ${both(floor)} ${both(lint)} ${ratio.toFixed(2).padStart(10)}x   ${ratio <= GOAL_RATIO ? 'within' : 'over'} ${GOAL_RATIO}x`);
}
