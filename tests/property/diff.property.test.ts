import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffFlows, hasNewErrors, isEmptyDiff } from '../../core/diff/diff-flows.ts';
import type { FieldChange, FlowDiff } from '../../core/diff/types.ts';
import { FlowSchema } from '../../core/schema/flow.ts';
import { anyFlow, mostlyValidFlow, propertyFlow } from './arbitraries.ts';

// The diff against itself: no version differs from itself, and reading two
// versions the other way round swaps every before and after.

const SEED = Number(process.env.PROPERTY_SEED ?? 20_260_601);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const run = { seed: SEED, numRuns: RUNS };
const TIMEOUT = Math.max(30_000, RUNS * 40);

/** Two versions over the same node ids, so they share nodes, routes and findings. */
const twoVersions = fc.oneof(fc.tuple(anyFlow, anyFlow), fc.tuple(mostlyValidFlow, mostlyValidFlow));

const swapField = ({ before, after, ...rest }: FieldChange): FieldChange => ({ ...rest, ...(after !== undefined ? { before: after } : {}), ...(before !== undefined ? { after: before } : {}) });

/**
 * The diff read the other way round. A changed node and a reach change are
 * named by the new version's label, so those two compare by id and values.
 */
function toMirror(diff: FlowDiff) {
  return {
    flow: diff.flow.map(swapField),
    nodes: {
      added: diff.nodes.removed,
      removed: diff.nodes.added,
      changed: diff.nodes.changed.map((node) => ({ nodeId: node.nodeId, fields: node.fields.map(swapField) })),
    },
    routes: {
      added: diff.routes.removed,
      removed: diff.routes.added,
      changed: diff.routes.changed.map(({ before, after, ...route }) => ({ ...route, before: after, after: before })),
    },
    reach: diff.reach.map(({ nodeId, before, after }) => ({ nodeId, before: after, after: before })),
    findings: { appeared: diff.findings.cleared, cleared: diff.findings.appeared },
    verdict: { before: diff.verdict.after, after: diff.verdict.before },
  };
}

function toComparable(diff: FlowDiff) {
  return {
    ...diff,
    nodes: { ...diff.nodes, changed: diff.nodes.changed.map((node) => ({ nodeId: node.nodeId, fields: node.fields })) },
    reach: diff.reach.map(({ nodeId, before, after }) => ({ nodeId, before, after })),
  };
}

describe('diffFlows, property', () => {
  it('finds nothing between a flow and itself', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(propertyFlow, (generated) => {
        const flow = FlowSchema.parse(generated);
        const diff = diffFlows(flow, structuredClone(flow));
        expect(isEmptyDiff(diff)).toBe(true);
        expect(hasNewErrors(diff)).toBe(false);
        expect(diff.verdict.before).toEqual(diff.verdict.after);
      }),
      run,
    );
  });

  it('swapping the versions swaps every before and after', { timeout: TIMEOUT }, () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(twoVersions, ([first, second]) => {
        const a = FlowSchema.parse(first);
        const b = FlowSchema.parse(second);
        const forward = diffFlows(a, b);
        if (!isEmptyDiff(forward)) nonEmpty += 1;
        expect(toComparable(diffFlows(b, a))).toEqual(toMirror(forward));
      }),
      run,
    );
    // the property was tested on diffs with something in them
    expect(nonEmpty).toBeGreaterThan(RUNS / 2);
  });
});
