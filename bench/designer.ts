import dagre from '@dagrejs/dagre';
import { lintParsedFlow } from '../core/lint/linter.ts';
import { toLayoutGraph } from '../designer/src/model/layout.ts';
import { createDesignerStore } from '../designer/src/stores/designer-store.ts';
import { generateFlow } from './generate-flow.ts';
import { formatMs, measureEach, measurePair } from './measure.ts';

/** One frame at 60 Hz: the designer issue's budget for validating after an edit. */
const FRAME_MS = 1000 / 60;

/**
 * The designer validates on the main thread after every edit; the goal is to
 * stay under a frame for flows of a few hundred nodes. Measured: a prompt edit
 * through the store (schema check + lint + badges + verdict), against the
 * linter alone on the same flow, measured alternately in the same run.
 */
export function benchDesigner(sizes = [100, 300, 1_000]): void {
  console.log('designer edit (store.updateNode: schema + lint + step badges + verdict) against lint alone, alternating runs');
  console.log('  nodes    lint fastest (median)    edit fastest (median)   edit/lint   edit/frame (16.7 ms)');
  for (const size of sizes) {
    const flow = generateFlow(size);
    const store = createDesignerStore({ flowId: 'bench', flow });
    let edits = 0;
    const [lint, edit] = measurePair(
      size >= 1_000 ? 41 : 101,
      () => lintParsedFlow(flow),
      () => {
        // a new prompt each time, so the store cannot skip the validation
        if (!store.getState().updateNode('menu0', { prompt: `Edit ${edits++}: for news press 1, for your account press 2, for an agent press 0.` })) {
          throw new Error(`the edit was refused: ${store.getState().lastError}`);
        }
      },
    );
    const both = (t: { fastest: number; median: number }) => `${formatMs(t.fastest)} (${formatMs(t.median)})`.padStart(24);
    console.log(
      `  ${String(size).padStart(5)} ${both(lint)} ${both(edit)} ${(edit.fastest / lint.fastest).toFixed(2).padStart(10)}x ${(edit.median / FRAME_MS).toFixed(2).padStart(12)} (median)`,
    );
  }
}

/**
 * Auto layout (Shift+L) runs dagre on the main thread, the page frozen until it ends. Measured: dagre
 * with the designer's ranker (each node's rank from its depth, in one pass) against dagre's own
 * network simplex on the same graph (the layout is the same: a test holds it so), alternately in the
 * same run. Network simplex takes seconds at 1,000 nodes, so it runs once there, and not at 5,000.
 */
export function benchLayout(sizes = [300, 600, 1_000]): void {
  console.log("designer auto layout (dagre, the designer's one-pass ranker) against dagre's network simplex ranker, alternating runs");
  console.log('  nodes    network simplex fastest (median)    one pass fastest (median)   simplex/one pass');
  const layOut = (flow: ReturnType<typeof generateFlow>, ranker?: 'network-simplex') => {
    const graph = toLayoutGraph(flow);
    if (ranker !== undefined) graph.graph().ranker = ranker;
    dagre.layout(graph);
  };
  const both = (t: { fastest: number; median: number }) => `${formatMs(t.fastest)} (${formatMs(t.median)})`.padStart(30);
  for (const size of sizes) {
    const flow = generateFlow(size);
    const [simplex, onePass] = measurePair(size >= 1_000 ? 1 : 3, () => layOut(flow, 'network-simplex'), () => layOut(flow), 0);
    console.log(`  ${String(size).padStart(5)} ${both(simplex)} ${both(onePass)} ${(simplex.fastest / onePass.fastest).toFixed(1).padStart(18)}x`);
  }
  {
    const size = 5_000;
    const flow = generateFlow(size);
    const [onePass] = measureEach(3, [() => layOut(flow)], 0);
    console.log(`  ${String(size).padStart(5)} ${'(not run)'.padStart(30)} ${both(onePass!)}`);
  }
}
