import { describe, expect, it } from 'vitest';
import { generateSuite } from '../../core/testing/generate.ts';
import { checkScenarioNodes, runScenario } from '../../core/testing/run-scenario.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { parseScenarioFile, type Scenario } from '../../core/testing/scenario.ts';
import { BILLING_FAILS, BILLING_FLOW, INTO_BILLING, LINKED_FLOW } from './linked-flow.ts';

// A scenario scripts whether a goto's link succeeds (`environment.links`), so a
// line's failure route can be tested and generated suites cover it.

describe('scenario links', () => {
  it('the scenario format takes links per goto node, failed or entered, and refuses another outcome', () => {
    const parsed = parseScenarioFile({ ...BILLING_FAILS, environment: { links: { go: 'entered', other: 'failed' } } });
    expect(parsed.ok).toBe(true);
    const wrong = parseScenarioFile({ ...BILLING_FAILS, environment: { links: { go: 'busy' } } });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.issues[0]?.path).toEqual(['environment', 'links', 'go']);
  });

  it('a link the scenario says fails takes the goto\'s failed route, and the call goes on to a person', () => {
    const result = runScenario(BILLING_FAILS, LINKED_FLOW);
    expect(result.steps.filter((step) => step.status !== 'passed')).toEqual([]);
    expect(result.walk).toContainEqual({ nodeId: 'go', exitId: 'on.failed' });
  });

  it('an entered link ends the offline call there, walks the goto\'s flow exit, and a later caller step says the test does not follow the call into that flow', () => {
    const scenario: Scenario = { flow: 'main', name: 'into billing', steps: [{ press: '1' }, { reaches: { node: 'go' } }, { press: '2' }] };
    const result = runScenario(scenario, LINKED_FLOW);
    expect(result.steps.map((step) => step.status)).toEqual(['passed', 'passed', 'failed']);
    expect(result.steps[2]?.failure).toMatchObject({ expected: 'the call to wait for the caller', found: 'the call continues in flow billing, which this test does not follow' });
    expect(result.walk).toContainEqual({ nodeId: 'go', exitId: 'flow' });
    // the same with links naming it entered
    const named = runScenario({ ...scenario, environment: { links: { go: 'entered' } } }, LINKED_FLOW);
    expect(named.steps[2]?.failure?.found).toBe('the call continues in flow billing, which this test does not follow');
  });

  it('a person asserted after an entered link fails, saying where the call went', () => {
    const result = runScenario({ flow: 'main', name: 'into billing', steps: [{ press: '1' }, { ends: 'callerChoice' }] }, LINKED_FLOW);
    expect(result.steps[1]?.failure?.found).toBe('the call continues in flow billing, which this test does not follow');
    const person = runScenario({ flow: 'main', name: 'into billing', steps: [{ press: '1' }, { reaches: { person: true } }] }, LINKED_FLOW);
    expect(person.steps[1]?.failure?.found).toBe('no person was reached: the call continues in flow billing, which this test does not follow');
  });

  it('links naming a node that is not a goto, or no node, are refused with a clear message', () => {
    const issues = checkScenarioNodes({ ...BILLING_FAILS, environment: { links: { sorry: 'failed', nowhere: 'failed', go: 'failed' } } }, LINKED_FLOW);
    expect(issues).toEqual([
      { path: ['environment', 'links', 'sorry'], message: 'node "sorry" is a say node: links name goto nodes' },
      { path: ['environment', 'links', 'nowhere'], message: 'the flow has no node "nowhere": use the id of one of its goto nodes' },
    ]);
  });

  it('the generated suite drives the failed link: it covers sorry and both exits of the goto, and skips no walk', () => {
    const suite = generateSuite(LINKED_FLOW, 'main');
    expect(suite.skipped).toEqual([]);
    expect(suite.coverage.uncoveredNodes).toEqual([]);
    const uncovered = suite.coverage.uncoveredEdges.map((edge) => `${edge.nodeId} ${edge.exitId}`);
    expect(uncovered).not.toContain('go flow');
    expect(uncovered).not.toContain('go on.failed');
    expect(uncovered).not.toContain('sorry next');
    const failing = suite.scenarios.find((scenario) => scenario.environment?.links !== undefined);
    expect(failing?.environment?.links).toEqual({ go: 'failed' });
    expect(failing?.steps).toContainEqual({ reaches: { node: 'vm' } });
  });

  it('given the line\'s other flows, an entered link goes on in the linked flow; coverage counts the scenario\'s own flow only', () => {
    const followed = runScenario(INTO_BILLING, LINKED_FLOW, undefined, new Map([['billing', BILLING_FLOW]]));
    expect(followed.steps.filter((step) => step.status !== 'passed')).toEqual([]);
    expect(followed.walk).toEqual([
      { nodeId: 'm', exitId: 'options.0.next' },
      { nodeId: 'go', exitId: 'flow' },
    ]);
    // without billing the call stops at the goto, and says so
    const alone = runScenario(INTO_BILLING, LINKED_FLOW);
    expect(alone.steps[1]?.status).toBe('failed');
    expect(runScenario(INTO_BILLING, LINKED_FLOW, undefined, new Map([['sales', BILLING_FLOW]])).steps[1]?.status).toBe('failed');
  });

  it('a goto back from the linked flow returns the call to the scenario\'s flow, whose exits count again', () => {
    const back = { ...BILLING_FLOW, nodes: { ...BILLING_FLOW.nodes, hello: { kind: 'say', prompt: 'You are in billing.', next: 'home' }, home: { kind: 'goto', flow: 'main', node: 't', on: { failed: 'agent' } } } } as unknown as Flow;
    const scenario: Scenario = { flow: 'main', name: 'round trip', environment: { agents: { t: 'busy' } }, steps: [{ press: '1' }, { expect: { prompt: { contains: 'Leave a message' } } }, { reaches: { followUp: true } }] };
    const result = runScenario(scenario, LINKED_FLOW, undefined, new Map([['main', LINKED_FLOW], ['billing', back]]));
    expect(result.steps.filter((step) => step.status !== 'passed')).toEqual([]);
    expect(result.walk).toContainEqual({ nodeId: 't', exitId: 'on.busy' });
    expect(result.walk?.some((step) => step.nodeId === 'hello' || step.nodeId === 'home')).toBe(false);
  });
});
