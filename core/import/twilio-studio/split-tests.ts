import type { ConditionTest } from '../../schema/flow.ts';
import type { ChainTest } from '../condition-chain.ts';
import { escapeRegExp, splitList } from '../field-values.ts';
import { readNumber } from '../json-shape.ts';
import { toLiquidName, type LiquidScope } from './liquid.ts';
import { toLiquidVariable, type StudioCondition } from './states.ts';

type CallerTestField = Extract<ConditionTest, { type: 'caller' }>['field'];

/** The caller fields our `caller` test reads directly; the others are read as `caller.<field>` variables. */
const CALLER_TEST_FIELDS: ReadonlySet<string> = new Set<CallerTestField>(['from', 'to', 'fromCountry', 'fromState', 'fromCity']);

const isCallerTestField = (field: string | undefined): field is CallerTestField => field !== undefined && CALLER_TEST_FIELDS.has(field);

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

/** The filters of the Liquid a split tests (`| downcase`), which the test does not apply. */
function getTestedFilters(condition: StudioCondition, splitInput: string | undefined): string | undefined {
  const source = toLiquidVariable(condition.argument) !== undefined ? condition.argument : splitInput;
  // asked of every split test: a source without a `|` has no filter, and no pattern is run on it
  return source?.includes('|') ? source.match(/(\|[^{}]*?)\s*\}\}\s*$/)?.[1]?.trim() : undefined;
}

/**
 * A split condition as a test. `note` says what was not exact (a comparison with no
 * counterpart, an input that is not one variable); `never` says why the test cannot hold
 * after import (it reads what nothing in the flow saves, or compares with Liquid); the
 * caller turns both into findings.
 */
export function toStudioTest(condition: StudioCondition, splitInput: string | undefined, scope: LiquidScope): ChainTest & { note: string | undefined; never: string | undefined } {
  const variable = getTestedVariable(condition, splitInput);
  const notes: string[] = [];
  const reading = variable === undefined ? undefined : toLiquidName(variable, scope);
  const name = reading?.name ?? variable ?? (splitInput?.trim() || 'input');
  if (variable === undefined) notes.push(`the input "${splitInput ?? ''}" is not a single variable, so the test reads a variable named "${name}"`);
  const filters = getTestedFilters(condition, splitInput);
  if (variable !== undefined && filters !== undefined) notes.push(`the filter "${filters}" of {{${variable}}} is not applied, so the test reads the value as it is`);
  let comparison = toComparison(condition);
  if (comparison === undefined) {
    notes.push(`the comparison "${condition.type}" has no counterpart, so it became "equals ${condition.value}"`);
    comparison = { op: 'eq', value: condition.value };
  }
  const never = reading?.problem ?? (condition.value.includes('{{') ? `it compares with ${condition.value.trim()}, which a condition does not fill in` : undefined);
  const field = name.startsWith('caller.') ? name.slice('caller.'.length) : undefined;
  const { op, value, negate } = comparison;
  const test: ConditionTest =
    isCallerTestField(field)
      ? { type: 'caller', field, op, ...(value !== undefined ? { value: typeof value === 'number' ? String(value) : value } : {}) }
      : { type: 'variable', variable: name, op, ...(value !== undefined ? { value } : {}) };
  // one literal, absent fields undefined: the caller reads each field, so no spread is needed to leave one out
  return { test, negate: negate === true ? true : undefined, note: notes.length > 0 ? notes.join('; ') : undefined, never };
}
