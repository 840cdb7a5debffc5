import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_FLOW_IDS } from '../helpers/shipped-flows.ts';
import { PROJECT_ROOT, runBin } from './helpers.ts';

const SCENARIOS_DIR = 'tests/scenarios';

const isGeneratedFile = (name: string): boolean => /\.generated(-[0-9]+)?\.test\.yaml$/.test(name);

describe('the generated suites of the shipped flows', { timeout: 120_000 }, () => {
  it('pass the README\'s CI job: lint, then test --coverage --min-coverage 100 -f junit (exit 0)', async () => {
    expect((await runBin(['lint', 'flows/'])).code).toBe(0);
    const output = path.join(mkdtempSync(path.join(tmpdir(), 'humanline-junit-')), 'test-results.xml');
    try {
      const tested = await runBin(['test', SCENARIOS_DIR, '--coverage', '--min-coverage', '100', '-f', 'junit', '-o', output]);
      expect(tested.stderr).not.toContain('below --min-coverage');
      expect(tested.code).toBe(0);
      const junit = readFileSync(output, 'utf8');
      for (const flowId of SHIPPED_FLOW_IDS) expect(junit).toContain(`${flowId}.generated.test.yaml`);
      expect(junit).not.toContain('<failure');
    } finally {
      rmSync(path.dirname(output), { recursive: true, force: true });
    }
  });

  it('are what --generate writes today for each shipped flow, byte for byte', async () => {
    // Regenerated beside tests/scenarios, at the same depth, so the paths written in the files are the same.
    const folder = mkdtempSync(path.join(PROJECT_ROOT, 'tests', '.regenerated-'));
    const relativeFolder = path.relative(PROJECT_ROOT, folder);
    try {
      for (const flowId of SHIPPED_FLOW_IDS) {
        const generated = await runBin(['test', '--generate', `flows/${flowId}.json`, '-o', relativeFolder]);
        expect(generated.stderr, flowId).toBe('');
        expect(generated.code, flowId).toBe(0);
      }
      const committed = readdirSync(path.join(PROJECT_ROOT, SCENARIOS_DIR)).filter(isGeneratedFile).sort();
      expect(committed, `every shipped flow has its generated suite in ${SCENARIOS_DIR}, and no other is there`).toEqual(readdirSync(folder).sort());
      for (const name of committed) {
        const flowId = name.replace(/\.generated(-[0-9]+)?\.test\.yaml$/, '');
        const regenerate = `${SCENARIOS_DIR}/${name} is not what flows/${flowId}.json generates: regenerate with: humanline test --generate flows/${flowId}.json -o ${SCENARIOS_DIR}`;
        expect(readFileSync(path.join(folder, name), 'utf8'), regenerate).toBe(readFileSync(path.join(PROJECT_ROOT, SCENARIOS_DIR, name), 'utf8'));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
