import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getScenarioCoverage, toPercent } from '../../core/testing/coverage.ts';
import { runScenario } from '../../core/testing/run-scenario.ts';
import { parseScenarioFile } from '../../core/testing/scenario.ts';
import { FlowSchema } from '../../core/schema/flow.ts';

// Coverage counted from the exits scenario calls took, on the shipped bank line.

const bank = FlowSchema.parse(JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')));

function runAll(...scenarios: unknown[]) {
  return scenarios.map((input) => {
    const parsed = parseScenarioFile(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return runScenario(parsed.scenarios[0]!, bank);
  });
}

const isUncovered = (coverage: ReturnType<typeof getScenarioCoverage>, nodeId: string, exitId: string) =>
  coverage.uncoveredEdges.some((edge) => edge.nodeId === nodeId && edge.exitId === exitId);

describe('coverage from scenario runs', () => {
  it('a scenario pressing 1 walks the greeting and main_menu options.0.next, and nothing it did not take', () => {
    const runs = runAll({ name: 'balance', flow: '../bank.json', steps: [{ press: '1' }] });
    expect(runs[0]!.walk).toEqual([
      { nodeId: 'greeting', exitId: 'next' },
      { nodeId: 'main_menu', exitId: 'options.0.next' },
    ]);
    const coverage = getScenarioCoverage(bank, runs);
    expect(isUncovered(coverage, 'main_menu', 'options.0.next')).toBe(false);
    expect(isUncovered(coverage, 'main_menu', 'options.1.next')).toBe(true);
    expect(coverage.uncoveredEdges).toContainEqual({ nodeId: 'main_menu', exitId: 'options.1.next', label: 'press 2' });
    expect(coverage.edges.reachable.walked).toBe(2);
    expect(coverage.nodes.reachable.walked).toBe(3);
    expect(coverage.uncoveredNodes).not.toContain('balance_account');
    expect(coverage.uncoveredNodes).toContain('cards_menu');
  });

  it('two keys of one menu to the same node are two exits: pressing 2 leaves pressing 0 unwalked', () => {
    const closed = { at: '2026-06-01T03:00:00Z' };
    const runs = runAll({ name: 'message', flow: '../bank.json', environment: closed, steps: [{ press: '0' }, { press: '2' }] });
    const coverage = getScenarioCoverage(bank, runs);
    expect(isUncovered(coverage, 'closed_menu', 'options.1.next')).toBe(false);
    expect(isUncovered(coverage, 'closed_menu', 'options.2.next')).toBe(true);
    expect(coverage.uncoveredNodes).not.toContain('closed_voicemail');
  });

  it('a call that never leaves the entry still enters it', () => {
    const entryMenu = { ...bank, entry: 'main_menu' };
    const coverage = getScenarioCoverage(entryMenu, [{ walk: [] }]);
    expect(coverage.uncoveredNodes).not.toContain('main_menu');
    expect(coverage.edges.reachable.walked).toBe(0);
  });

  it('rounds percentages down, and counts nothing to walk as all walked', () => {
    expect(toPercent({ walked: 199, total: 200 })).toBe(99);
    expect(toPercent({ walked: 0, total: 0 })).toBe(100);
  });
});
