import { getExits, getKindSpec } from '../nodes/registry.ts';
import { BUILT_IN_PHRASES } from '../phrases/catalogue.ts';
import { DEFAULTS } from '../schema/defaults.ts';
import type { Flow } from '../schema/flow.ts';
import { getNode } from './state.ts';
import type { CallState, GuardReason, RunOptions } from './types.ts';

// The run-time guard (SPEC section 4): a call that gets stuck despite the
// validator (an unvalidated flow, a caller browsing in circles) goes to a person.

/** What an English call hears when the guard fires; other languages hear theirs (core/phrases). */
export const GUARD_APOLOGY = BUILT_IN_PHRASES.en.guardApology;
/** Moves without a wait before a say/set/condition loop counts as stuck (Twilio Studio's figure). */
export const MOVE_LIMIT = 1000;
export const DEFAULT_MENU_VISIT_LIMIT = 3;

/**
 * Callers who browse information legitimately use steps (the validator bounds
 * the steps to a person from every point, not a whole call), and at exactly N
 * the menu-visit bound could never fire; twice the proven budget means
 * something is wrong.
 */
export function getStepLimit(flow: Flow): number {
  return (flow.settings?.maxSteps ?? DEFAULTS.maxSteps) * 2;
}

/** Why entering the caller node `nodeId` trips the guard, or undefined when the call may go on. */
export function checkCallerEntry(flow: Flow, state: CallState, options: RunOptions, nodeId: string, isMenu: boolean): GuardReason | undefined {
  if (state.steps + 1 > getStepLimit(flow)) return 'steps';
  const visits = Object.hasOwn(state.visits, nodeId) ? (state.visits[nodeId] ?? 0) : 0;
  if (isMenu && visits + 1 > (options.menuVisitLimit ?? DEFAULT_MENU_VISIT_LIMIT)) return 'menuVisits';
  return undefined;
}

const hasRole = (flow: Flow, id: string, role: 'human' | 'followUp'): boolean => {
  const node = getNode(flow, id);
  return node !== undefined && getKindSpec(node).role === role;
};

/** The node of `role` nearest to `from` over every exit (breadth-first), else the first in the file. */
function findNearest(flow: Flow, from: string | undefined, role: 'human' | 'followUp'): string | undefined {
  if (from !== undefined && getNode(flow, from)) {
    const seen = new Set<string>([from]);
    const queue = [from];
    for (let head = 0; head < queue.length; head++) {
      const id = queue[head]!;
      if (hasRole(flow, id, role)) return id;
      for (const exit of getExits(getNode(flow, id)!)) {
        if (exit.target !== undefined && !seen.has(exit.target) && getNode(flow, exit.target)) {
          seen.add(exit.target);
          queue.push(exit.target);
        }
      }
    }
  }
  return Object.keys(flow.nodes).find((id) => hasRole(flow, id, role));
}

/** The transfer or queue nearest to `from` over every exit (breadth-first), else the first in the file. */
export function findNearestPerson(flow: Flow, from: string | undefined): string | undefined {
  return findNearest(flow, from, 'human');
}

export type GuardRoute = { kind: 'dial'; number: string } | { kind: 'node'; nodeId: string } | { kind: 'none' };

/**
 * Where the guard sends the caller: the flow's fallback number, the runtime's, else the nearest person in the flow.
 * `firedBefore`: the call is stuck again after the guard's person failed (a busy route back into the loop), so
 * the same person would only fail again: the nearest follow-up takes the call instead, else it ends.
 */
export function getGuardRoute(flow: Flow, options: RunOptions, from: string | undefined, firedBefore = false): GuardRoute {
  const number = flow.settings?.fallback?.number ?? options.fallbackNumber;
  if (number && !firedBefore) return { kind: 'dial', number };
  const nodeId = firedBefore ? findNearest(flow, from, 'followUp') : findNearestPerson(flow, from);
  return nodeId === undefined ? { kind: 'none' } : { kind: 'node', nodeId };
}
