import type { ImportContext } from '../import-context.ts';
import type { StudioState } from './states.ts';

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
  for (const transition of state.transitions) {
    if (transition.next === undefined || transition.next === null || transition.next === '') continue;
    const known = Object.hasOwn(table, transition.event) ? table[transition.event] : undefined;
    if (known === null) continue;
    let field = known;
    if (field === undefined) {
      if (unknownTo === undefined) {
        ctx.findings.lose(nodeId, `event "${transition.event}" of ${state.type} widget "${state.name}" has no counterpart: its route was dropped`);
        continue;
      }
      field = unknownTo;
      ctx.findings.warn(nodeId, `event "${transition.event}" of ${state.type} widget "${state.name}" is not a known event: mapped to ${field}`);
    }
    const target = ctx.target(nodeId, transition.next, `event "${transition.event}"`);
    if (target === undefined) continue;
    const existing = routes[field];
    if (existing !== undefined && existing !== target) {
      ctx.findings.lose(nodeId, `event "${transition.event}" goes to "${target}", but ${field} already goes to "${existing}": the route to "${target}" was dropped`);
      continue;
    }
    routes[field] = target;
  }
  return routes;
}
