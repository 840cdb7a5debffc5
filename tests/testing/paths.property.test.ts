import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { getCoverage } from '../../core/testing/coverage.ts';
import { generateWalks } from '../../core/testing/paths.ts';
import { walkToInputs } from '../../core/testing/walk-inputs.ts';
import { propertyFlow } from '../property/arbitraries.ts';
import { getWalkNodes, replayWalk } from './replay-walk.ts';

/** The largest step budget: the interpreter's guard then lets a call reach every node a small flow has. */
const withRoomyGuard = (flow: Flow): Flow => ({ ...flow, settings: { ...flow.settings, maxSteps: 50 } });

describe('generated walks of random flows', () => {
  it('take every reachable exit', () => {
    fc.assert(
      fc.property(propertyFlow.map(withRoomyGuard), (flow) => {
        const coverage = getCoverage(flow, generateWalks(flow));
        expect(coverage.edges.reachable.walked).toBe(coverage.edges.reachable.total);
      }),
      { numRuns: 300 },
    );
  });

  it('never take an exit the flow does not have, and end within the guard', () => {
    fc.assert(
      fc.property(propertyFlow, (flow) => {
        for (const walk of generateWalks(flow)) {
          expect(getCoverage(flow, [walk]).edges.all.walked).toBe(new Set(walk.steps.map((step) => `${step.nodeId} ${step.exitId}`)).size);
          expect(walk.steps.length).toBeLessThan(1000);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('are followed step by step by the interpreter, where the driver finds an environment for them', () => {
    fc.assert(
      fc.property(propertyFlow, (flow) => {
        for (const walk of generateWalks(flow)) {
          if (walkToInputs(flow, walk).unrealizable !== undefined) continue;
          const { entered, last } = replayWalk(flow, walk);
          expect(entered.slice(0, getWalkNodes(walk).length)).toEqual(getWalkNodes(walk));
          if (walk.end === 'hangup' || walk.end === 'unconnected') {
            expect(entered).toEqual(getWalkNodes(walk));
            expect(last.wait.kind).toBe('end');
          } else if (walk.end !== 'loop') expect(last.state.guard).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});
