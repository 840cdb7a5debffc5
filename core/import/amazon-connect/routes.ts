import type { ImportContext } from '../import-context.ts';
import { getOwn, isRecord, readArray, readString } from '../json-shape.ts';
import type { ConnectAction } from './actions.ts';

/** What an action without conditions or errors has: one shared empty list, not an array per action. */
const NO_ITEMS: readonly unknown[] = [];

function readItems(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : NO_ITEMS;
}

/** One resolved transition of an action: NextAction, a condition or an error. */
export interface ConnectRoute {
  /** `next`, `error:<ErrorType>` or `condition:<index>` */
  readonly key: string;
  /** words for findings: `NextAction`, `error InputTimeLimitExceeded`, `condition Equals 1` */
  readonly label: string;
  /** the source's own name for the outcome: `NextAction`, the operands, the error type */
  readonly outcome: string;
  readonly target: string | undefined;
  readonly operator?: string;
  readonly operands?: string[];
  used: boolean;
}

/**
 * The words of a route are needed only for findings and unknown blocks, so they are built when
 * asked: a 10,000-action export has tens of thousands of routes, most of them mapped silently.
 */
class NextRoute implements ConnectRoute {
  readonly key = 'next';
  readonly label = 'NextAction';
  readonly outcome = 'NextAction';
  used = false;
  constructor(readonly target: string | undefined) {}
}

const toErrorLabel = (errorType: string) => `error ${errorType}`;
const toConditionLabel = (operator: string, operands: string[]) => `condition ${operator} ${operands.join(', ')}`.trim();

class ErrorRoute implements ConnectRoute {
  used = false;
  constructor(readonly key: string, private readonly errorType: string, readonly target: string | undefined) {}
  get label(): string {
    return toErrorLabel(this.errorType);
  }
  get outcome(): string {
    return this.errorType;
  }
}

class ConditionRoute implements ConnectRoute {
  used = false;
  constructor(readonly key: string, readonly operator: string, readonly operands: string[], readonly target: string | undefined) {}
  get label(): string {
    return toConditionLabel(this.operator, this.operands);
  }
  get outcome(): string {
    return this.operands.join(', ') || this.label;
  }
}

/**
 * An action's transitions, resolved to node ids once (so a missing target is reported once).
 * Mappers take the ones their node has an exit for; `reportUnused` then names every route
 * that leads somewhere no taken route leads, since that route was lost in the mapping.
 */
export class ConnectRoutes {
  readonly all: ConnectRoute[];

  constructor(private readonly ctx: ImportContext, private readonly nodeId: string, action: ConnectAction) {
    // read straight from the export into one array, made at its size (pushed, an empty array grew to 17 slots):
    // none of the routes outlives its action's mapping
    const transitions = action.transitions;
    const next = getOwn(transitions, 'NextAction');
    const conditions = readItems(getOwn(transitions, 'Conditions'));
    const errors = readItems(getOwn(transitions, 'Errors'));
    const all: ConnectRoute[] = new Array(conditions.length + errors.length + (next !== undefined ? 1 : 0));
    /** each route's target as the export names it, beside `all`: a name an earlier route resolved is not looked up again */
    const names: unknown[] = new Array(all.length);
    let count = 0;
    if (next !== undefined) {
      names[count] = next;
      all[count++] = new NextRoute(ctx.target(nodeId, next, 'NextAction'));
    }
    let index = 0;
    for (let at = 0; at < conditions.length; at++) {
      const condition = conditions[at];
      if (!isRecord(condition)) continue;
      const test = getOwn(condition, 'Condition');
      const operator = readString(getOwn(test, 'Operator')) ?? '';
      const operands = toOperands(getOwn(test, 'Operands'));
      const next = getOwn(condition, 'NextAction');
      const target = this.getKnownTarget(next, all, names, count) ?? ctx.target(nodeId, next, toConditionLabel(operator, operands));
      names[count] = next;
      all[count++] = new ConditionRoute(toConditionKey(index++), operator, operands, target);
    }
    for (let at = 0; at < errors.length; at++) {
      const error = errors[at];
      if (!isRecord(error)) continue;
      const errorType = readString(getOwn(error, 'ErrorType')) ?? '';
      const next = getOwn(error, 'NextAction');
      const target = this.getKnownTarget(next, all, names, count) ?? ctx.target(nodeId, next, toErrorLabel(errorType));
      names[count] = next;
      all[count++] = new ErrorRoute(toErrorKey(errorType), errorType, target);
    }
    all.length = count;
    this.all = all;
  }

