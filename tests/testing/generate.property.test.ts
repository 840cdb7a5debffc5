import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { generateSuite } from '../../core/testing/generate.ts';
import { getReachableEdges, toEdgeKey } from '../../core/testing/paths.ts';
import { runScenario } from '../../core/testing/run-scenario.ts';
import { propertyFlow } from '../property/arbitraries.ts';

/** The largest step budget: the interpreter's guard then lets a call reach every node a small flow has. */
const withRoomyGuard = (flow: Flow): Flow => ({ ...flow, settings: { ...flow.settings, maxSteps: 50 } });

describe('generated suites of random flows', () => {
  // Counting: an exit only unrealisable walks take (a 0 % split's `then`, hours no time of the week satisfies, two answers
  // of one look-up in a call) cannot be scripted, so it leaves the total; every other reachable exit must be walked.
  it('pass on the flow they were generated from, and take every reachable exit a scenario can script', () => {
    fc.assert(
      fc.property(propertyFlow.map(withRoomyGuard), (flow) => {
        const suite = generateSuite(flow, 'flow.json');
        for (const scenario of suite.scenarios) expect(runScenario(scenario, flow).passed).toBe(true);
        expect(suite.skipped.filter((skipped) => skipped.cause === 'engine')).toEqual([]);
        const unscriptable = new Set(suite.skipped.flatMap((skipped) => skipped.walk.steps.map((step) => toEdgeKey(step.nodeId, step.exitId))));
        const reachable = getReachableEdges(flow);
        const uncovered = suite.coverage.uncoveredEdges.map((edge) => toEdgeKey(edge.nodeId, edge.exitId)).filter((key) => reachable.has(key));
        expect(uncovered.filter((key) => !unscriptable.has(key))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
