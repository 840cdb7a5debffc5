import type { ConditionTest, NodeOfKind } from '../../schema/flow.ts';
import { addConditionChain, type ChainBranch, type ChainTest } from '../condition-chain.ts';
import { escapeRegExp } from '../field-values.ts';
import type { ImportContext } from '../import-context.ts';
import { toGotoNode } from '../goto.ts';
import { getSourceLabel, toSourceLabel } from '../node-ids.ts';
import { getOwn, readNumber, readText } from '../json-shape.ts';
import { getDisplayName, type ConnectAction } from './actions.ts';
import type { ConnectFlowInfo } from './blocks.ts';
import { HOURS_DATA_KEY, PLACEHOLDER_HOURS_TEXT, type HoursReference } from './hours.ts';
import type { ConnectRoute, ConnectRoutes } from './routes.ts';

const labelOf = (id: string, action: ConnectAction) => getSourceLabel(id, action.identifier);

/**
 * CheckHoursOfOperation names the calendar of its hours of operation (the working queue's when it
 * names none); the calendar holds the real hours when the export carries them, else a placeholder.
 */
export function addHoursCheck(ctx: ImportContext, id: string, action: ConnectAction, routes: ConnectRoutes, flow: ConnectFlowInfo): void {
  const conditions = routes.takeConditions();
  const pick = (answer: string) => conditions.find((route) => route.operands?.[0]?.toLowerCase() === answer)?.target;
  const then = pick('true');
  for (const route of conditions) {
    const answer = route.operands?.[0]?.toLowerCase();
    if (answer !== 'true' && answer !== 'false' && route.target !== undefined) {
      ctx.findings.lose(id, `${route.label} of an hours check is neither True nor False: its route to "${route.target}" was dropped`);
    }
  }
  // an error (no queue set, say) means no agents to reach: the closed branch
  const otherwise = pick('false') ?? routes.take('next', 'error:NoMatchingError');
  const calendar = flow.calendars.claim(getHoursReference(action), toQueueHoursName(flow.workingQueues));
  for (const problem of calendar.problems) ctx.findings.warn(id, `the hours of operation "${calendar.name}": ${problem}`);
  if (calendar.placeholder) {
    ctx.findings.warn(id, `the hours of operation (${calendar.name}) live in Amazon Connect, not in the export: imported as the calendar "${calendar.id}", a placeholder ${PLACEHOLDER_HOURS_TEXT}; set its hours in the flow's calendars, or import the export with the hours under "${HOURS_DATA_KEY}"`);
  }
  // built without spreading `{ label }`, `{ then }` and `{ else }` objects into it: each spread was a copy per block
  const label = toSourceLabel(id, action.identifier);
  const test: ConditionTest = { type: 'hours', calendar: calendar.id };
  const node: NodeOfKind<'condition'> = label === undefined ? { kind: 'condition', test } : { kind: 'condition', label, test };
  if (then !== undefined) node.then = then;
  if (otherwise !== undefined) node.else = otherwise;
  ctx.nodes.set(id, node);
  routes.reportUnused('condition');
}

/** The hours a check names: `HoursOfOperationId` (older exports: `Hours`), and the console's name for them. */
function getHoursReference(action: ConnectAction): HoursReference {
  const parameter = readText(action.parameters.HoursOfOperationId) !== undefined ? 'HoursOfOperationId' : 'Hours';
  const displayName = getDisplayName(action, parameter) ?? readText(getOwn(getOwn(action.metadata, 'Hours'), 'text'));
  return { ref: readText(action.parameters[parameter]), displayName };
}

/** Without hours of its own, a check reads the working queue's: named after that queue when only one is set. */
function toQueueHoursName(workingQueues: readonly string[]): string {
  return workingQueues.length === 1 ? `${workingQueues[0]} hours` : "the working queue's hours";
}

/** `$.CustomerEndpoint.Address` and `$.SystemEndpoint.Address` are the caller's and the line's numbers. */
const CALLER_FIELDS: Readonly<Record<string, 'from' | 'to'>> = {
  'CustomerEndpoint.Address': 'from',
  'SystemEndpoint.Address': 'to',
};

/** A Compare operator as a test; undefined when it has no counterpart. */
function toComparison(operator: string, operands: string[]): { op: 'eq' | 'in' | 'lt' | 'gt' | 'matches'; value: string | number | string[]; negate?: boolean } | undefined {
  const [first = ''] = operands;
  const number = readNumber(first) ?? first;
  switch (operator) {
    case 'Equals': return operands.length > 1 ? { op: 'in', value: operands } : { op: 'eq', value: first };
    case 'NumberLessThan': return { op: 'lt', value: number };
    case 'NumberGreaterThan': return { op: 'gt', value: number };
    case 'NumberLessOrEqualTo': return { op: 'gt', value: number, negate: true };
    case 'NumberGreaterOrEqualTo': return { op: 'lt', value: number, negate: true };
    case 'Contains':
    case 'TextContains': return { op: 'matches', value: escapeRegExp(first) };
    case 'StartsWith':
    case 'TextStartsWith': return { op: 'matches', value: `^${escapeRegExp(first)}` };
    case 'EndsWith':
    case 'TextEndsWith': return { op: 'matches', value: `${escapeRegExp(first)}$` };
    default: return undefined;
  }
}

