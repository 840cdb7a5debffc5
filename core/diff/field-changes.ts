import type { FieldChange } from './types.ts';

// Two versions of a node (or of the flow's own fields) compared leaf by leaf:
// a designer reads "no input retries: 1 → 2", not two JSON blobs.

/** Longest value a report quotes; a prompt of a page is cut, not printed whole. */
const MAX_VALUE_LENGTH = 80;

type Leaves = Map<string, unknown>;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lists of values (phrases, days) compare as one leaf; lists of objects (options) item by item. */
function collectLeaves(value: unknown, prefix: string, skip: ReadonlySet<string>, leaves: Leaves): void {
  if (skip.has(prefix)) return;
  const isItemList = Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null);
  const entries = isItemList ? value.map((item, index) => [String(index), item] as const) : isPlainObject(value) ? Object.entries(value) : undefined;
  if (entries === undefined || entries.length === 0) {
    if (prefix !== '' && value !== undefined) leaves.set(prefix, value);
    return;
  }
  for (const [key, item] of entries) collectLeaves(item, prefix === '' ? key : `${prefix}.${key}`, skip, leaves);
}

/** A value as a report quotes it, cut to a line. */
export function toValueText(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

const CAMEL_CASE = /^[a-z]+(?:[A-Z][a-z0-9]*)+$/;

/** `noInput.retries` → `no input retries`, `options.1.phrases` → `option 2 phrases`. */
export function toFieldWords(field: string): string {
  const words: string[] = [];
  for (const segment of field.split('.')) {
    const previous = words.at(-1);
    if (/^\d+$/.test(segment) && previous !== undefined && previous.endsWith('s')) {
      words[words.length - 1] = `${previous.slice(0, -1)} ${Number(segment) + 1}`;
    } else {
      // schema names are camelCase; anything else (a header, a rule id, a variable) is the user's and kept
      words.push(CAMEL_CASE.test(segment) ? segment.replace(/([A-Z])/g, ' $1').toLowerCase() : segment);
    }
  }
  return words.join(' ');
}

/** The leaves that differ between two values, sorted by field so that swapping the versions only swaps before and after. */
export function getFieldChanges(before: unknown, after: unknown, skip: ReadonlySet<string> = new Set()): FieldChange[] {
  const beforeLeaves: Leaves = new Map();
  const afterLeaves: Leaves = new Map();
  collectLeaves(before, '', skip, beforeLeaves);
  collectLeaves(after, '', skip, afterLeaves);
  const fields = [...new Set([...beforeLeaves.keys(), ...afterLeaves.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const beforeText = beforeLeaves.has(field) ? toValueText(beforeLeaves.get(field)) : undefined;
    const afterText = afterLeaves.has(field) ? toValueText(afterLeaves.get(field)) : undefined;
    if (beforeText === afterText && JSON.stringify(beforeLeaves.get(field)) === JSON.stringify(afterLeaves.get(field))) continue;
    changes.push({
      field,
      words: toFieldWords(field),
      ...(beforeText !== undefined ? { before: beforeText } : {}),
      ...(afterText !== undefined ? { after: afterText } : {}),
    });
  }
  return changes;
}
