import { describe, expect, it } from 'vitest';
import { readCoverageReport } from '../../designer/src/model/coverage-marks.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { cleanFlow } from './flows.ts';
import { createProject, runBin } from './helpers.ts';

// `humanline test --coverage` and `--min-coverage`, through the built bin.

const AGENT = { name: 'agent answers', flow: 'line.json', steps: [{ press: '0' }, { reaches: { person: true } }] };
const BUSY = { name: 'agent busy', flow: 'line.json', environment: { agents: { agent: 'busy' } }, steps: [{ press: '0' }, { reaches: { followUp: true } }] };

/** The clean line (4 nodes, 8 exits) with the scenario pressing 0 for an agent who answers. */
const agentProject = () => createProject({ 'line.json': cleanFlow, 'line.test.json': AGENT });

describe('humanline test --coverage', { timeout: 30_000 }, () => {
  it('prints, after the results, each flow\'s nodes and exits walked and what no scenario walked', async () => {
    const result = await runBin(['test', '--coverage', 'line.test.json'], agentProject());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 scenario: 1 passed, 0 failed\n\nCoverage (walked / reachable from the entry):\n');
    expect(result.stdout).toContain('line.json  nodes 3/4 (75%)  exits 2/8 (25%)\n');
    expect(result.stdout).toContain('  nodes not walked: vm\n');
    expect(result.stdout).toContain('  exits not walked: main: no input, main: no match, agent: busy, agent: no answer, agent: failed, vm: next\n');
  });

  it('counts all the scenarios on one flow together', async () => {
    const root = createProject({ 'line.json': cleanFlow, 'line.test.json': { scenarios: [AGENT, BUSY] } });
    const result = await runBin(['test', '--coverage', '.'], root);
    expect(result.stdout).toContain('line.json  nodes 4/4 (100%)  exits 4/8 (50%)\n');
    expect(result.stdout).not.toContain('nodes not walked');
  });

  it('caps a long list of what was not walked', async () => {
    const result = await runBin(['test', '--coverage', 'tests/scenarios/bank.test.yaml']);
    expect(result.stdout).toMatch(/\n {2}exits not walked: (?:[^,\n]+, ){12}and \d+ more \(-f json lists them all\)\n/);
  });

  it('prints { scenarios, coverage } as JSON, each scenario with the exits it walked', async () => {
    const result = await runBin(['test', '--coverage', '-f', 'json', 'line.test.json'], agentProject());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      scenarios: [
        expect.objectContaining({
          name: 'agent answers',
          file: 'line.test.json',
          passed: true,
          walk: [
            { nodeId: 'main', exitId: 'options.0.next' },
            { nodeId: 'agent', exitId: 'on.answered' },
          ],
        }),
      ],
      coverage: [
        {
          flowId: 'line',
          flow: 'line.json',
          name: 'clean line',
          nodes: { reachable: { walked: 3, total: 4 }, all: { walked: 3, total: 4 } },
          edges: { reachable: { walked: 2, total: 8 }, all: { walked: 2, total: 8 } },
          uncoveredNodes: ['vm'],
          uncoveredEdges: [
            { nodeId: 'main', exitId: 'noInput.next', label: 'no input' },
            { nodeId: 'main', exitId: 'noMatch.next', label: 'no match' },
            { nodeId: 'agent', exitId: 'on.busy', label: 'busy' },
            { nodeId: 'agent', exitId: 'on.noAnswer', label: 'no answer' },
            { nodeId: 'agent', exitId: 'on.failed', label: 'failed' },
            { nodeId: 'vm', exitId: 'next', label: 'next' },
          ],
        },
      ],
    });
  });

  it('prints { scenarios } alone as JSON without --coverage', async () => {
    const result = await runBin(['test', '-f', 'json', 'line.test.json'], agentProject());
    expect(Object.keys(JSON.parse(result.stdout))).toEqual(['scenarios']);
  });
});

describe('humanline test --min-coverage', { timeout: 30_000 }, () => {
  it('exits 1 with one line per flow below the minimum, though every scenario passed, and reports coverage', async () => {
    const result = await runBin(['test', '--min-coverage', '100', 'line.test.json'], agentProject());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1 scenario: 1 passed, 0 failed');
    expect(result.stdout).toContain('line.json  nodes 3/4 (75%)  exits 2/8 (25%)');
    expect(result.stderr).toBe('humanline: line.json: 25% of exits walked, below --min-coverage 100\n');
  });

  it('exits 0 at or above the minimum', async () => {
    const result = await runBin(['test', '--min-coverage', '25', 'line.test.json'], agentProject());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it.each(['abc', '101', '-5', ''])('refuses %j as a usage error (exit 2)', async (value) => {
    const result = await runBin(['test', `--min-coverage=${value}`, 'line.test.json'], agentProject());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`humanline: --min-coverage takes a percentage from 0 to 100, not "${value}"`);
    expect(result.stdout).toBe('');
  });

  it('writes a report the designer reads: the exits it marks are the ones the report lists as not walked', async () => {
    const result = await runBin(['test', '--coverage', '-f', 'json', 'line.test.json'], agentProject());
    const reading = readCoverageReport('report.json', result.stdout, 'line', cleanFlow as Flow);
    if (!reading.ok) throw new Error(reading.message);
    expect(reading.marks.edges).toEqual({ walked: 2, total: 8 });
    expect([...reading.marks.uncoveredExits].sort()).toEqual(['agent:on.busy', 'agent:on.failed', 'agent:on.noAnswer', 'main:noInput.next', 'main:noMatch.next', 'vm:next'].sort());
  });

  it('is refused with --url (a usage error): webhooks show what a caller hears, not the exits taken', async () => {
    const result = await runBin(['test', '--coverage', '--url', 'http://127.0.0.1:9', '--auth-token', 'token', 'line.test.json'], agentProject());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('humanline: --coverage counts the exits the offline engine takes: run it without --url');
  });
});
