import { toGotoNode } from '../goto.ts';
import { getSourceLabel } from '../node-ids.ts';
import { readText } from '../json-shape.ts';
import { routeEvents } from './event-routes.ts';
import { getEventTarget } from './states.ts';
import type { WidgetMapper } from './widgets.ts';

/**
 * run-subflow becomes a `goto` to the subflow, its `failed` the goto's failed route. A goto does
 * not come back, so the steps after `completed` are no longer reached from here: reported.
 */
export const runSubflow: WidgetMapper = (ctx, id, state) => {
  const { failed } = routeEvents(ctx, id, state, { failed: 'failed', completed: null }, 'failed');
  const flowSid = readText(state.properties.flow_sid);
  const completed = getEventTarget(state, 'completed');
  if (typeof completed === 'string' && completed !== '') {
    ctx.findings.lose(id, `run-subflow "${state.name}" comes back to "${completed}" when the subflow completes, but a goto does not come back: that route was dropped`);
  }
  const label = getSourceLabel(id, state.name);
  if (flowSid === undefined) {
    ctx.findings.lose(id, `run-subflow "${state.name}" names no flow (no flow_sid): imported as a placeholder that goes where its failure did`);
    ctx.nodes.set(id, { kind: 'say', ...label, prompt: `(run-subflow "${state.name}" not imported)`, ...(failed !== undefined ? { next: failed } : {}) });
    return;
  }
  ctx.nodes.set(id, toGotoNode(ctx, id, { references: [flowSid], words: `run-subflow "${state.name}"`, failed, ...label }));
};
