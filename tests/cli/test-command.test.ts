import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cleanFlow } from './flows.ts';
import { createProject, PROJECT_ROOT, runBin } from './helpers.ts';

const AGENT_SCENARIO = `name: press 0 for an agent
flow: line.json
steps:
  - expect: { prompt: { contains: "Press 0" } }
  - press: "0"
  - reaches: { person: true, withinSteps: 1 }
`;

const bankText = readFileSync(path.join(PROJECT_ROOT, 'flows/bank.json'), 'utf8');

describe('humanline test', { timeout: 30_000 }, () => {
  it('passes the scenarios shipped for the examples (exit 0)', async () => {
    const result = await runBin(['test', 'tests/scenarios']);
    // nothing but the progress line of a run this long (the generated suites are there too)
    expect(result.stderr).toMatch(/^humanline: running \d+ scenarios from \d+ files\n$/);
    expect(result.stdout).toContain('tests/scenarios/bank.test.yaml › pressing 0 at the main menu reaches a person');
    expect(result.stdout).toMatch(/(\d+) scenarios: \1 passed, 0 failed/);
    expect(result.code).toBe(0);
  });

  it('fails a broken copy of the bank flow (key 0 hangs up), naming the step, the expectation, what was heard and where the call went', async () => {
    const bank = JSON.parse(bankText);
    const agentOption = bank.nodes.main_menu.options.find((option: { key: string }) => option.key === '0');
    agentOption.next = 'goodbye';
    // the shipped scenarios name the flow from tests/scenarios; here it lies one folder up
    const scenarios = readFileSync(path.join(PROJECT_ROOT, 'tests/scenarios/bank.test.yaml'), 'utf8').replaceAll('../../flows/bank.json', '../bank.json');
    const root = createProject({ 'bank.json': bank, 'tests/bank.test.yaml': scenarios });
    const result = await runBin(['test', 'tests'], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ tests/bank.test.yaml › pressing 0 at the main menu reaches a person');
    expect(result.stdout).toContain('step 4: expect a prompt containing "Please hold for the next available agent"');
    expect(result.stdout).toContain('call at: goodbye (Goodbye)');
    expect(result.stdout).toContain('heard: "Thank you for banking with Acme Bank. Goodbye."');
  });

  it('writes JUnit XML that parses, one test case per scenario, the failure naming its step', async () => {
    const root = createProject({ 'line.json': cleanFlow, 'line.test.yaml': `${AGENT_SCENARIO.replace('withinSteps: 1', 'withinSteps: 0')}` });
    const result = await runBin(['test', '--format', 'junit', '.'], root);
    expect(result.code).toBe(1);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(result.stdout);
    const testCase = xml.testsuites.testsuite.testcase;
    expect(testCase.name).toBe('press 0 for an agent');
    expect(testCase.failure.message).toBe('step 3 (reach a person within 0 steps): expected a person within 0 steps');
  });

  it('writes JSON results', async () => {
    const root = createProject({ 'line.json': cleanFlow, 'line.test.json': { name: 'agent', flow: 'line', steps: [{ press: '0' }, { reaches: { node: 'agent' } }] } });
    const result = await runBin(['test', '-f', 'json', 'line.test.json'], root);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ scenarios: [expect.objectContaining({ name: 'agent', file: 'line.test.json', passed: true })] });
  });

  it('refuses bad input with exit 2 and one line per problem naming file and line, without a stack trace', async () => {
    const root = createProject({
      'line.json': cleanFlow,
      'syntax.test.yaml': 'name: x\nflow: line.json\nsteps:\n  - press: "0"\n   bad: [\n',
      'unknown.test.yaml': 'name: x\nflow: line.json\nsteps:\n  - press: "0"\n  - reaches: { person: true, whithin: 3 }\n',
      'node.test.yaml': 'name: x\nflow: line.json\nenvironment:\n  agents:\n    nobody: busy\nsteps:\n  - press: "0"\n',
      'missing.test.yaml': 'name: x\nflow: ../nowhere.json\nsteps:\n  - press: "0"\n',
    });
    const result = await runBin(['test', '.'], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      'humanline: missing.test.yaml:2: flow "../nowhere.json" not found: give a path relative to this file, or the id of a flow beside it or one folder up',
      'humanline: node.test.yaml:5: the flow has no node "nobody": use the id of one of its transfer nodes',
      expect.stringMatching(/^humanline: syntax\.test\.yaml:5: not valid YAML: .*; fix the syntax$/),
      'humanline: unknown.test.yaml:5: unknown field "whithin": remove it or check its spelling',
    ]);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('says how many scenarios it runs when there are many, on stderr', async () => {
    const scenarios = Array.from({ length: 21 }, (_, index) => ({ name: `agent ${index}`, flow: 'line.json', steps: [{ press: '0' }] }));
    const root = createProject({ 'line.json': cleanFlow, 'many.test.json': { scenarios } });
    const result = await runBin(['test', 'many.test.json'], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('humanline: running 21 scenarios from 1 file\n');
  });
});
