import type { z } from 'zod';

/**
 * A fast yes/no check compiled from a zod schema, for the common case of a
 * valid file: zod's parse builds result objects and issue lists for every
 * field, which dominates linting a 100k-node flow. The check walks the same
 * definitions with plain closures. It answers true only where zod would accept
 * the input and return it unchanged; anything it does not know (a schema
 * type, a check, a URL zod would normalise) answers false, and the caller
 * then runs zod itself, which stays the authority and gives the messages.
 */
export type FastCheck = (value: unknown) => boolean;

type AnyDef = { type: string; [key: string]: any };
const never: FastCheck = () => false;

const defOf = (schema: unknown): AnyDef => (schema as z.ZodType)._zod.def as unknown as AnyDef;
const checksOf = (def: AnyDef): AnyDef[] => (def.checks ?? []).map((check: any) => check._zod.def as AnyDef);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function compileStringChecks(def: AnyDef): FastCheck[] | undefined {
  const checks: FastCheck[] = [];
  const all = def.format ? [def, ...checksOf(def)] : checksOf(def);
  for (const check of all) {
    if (check.check === 'min_length') checks.push((v) => (v as string).length >= check.minimum);
    else if (check.check === 'max_length') checks.push((v) => (v as string).length <= check.maximum);
    else if (check.check === 'string_format' && check.format === 'regex') {
      const pattern: RegExp = check.pattern;
      checks.push((v) => ((pattern.lastIndex = 0), pattern.test(v as string)));
    } else if (check.check === 'string_format' && check.format === 'url' && !('normalize' in check) && !('hostname' in check) && !('protocol' in check)) {
      // zod trims and strips tabs and newlines from URLs; only already-clean ones pass unchanged.
      checks.push((v) => (v as string).trim() === v && !/[\t\n\r]/.test(v as string) && URL.canParse(v as string));
    } else if (check.check === 'custom' && typeof check.fn === 'function') {
      checks.push((v) => check.fn(v) === true);
    } else return undefined;
  }
  return checks;
}

function compileNumberChecks(def: AnyDef): FastCheck[] | undefined {
  const checks: FastCheck[] = [];
  const all = def.format ? [def, ...checksOf(def)] : checksOf(def);
  for (const check of all) {
    if (check.check === 'greater_than') checks.push(check.inclusive ? (v) => (v as number) >= check.value : (v) => (v as number) > check.value);
    else if (check.check === 'less_than') checks.push(check.inclusive ? (v) => (v as number) <= check.value : (v) => (v as number) < check.value);
    else if (check.check === 'number_format' && check.format === 'safeint') checks.push((v) => Number.isSafeInteger(v));
    else return undefined;
  }
  return checks;
}

const allOf = (checks: FastCheck[]) => (value: unknown) => {
  for (const check of checks) if (!check(value)) return false;
  return true;
};

export function compileFastCheck(schema: unknown): FastCheck {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const checks = compileStringChecks(def);
      if (!checks) return never;
      const rest = allOf(checks);
      return (v) => typeof v === 'string' && rest(v);
    }
    case 'number': {
      const checks = compileNumberChecks(def);
      if (!checks) return never;
      const rest = allOf(checks);
      return (v) => typeof v === 'number' && Number.isFinite(v) && rest(v);
    }
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'unknown':
      return () => true;
    case 'literal': {
      const values: unknown[] = def.values;
      return (v) => values.includes(v);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      return (v) => values.has(v);
    }
    case 'optional': {
      const inner = compileFastCheck(def.innerType);
      return (v) => v === undefined || inner(v);
    }
    case 'array': {
      if (def.checks?.length) {
        const element = compileFastCheck(def.element);
        const lengths = checksOf(def);
        if (!lengths.every((c) => c.check === 'min_length' || c.check === 'max_length')) return never;
        const min = lengths.find((c) => c.check === 'min_length')?.minimum ?? 0;
        const max = lengths.find((c) => c.check === 'max_length')?.maximum ?? Infinity;
        return (v) => Array.isArray(v) && v.length >= min && v.length <= max && v.every(element);
      }
      const element = compileFastCheck(def.element);
      return (v) => Array.isArray(v) && v.every(element);
    }
    case 'tuple': {
      if (def.rest || def.checks?.length) return never;
      const items: FastCheck[] = def.items.map(compileFastCheck);
      if (def.items.some((item: unknown) => defOf(item).type === 'optional')) return never;
      return (v) => Array.isArray(v) && v.length === items.length && items.every((check, i) => check(v[i]));
    }
    case 'object':
      return compileObject(def);
    case 'record':
      return compileRecord(def);
    case 'union':
      return compileUnion(def);
    default:
      return never;
  }
}

function compileObject(def: AnyDef): FastCheck {
  // Only strict objects return their input unchanged: others strip unknown keys.
  if (!def.catchall || defOf(def.catchall).type !== 'never' || def.checks?.length) return never;
  const fields = Object.entries(def.shape as Record<string, unknown>).map(([key, schema]) => ({
    key,
    optional: defOf(schema).type === 'optional',
    check: compileFastCheck(schema),
  }));
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const required = fields.filter((field) => !field.optional).length;
  return (v) => {
    if (!isObject(v)) return false;
    // One pass over the object's own keys: unknown keys fail, required ones are counted.
    let seen = 0;
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const field = byKey.get(keys[i]!);
      if (field === undefined || !field.check(v[keys[i]!])) return false;
      if (!field.optional) seen++;
    }
    return seen === required;
  };
}

function compileRecord(def: AnyDef): FastCheck {
  const keyValues: Set<unknown> | undefined = defOf(def.keyType).type === 'enum' ? new Set(Object.values(defOf(def.keyType).entries)) : undefined;
  if (keyValues && !def.partial) return never;
  const keyCheck = keyValues ? (k: string) => keyValues.has(k) : compileFastCheck(def.keyType);
  const valueCheck = compileFastCheck(def.valueType);
  return (v) => {
    if (!isObject(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === '__proto__' || !keyCheck(key) || !valueCheck(v[key])) return false;
    }
    return true;
  };
}

function compileUnion(def: AnyDef): FastCheck {
  const options: FastCheck[] = def.options.map(compileFastCheck);
  if (def.discriminator) {
    const key: string = def.discriminator;
    const byTag = new Map<unknown, FastCheck>();
    def.options.forEach((option: unknown, index: number) => {
      const tag = defOf(defOf(option).shape?.[key]);
      for (const value of tag?.values ?? []) byTag.set(value, options[index]!);
    });
    return (v) => {
      if (!isObject(v)) return false;
      const check = byTag.get(v[key]);
      return check !== undefined && check(v);
    };
  }
  return (v) => options.some((check) => check(v));
}
