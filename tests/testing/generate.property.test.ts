import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { getScenarioCoverage } from '../../core/testing/coverage.ts';
import { generateSuite } from '../../core/testing/generate.ts';
import { getReachableEdges, toEdgeKey } from '../../core/testing/paths.ts';
import { runScenario } from '../../core/testing/run-scenario.ts';
import { propertyFlow } from '../property/arbitraries.ts';
import { expectWalkFollowed } from './walk-followed.ts';

/** The largest step budget: the interpreter's guard then lets a call reach every node a small flow has. */
const withRoomyGuard = (flow: Flow): Flow => ({ ...flow, settings: { ...flow.settings, maxSteps: 50 } });

describe('generated suites of random flows', () => {
  // Coverage is what running the suite walks. An exit that only unrealisable walks take (a 0 % split's `then`, hours
  // no time of the week satisfies, two answers of one look-up in one call) is reachable in the graph but no scenario
  // environment can drive a call through it: it is left out of what must be walked, and every other reachable exit must be.
  it('pass on the flow they were generated from, follow their walks, and when run take every reachable exit except those no environment can drive', () => {
    fc.assert(
      fc.property(propertyFlow.map(withRoomyGuard), (flow) => {
        const suite = generateSuite(flow, 'flow.json');
        const results = suite.scenarios.map((scenario) => runScenario(scenario, flow));
        results.forEach((result, index) => {
          expect(result.passed).toBe(true);
          expectWalkFollowed(result.walk ?? [], suite.walks[index]!);
        });
        expect(suite.skipped.filter((skipped) => skipped.cause === 'engine')).toEqual([]);
        const unrealisable = new Set(suite.skipped.flatMap((skipped) => skipped.walk.steps.map((step) => toEdgeKey(step.nodeId, step.exitId))));
        const reachable = getReachableEdges(flow);
        const uncovered = getScenarioCoverage(flow, results).uncoveredEdges.map((edge) => toEdgeKey(edge.nodeId, edge.exitId)).filter((key) => reachable.has(key));
        expect(uncovered.filter((key) => !unrealisable.has(key))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
