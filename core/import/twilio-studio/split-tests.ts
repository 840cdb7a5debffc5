import type { ConditionTest } from '../../schema/flow.ts';
import type { ChainTest } from '../condition-chain.ts';
import { escapeRegExp, splitList } from '../field-values.ts';
import { readNumber } from '../json-shape.ts';
import { toLiquidVariable, type StudioCondition } from './states.ts';

/** Studio's call data that our `caller` test reads directly. */
const CALLER_FIELDS: Readonly<Record<string, 'from' | 'to' | 'fromCountry' | 'fromState' | 'fromCity'>> = {
  'trigger.call.From': 'from',
  'trigger.call.To': 'to',
  'trigger.call.FromCountry': 'fromCountry',
  'trigger.call.FromState': 'fromState',
  'trigger.call.FromCity': 'fromCity',
};

type Op = Extract<ConditionTest, { type: 'variable' }>['op'];
type Value = string | number | string[] | undefined;

/** A Studio condition type as our comparison: the op, the value, and whether it asks the opposite. */
function toComparison(condition: StudioCondition): { op: Op; value: Value; negate?: boolean } | undefined {
  const { value } = condition;
  const number = readNumber(value);
  switch (condition.type) {
    case 'equal_to': return { op: 'eq', value };
    case 'not_equal_to': return { op: 'eq', value, negate: true };
    case 'matches_any_of': return { op: 'in', value: splitList(value) };
    case 'does_not_match_any_of': return { op: 'in', value: splitList(value), negate: true };
    case 'is_not_blank': return { op: 'exists', value: undefined };
    case 'is_blank': return { op: 'exists', value: undefined, negate: true };
    case 'regex': return { op: 'matches', value };
    case 'contains': return { op: 'matches', value: escapeRegExp(value) };
    case 'does_not_contain': return { op: 'matches', value: escapeRegExp(value), negate: true };
    case 'starts_with': return { op: 'matches', value: `^${escapeRegExp(value)}` };
    case 'does_not_start_with': return { op: 'matches', value: `^${escapeRegExp(value)}`, negate: true };
    case 'less_than': return { op: 'lt', value: number ?? value };
    case 'greater_than': return { op: 'gt', value: number ?? value };
    default: return undefined;
  }
}

/** The variable a split tests: the condition's own argument, else the split's input. */
export function getTestedVariable(condition: StudioCondition, splitInput: string | undefined): string | undefined {
  return toLiquidVariable(condition.argument) ?? toLiquidVariable(splitInput);
}

/**
 * A split condition as a test. `note` says what was not exact (a comparison with no
 * counterpart, an input that is not one variable); the caller turns it into a finding.
 */
export function toStudioTest(condition: StudioCondition, splitInput: string | undefined): ChainTest & { note?: string } {
  const variable = getTestedVariable(condition, splitInput);
  const notes: string[] = [];
  const name = variable ?? (splitInput?.trim() || 'input');
  if (variable === undefined) notes.push(`the input "${splitInput ?? ''}" is not a single variable, so the test reads a variable named "${name}"`);
  let comparison = toComparison(condition);
  if (comparison === undefined) {
    notes.push(`the comparison "${condition.type}" has no counterpart, so it became "equals ${condition.value}"`);
    comparison = { op: 'eq', value: condition.value };
  }
  const field = Object.hasOwn(CALLER_FIELDS, name) ? CALLER_FIELDS[name] : undefined;
  const { op, value, negate } = comparison;
  const test: ConditionTest =
    field !== undefined
      ? { type: 'caller', field, op, ...(value !== undefined ? { value: typeof value === 'number' ? String(value) : value } : {}) }
      : { type: 'variable', variable: name, op, ...(value !== undefined ? { value } : {}) };
  return { test, ...(negate ? { negate } : {}), ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
}
