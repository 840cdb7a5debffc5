import type { ImportContext } from '../import-context.ts';
import { getEvent, getNext, type StudioState } from './states.ts';

/**
 * Where a widget's events go, by the field of our node that takes each: `null` for events
 * with nothing to route (the caller hung up). An event the table lacks goes to `unknownTo`
 * with a finding, or is reported as lost; two events that fill one field with different
 * targets keep the first and report the second as lost.
 */
export function routeEvents<Field extends string>(
  ctx: ImportContext,
  nodeId: string,
  state: StudioState,
  table: Readonly<Record<string, Field | null>>,
  unknownTo?: Field,
): Partial<Record<Field, string>> {
  const routes: Partial<Record<Field, string>> = {};
  // the name resolved last and its node: events that go to the same widget (an enqueue's
  // failedToEnqueue and callFailure) resolve it once, not once each in a 100,000-name map
  let lastName: unknown;
  let lastTarget: string | undefined;
  for (const transition of state.transitions) {
    const next = getNext(transition);
    if (next === undefined || next === null || next === '') continue;
    const event = getEvent(transition);
    const known = Object.hasOwn(table, event) ? table[event] : undefined;
    if (known === null) continue;
    let field = known;
    if (field === undefined) {
      if (unknownTo === undefined) {
        ctx.findings.lose(nodeId, `event "${event}" of ${state.type} widget "${state.name}" has no counterpart: its route was dropped`);
        continue;
      }
      field = unknownTo;
      ctx.findings.warn(nodeId, `event "${event}" of ${state.type} widget "${state.name}" is not a known event: mapped to ${field}`);
    }
    // a name that did not resolve is looked up again: its finding is made per event
    const target = lastTarget !== undefined && next === lastName ? lastTarget : ctx.target(nodeId, next, 'event', event);
    if (target === undefined) continue;
    lastName = next;
    lastTarget = target;
    const existing = routes[field];
    if (existing !== undefined && existing !== target) {
      ctx.findings.lose(nodeId, `event "${event}" goes to "${target}", but ${field} already goes to "${existing}": the route to "${target}" was dropped`);
      continue;
    }
    routes[field] = target;
  }
  return routes;
}
