import { describe, expect, it } from 'vitest';
import { formatJson } from '../../core/format/json.ts';
import { allResults, lineResult } from './fixtures.ts';
import { readGolden } from './golden.ts';

describe('json formatter', () => {
  const output = formatJson(allResults);

  it('matches the golden report', () => {
    expect(output).toBe(readGolden('json.json'));
  });

  it('is an array with one object per file and every field present', () => {
    const report = JSON.parse(output) as Array<Record<string, unknown>>;
    expect(report).toHaveLength(3);
    expect(Object.keys(report[0]!)).toEqual(['file', 'flow', 'errorCount', 'warningCount', 'stats', 'findings']);
    expect(report[2]).toMatchObject({ flow: null, stats: null, errorCount: 1 });
    const [error, warning] = report[1]!.findings as Array<Record<string, unknown>>;
    expect(error).toEqual({
      ruleId: 'silent-caller',
      messageId: 'silentLoop',
      severity: 'error',
      message: expect.any(String),
      nodeId: 'main',
      path: ['main', 'main'],
      counterexample: {
        steps: [
          { nodeId: 'main', exit: 'no input', exitId: 'noInput.next' },
          { nodeId: 'main', exit: 'no input', exitId: 'noInput.next' },
        ],
        callerSteps: 2,
        end: 'loop',
      },
      scenario: 'silent-caller',
    });
    expect(warning).toMatchObject({ path: [], counterexample: null, scenario: null });
    expect(warning).not.toHaveProperty('jsonPath');
    const [schema] = report[2]!.findings as Array<Record<string, unknown>>;
    expect(schema).toMatchObject({ ruleId: 'schema', messageId: null, jsonPath: 'nodes.main.options.0' });
  });

  it('prints an empty array for no results', () => {
    expect(formatJson([])).toBe('[]\n');
  });
});

describe('json formatter: a counterexample crossing files', () => {
  it('keeps the file of each step', () => {
    const [report] = JSON.parse(formatJson([lineResult])) as Array<{ findings: Array<{ counterexample: { steps: Array<{ nodeId: string; file?: string }> } }> }>;
    const steps = report!.findings[0]!.counterexample.steps.map((step) => `${step.file}:${step.nodeId}`);
    expect(steps).toEqual(['flows/entry.json:main', 'flows/entry.json:to-brand', 'flows/brand.json:hours', 'flows/brand.json:bye']);
  });
});
