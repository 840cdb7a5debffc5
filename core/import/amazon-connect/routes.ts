import type { ImportContext } from '../import-context.ts';
import { getOwn, isRecord, readArray, readString } from '../json-shape.ts';
import type { ConnectAction } from './actions.ts';

/** One resolved transition of an action: NextAction, a condition or an error. */
export interface ConnectRoute {
  /** `next`, `error:<ErrorType>` or `condition:<index>` */
  key: string;
  /** words for findings: `NextAction`, `error InputTimeLimitExceeded`, `condition Equals 1` */
  label: string;
  /** the source's own name for the outcome: `NextAction`, the operands, the error type */
  outcome: string;
  target: string | undefined;
  operator?: string;
  operands?: string[];
  used: boolean;
}

/**
 * An action's transitions, resolved to node ids once (so a missing target is reported once).
 * Mappers take the ones their node has an exit for; `reportUnused` then names every route
 * that leads somewhere no taken route leads, since that route was lost in the mapping.
 */
export class ConnectRoutes {
  readonly all: ConnectRoute[];

  constructor(private readonly ctx: ImportContext, private readonly nodeId: string, action: ConnectAction) {
    // read straight from the export into one array, each label built once: a 10,000-action
    // export resolves tens of thousands of routes, and none of them outlives its action's mapping
    const all: ConnectRoute[] = [];
    const transitions = action.transitions;
    const next = getOwn(transitions, 'NextAction');
    if (next !== undefined) all.push({ key: 'next', label: 'NextAction', outcome: 'NextAction', target: ctx.target(nodeId, next, 'NextAction'), used: false });
    let index = 0;
    for (const condition of readArray(getOwn(transitions, 'Conditions'))) {
      if (!isRecord(condition)) continue;
      const test = getOwn(condition, 'Condition');
      const operator = readString(getOwn(test, 'Operator')) ?? '';
      const operands = toOperands(getOwn(test, 'Operands'));
      const joined = operands.join(', ');
      const label = `condition ${operator} ${joined}`.trim();
      all.push({ key: `condition:${index++}`, label, outcome: joined || label, target: ctx.target(nodeId, getOwn(condition, 'NextAction'), label), operator, operands, used: false });
    }
    for (const error of readArray(getOwn(transitions, 'Errors'))) {
      if (!isRecord(error)) continue;
      const errorType = readString(getOwn(error, 'ErrorType')) ?? '';
      const label = `error ${errorType}`;
      all.push({ key: `error:${errorType}`, label, outcome: errorType, target: ctx.target(nodeId, getOwn(error, 'NextAction'), label), used: false });
    }
    this.all = all;
  }

  /** The target of the first of these routes that leads somewhere, marking it taken. */
  take(...keys: string[]): string | undefined {
    // an indexed walk: a find callback per key was made for every block
    for (let index = 0; index < keys.length; index++) {
      const route = this.findUntaken(keys[index]!);
      if (route === undefined) continue;
      route.used = true;
      return route.target;
    }
    return undefined;
  }

  private findUntaken(key: string): ConnectRoute | undefined {
    const all = this.all;
    for (let index = 0; index < all.length; index++) {
      const route = all[index]!;
      if (route.key === key && !route.used && route.target !== undefined) return route;
    }
    return undefined;
  }

  /** Conditions not yet taken, marking them taken: the mapper maps or reports each. */
  takeConditions(): ConnectRoute[] {
    const conditions = this.all.filter((route) => route.key.startsWith('condition:') && !route.used);
    for (const route of conditions) route.used = true;
    return conditions;
  }

  /** Error routes not yet taken, marking them taken. */
  takeErrors(): ConnectRoute[] {
    const errors = this.all.filter((route) => route.key.startsWith('error:') && !route.used);
    for (const route of errors) route.used = true;
    return errors;
  }

  /** Whether an error route leads to `target` (where no route leads, to nowhere), without taking it. */
  isErrorTarget(target: string | undefined): boolean {
    for (const route of this.all) if (route.target === target && route.key.startsWith('error:')) return true;
    return false;
  }

  /** Everything is accounted for by the caller (an action that leaves the flow). */
  dismiss(): void {
    for (const route of this.all) route.used = true;
  }

  /**
   * Reports routes no exit took. `lenient`: the node cannot fail in humanline (a prompt, a
   * variable), so a dropped error route is a warning, not a lost route.
   */
  reportUnused(kind: string, lenient = false): void {
    // most actions take every route that leads somewhere; the rest have a few routes, scanned rather than put in sets
    const all = this.all;
    if (all.every(isSettled)) return;
    for (let index = 0; index < all.length; index++) {
      const route = all[index]!;
      if (!isDropped(all, route) || hasDroppedBefore(all, index, route.key)) continue;
      const message = `${route.label} goes to "${route.target}", but a ${kind} node has no exit for it: the route was dropped`;
      if (lenient && route.key.startsWith('error:')) this.ctx.findings.warn(this.nodeId, `${message} (a ${kind} node cannot fail in humanline)`);
      else this.ctx.findings.lose(this.nodeId, message);
    }
  }
}

/** A route no exit took that leads where no taken route leads: it is reported. */
function isDropped(all: readonly ConnectRoute[], route: ConnectRoute): boolean {
  if (route.used || route.target === undefined) return false;
  for (const taken of all) if (taken.used && taken.target === route.target) return false;
  return true;
}

/** Whether a route before `end` with this key was dropped: a key is reported once. */
function hasDroppedBefore(all: readonly ConnectRoute[], end: number, key: string): boolean {
  for (let index = 0; index < end; index++) if (all[index]!.key === key && isDropped(all, all[index]!)) return true;
  return false;
}

/** A route taken by an exit, or one that leads nowhere: nothing to report. */
function isSettled(route: ConnectRoute): boolean {
  return route.used || route.target === undefined;
}

/** A condition's operands as text: Connect writes strings, and anything else is kept as its JSON. */
function toOperands(value: unknown): string[] {
  const operands: string[] = [];
  for (const operand of readArray(value)) operands.push(typeof operand === 'string' ? operand : JSON.stringify(operand) ?? '');
  return operands;
}
