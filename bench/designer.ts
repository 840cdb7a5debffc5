import { lintParsedFlow } from '../core/lint/linter.ts';
import { createDesignerStore } from '../designer/src/stores/designer-store.ts';
import { generateFlow } from './generate-flow.ts';
import { formatMs, measurePair } from './measure.ts';

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
