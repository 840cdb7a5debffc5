// Readers for untrusted export JSON: each returns undefined (or an empty value) for a wrong
// shape instead of throwing, so the importers can report odd input rather than crash on it.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: names like `constructor` in an export must not reach Object.prototype. */
export function getOwn(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** Sets an own key, `__proto__` included: assigned, that key would reach the prototype setter instead. */
export function setOwn(record: JsonRecord, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

export function readString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A string with something in it besides white space, trimmed. */
export function readText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A finite number, or a string holding one (both exports write numbers as strings at times). */
export function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

export function readArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function readRecord(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

/** `true`, `"true"` and Connect's `"True"`. */
export function readFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

/** A scalar a `set` node can assign; anything else is kept as its JSON text. */
export function toAssignable(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A designer position. The export's own object where it is one already, as in real exports: a
 * new object for each of 100,000 widgets lived as long as the flow, and the scavenger copied it.
 */
export function toPosition(value: unknown): { x: number; y: number } | undefined {
  const x = getOwn(value, 'x');
  const y = getOwn(value, 'y');
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return undefined;
  return isBarePosition(value as JsonRecord) ? (value as { x: number; y: number }) : { x, y };
}

/** A plain object whose keys are `x` and `y` and nothing else, in that order: written out, it is what a copy would be. */
function isBarePosition(value: JsonRecord): boolean {
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  let count = 0;
  // for-in reads inherited keys too: any key but x then y means a copy
  for (const key in value) {
    if (count >= 2 || key !== (count === 0 ? 'x' : 'y')) return false;
    count++;
  }
  return count === 2;
}
