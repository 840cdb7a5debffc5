import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import { checkScenarioNodes, runScenario } from '../../core/testing/run-scenario.ts';
import { parseScenarioFile, type Scenario } from '../../core/testing/scenario.ts';
import { readShippedFlowTexts, SHIPPED_FLOWS_DIR } from '../helpers/shipped-flows.ts';

/** The shipped examples' caller tests: beside the project's tests, since flows/ holds only the flows. */
const SCENARIOS_DIR = path.join(SHIPPED_FLOWS_DIR, '../tests/scenarios');

function readScenarios(flowId: string): Scenario[] {
  const parsed = parseScenarioFile(parse(readFileSync(path.join(SCENARIOS_DIR, `${flowId}.test.yaml`), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => issue.message).join('\n'));
  return parsed.scenarios;
}

function readFlow(text: string): Flow {
  const parsed = parseFlow(JSON.parse(text));
  if (!parsed.ok) throw new Error('a shipped flow does not parse');
  return parsed.flow;
}

/** The flow with every transfer and queue turned into a hang-up: nobody ever reaches a person. */
function withoutPeople(flow: Flow): Flow {
  const nodes = Object.fromEntries(
    Object.entries(flow.nodes).map(([id, node]) => [id, node.kind === 'transfer' || node.kind === 'queue' ? { kind: 'hangup', label: 'Broken: hangs up' } : node]),
  );
  return { ...flow, nodes } as Flow;
}

describe.each(readShippedFlowTexts())('the scenarios shipped for $flowId', ({ flowId, text }) => {
  const flow = readFlow(text);
  const scenarios = readScenarios(flowId);

  it('name only nodes the flow has, and all pass', () => {
    for (const scenario of scenarios) {
      expect(checkScenarioNodes(scenario, flow)).toEqual([]);
      const result = runScenario(scenario, flow);
      expect(result.steps.filter((step) => step.status !== 'passed')).toEqual([]);
    }
  });

  it('fail on a broken copy where nobody answers, naming the step and where the call went', () => {
    const failures = scenarios.map((scenario) => runScenario(scenario, withoutPeople(flow))).filter((result) => !result.passed);
    expect(failures.length).toBeGreaterThan(0);
    for (const result of failures) {
      const failed = result.steps.find((step) => step.status === 'failed');
      expect(failed?.text).toBeTruthy();
      expect(failed?.failure?.at).toBeDefined();
    }
  });
});