  /**
   * The node id of an action the export holds: the route's words are built only for `ctx.target` to report a miss.
   * An action's routes often share a target (its errors go where NextAction goes, in about 40% of the routes of a
   * large export): a name an earlier route found is compared in place, not looked up again among 10,000 names.
   */
  private getKnownTarget(sourceName: unknown, all: readonly ConnectRoute[], names: readonly unknown[], count: number): string | undefined {
    if (typeof sourceName !== 'string') return undefined;
    for (let index = 0; index < count; index++) {
      if (names[index] === sourceName && all[index]!.target !== undefined) return all[index]!.target;
    }
    return this.ctx.ids.get(sourceName);
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
    return this.takeUntaken('condition:');
  }

  /** Error routes not yet taken, marking them taken. */
  takeErrors(): ConnectRoute[] {
    return this.takeUntaken('error:');
  }

  /** Routes of a kind (a key prefix) not yet taken, marking them taken; counted first, so the list is made at its size. */
  private takeUntaken(keyPrefix: string): ConnectRoute[] {
    const all = this.all;
    let count = 0;
    for (let index = 0; index < all.length; index++) if (isUntaken(all[index]!, keyPrefix)) count++;
    const taken: ConnectRoute[] = new Array(count);
    count = 0;
    for (let index = 0; index < all.length; index++) {
      const route = all[index]!;
      if (!isUntaken(route, keyPrefix)) continue;
      route.used = true;
      taken[count++] = route;
    }
    return taken;
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

function isUntaken(route: ConnectRoute, keyPrefix: string): boolean {
  return !route.used && route.key.startsWith(keyPrefix);
}

/** A route taken by an exit, or one that leads nowhere: nothing to report. */
function isSettled(route: ConnectRoute): boolean {
  return route.used || route.target === undefined;
}

/** A condition's operands as text: Connect writes strings, and anything else is kept as its JSON. */
function toOperands(value: unknown): string[] {
  const operands = readArray(value);
  // the export's own array when it holds strings only, as Connect writes it: no copy per condition
  if (operands.every(isString)) return operands as string[];
  return operands.map((operand) => (typeof operand === 'string' ? operand : JSON.stringify(operand) ?? ''));
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/**
 * The keys of the errors the mappers take, written out: a key built per error route was a new string
 * each time, and comparing it with the key a mapper asks for meant comparing their characters.
 */
const KNOWN_ERROR_KEYS: ReadonlyMap<string, string> = new Map([
  ['CallFailed', 'error:CallFailed'],
  ['ConnectionTimeLimitExceeded', 'error:ConnectionTimeLimitExceeded'],
  ['InputTimeLimitExceeded', 'error:InputTimeLimitExceeded'],
  ['InvalidPhoneNumber', 'error:InvalidPhoneNumber'],
  ['NoMatchingCondition', 'error:NoMatchingCondition'],
  ['NoMatchingError', 'error:NoMatchingError'],
  ['QueueAtCapacity', 'error:QueueAtCapacity'],
]);

function toErrorKey(errorType: string): string {
  return KNOWN_ERROR_KEYS.get(errorType) ?? `error:${errorType}`;
}

/** `condition:<index>`, made once per index rather than once per condition of a 10,000-action export. */
const CONDITION_KEYS: string[] = [];
function toConditionKey(index: number): string {
  return (CONDITION_KEYS[index] ??= `condition:${index}`);
}