function toCompareTest(ctx: ImportContext, id: string, variable: string, route: ConnectRoute): ChainTest {
  const operands = route.operands ?? [];
  let comparison = toComparison(route.operator ?? '', operands);
  if (comparison === undefined) {
    ctx.findings.warn(id, `${route.label}: the operator "${route.operator ?? ''}" has no counterpart, so it became "equals ${operands[0] ?? ''}"`);
    comparison = { op: 'eq', value: operands[0] ?? '' };
  }
  const { op, value, negate } = comparison;
  const field = Object.hasOwn(CALLER_FIELDS, variable) ? CALLER_FIELDS[variable] : undefined;
  const test: ConditionTest = field !== undefined
    ? { type: 'caller', field, op, value: typeof value === 'number' ? String(value) : value }
    : { type: 'variable', variable, op, value };
  return { test, ...(negate ? { negate } : {}) };
}

/** Compare (Check contact attributes) and CheckMetricData: one condition per branch, in order. */
export function addComparison(ctx: ImportContext, id: string, action: ConnectAction, routes: ConnectRoutes): void {
  const compared = readText(action.parameters.ComparisonValue);
  const metric = readText(action.parameters.MetricType);
  const variable = compared?.replace(/^\$\./, '') ?? (metric !== undefined ? `QueueMetrics.${metric}` : `${id}.value`);
  const branches: ChainBranch[] = routes.takeConditions().map((route) => ({ tests: [toCompareTest(ctx, id, variable, route)], target: route.target }));
  const otherwise = routes.take('error:NoMatchingCondition', 'next');
  addConditionChain(ctx, id, branches, otherwise, { ...labelOf(id, action), emptyTest: { type: 'variable', variable, op: 'exists' } });
  routes.reportUnused('condition');
}

/**
 * DistributeByPercentage writes cumulative thresholds (< 30, < 100); each link of the chain
 * splits what the links before it left over, so link i gets share_i / (100 - threshold_before).
 */
export function addPercentageSplit(ctx: ImportContext, id: string, action: ConnectAction, routes: ConnectRoutes): void {
  let before = 0;
  const branches: ChainBranch[] = [];
  for (const route of routes.takeConditions()) {
    const threshold = readNumber(route.operands?.[0]);
    if (route.operator !== 'NumberLessThan' || threshold === undefined) {
      if (route.target !== undefined) ctx.findings.lose(id, `${route.label} is not a percentage threshold: its route to "${route.target}" was dropped`);
      continue;
    }
    const rest = 100 - before;
    const percent = rest <= 0 ? 0 : Math.min(100, Math.max(0, ((threshold - before) / rest) * 100));
    branches.push({ tests: [{ test: { type: 'split', percent: Math.round(percent * 100) / 100 } }], target: route.target });
    before = Math.max(before, threshold);
  }
  const otherwise = routes.take('error:NoMatchingCondition', 'next');
  addConditionChain(ctx, id, branches, otherwise, { ...labelOf(id, action), emptyTest: { type: 'split', percent: 0 } });
  routes.reportUnused('condition');
}

/**
 * TransferToFlow hands the contact to another flow for good: a `goto` to it, its error the
 * goto's failed route. Without a flow to name, nothing can be linked: a placeholder, reported.
 */
export function addTransferToFlow(ctx: ImportContext, id: string, action: ConnectAction, routes: ConnectRoutes): void {
  const references = [readText(action.parameters.ContactFlowId), getDisplayName(action, 'ContactFlowId')].filter((reference) => reference !== undefined);
  const failed = routes.take('error:NoMatchingError') ?? routes.takeErrors().find((route) => route.target !== undefined)?.target;
  if (references.length === 0) {
    ctx.findings.lose(id, 'TransferToFlow names no flow (no ContactFlowId): imported as a placeholder that goes where its error did');
    ctx.nodes.set(id, { kind: 'say', ...labelOf(id, action), prompt: '(TransferToFlow not imported)', ...(failed !== undefined ? { next: failed } : {}) });
  } else {
    ctx.nodes.set(id, toGotoNode(ctx, id, { references, words: 'TransferToFlow', failed, ...labelOf(id, action) }));
  }
  routes.reportUnused('goto');
}
