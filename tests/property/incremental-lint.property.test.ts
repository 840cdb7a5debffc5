import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import type { Flow, FlowNode } from '../../core/schema/flow.ts';
import type { Analysis } from '../../core/solver/analyze.ts';
import { anyNode, propertyFlow } from './arbitraries.ts';

// The designer lints after every edit and passes the analysis from before the
// edit, so games the edit cannot change are reused: over random edit
// sequences, that must say exactly what a full lint says.

const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_130);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const TIMEOUT = Math.max(30_000, RUNS * 40);

/** One designer edit, with node indexes taken modulo the flow's size. */
type Edit =
  | { type: 'prompt'; node: number; prompt: string }
  | { type: 'label'; node: number; label: string }
  | { type: 'replace'; node: number; with: (ids: readonly string[]) => fc.Arbitrary<FlowNode>; seed: number }
  | { type: 'entry'; node: number }
  | { type: 'budget'; maxSteps: number };

const words = fc.array(fc.constantFrom('press', 'one', 'for', 'your', 'account', 'information-heavy'), { maxLength: 40 }).map((list) => list.join(' '));
const anyEdit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('prompt' as const), node: fc.nat(), prompt: words }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('label' as const), node: fc.nat(), label: fc.string({ maxLength: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('replace' as const), node: fc.nat(), with: fc.constant(anyNode), seed: fc.integer() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('entry' as const), node: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('budget' as const), maxSteps: fc.integer({ min: 1, max: 6 }) }) },
);

/** The flow after `edit`; a new object wherever it changed, as the designer's edits make them. */
function applyEdit(flow: Flow, edit: Edit): Flow {
  const ids = Object.keys(flow.nodes);
  if (edit.type === 'budget') return { ...flow, settings: { ...flow.settings, maxSteps: edit.maxSteps } };
  const id = ids[edit.node % ids.length]!;
  if (edit.type === 'entry') return { ...flow, entry: id };
  const node = flow.nodes[id]!;
  const next: FlowNode =
    edit.type === 'prompt'
      ? ('prompt' in node ? ({ ...node, prompt: edit.prompt } as FlowNode) : node)
      : edit.type === 'label'
        ? { ...node, label: edit.label }
        : fc.sample(edit.with(ids), { seed: edit.seed, numRuns: 1 })[0]!;
  return { ...flow, nodes: { ...flow.nodes, [id]: next } };
}

/** The analysis without its graph, which holds the flow itself: the solved values, routes and traps. */
const toSolved = (analysis: Analysis) => ({ ...analysis, graph: undefined });

describe('linting with the analysis from before an edit', () => {
  it(
    'finds, counts and solves exactly what a full lint does, edit after edit',
    () => {
      fc.assert(
        fc.property(propertyFlow, fc.array(anyEdit, { minLength: 1, maxLength: 12 }), (start, editList) => {
          let flow = start;
          let previous = lintParsedFlow(flow).analysis;
          for (const edit of editList) {
            flow = applyEdit(flow, edit);
            const incremental = lintParsedFlow(flow, { previousAnalysis: previous });
            const full = lintParsedFlow(flow);
            expect(incremental.result).toEqual(full.result);
            expect(toSolved(incremental.analysis)).toEqual(toSolved(full.analysis));
            expect(incremental.analysis.graph.flow).toBe(flow);
            previous = incremental.analysis;
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
