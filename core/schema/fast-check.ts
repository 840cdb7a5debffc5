import type { z } from 'zod';

/**
 * A fast yes/no check compiled from a zod schema, for the common case of a
 * valid file: zod's parse builds result objects and issue lists for every
 * field, which dominated linting a 100k-node flow. This walks the same schema
 * definitions once and generates one plain JavaScript function per schema
 * (as zod's own JIT and Ajv do). It answers true only where zod would accept
 * the input and return it unchanged; anything it does not know (a schema
 * type, a check, a URL zod would normalise) answers false, and the caller
 * then runs zod itself, which stays the authority and gives the messages.
 * Where code generation is not allowed (a strict Content-Security-Policy),
 * the check always answers false and zod does all the work.
 */
export type FastCheck = (value: unknown) => boolean;

type AnyDef = { type: string; [key: string]: any };

const defOf = (schema: unknown): AnyDef => (schema as z.ZodType)._zod.def as unknown as AnyDef;
const checksOf = (def: AnyDef): AnyDef[] => (def.checks ?? []).map((check: any) => check._zod.def as AnyDef);

/** zod trims URLs and strips tabs and newlines: only already-clean ones come back unchanged. */
function isCleanUrl(value: string): boolean {
  return value.trim() === value && !/[\t\n\r]/.test(value) && URL.canParse(value);
}

class Compiler {
  /** values the generated code refers to: regexes, sets, refinement functions */
  readonly refs: unknown[] = [];
  readonly functions: string[] = [];
  private readonly names = new Map<unknown, string>();

  ref(value: unknown): string {
    this.refs.push(value);
    return `r[${this.refs.length - 1}]`;
  }

  /** The name of the generated function for `schema`, generating it once per schema object. */
  fn(schema: unknown): string {
    const known = this.names.get(schema);
    if (known) return known;
    const name = `f${this.names.size}`;
    this.names.set(schema, name);
    const body = this.body(defOf(schema));
    this.functions.push(`function ${name}(v) {\n${body}\n}`);
    return name;
  }

  private body(def: AnyDef): string {
    switch (def.type) {
      case 'string': {
        const conditions = this.stringChecks(def);
        return conditions ? `return typeof v === 'string'${conditions.map((c) => ` && ${c}`).join('')};` : 'return false;';
      }
      case 'number': {
        const conditions = this.numberChecks(def);
        return conditions ? `return typeof v === 'number' && Number.isFinite(v)${conditions.map((c) => ` && ${c}`).join('')};` : 'return false;';
      }
      case 'boolean':
        return "return typeof v === 'boolean';";
      case 'unknown':
        return 'return true;';
      case 'literal':
        return `return ${(def.values as unknown[]).map((value) => `v === ${JSON.stringify(value)}`).join(' || ') || 'false'};`;
      case 'enum':
        return `return ${this.ref(new Set(Object.values(def.entries)))}.has(v);`;
      case 'optional':
        return `return v === undefined || ${this.fn(def.innerType)}(v);`;
      case 'array': {
        const lengths = checksOf(def);
        if (!lengths.every((c) => c.check === 'min_length' || c.check === 'max_length')) return 'return false;';
        const min = lengths.find((c) => c.check === 'min_length')?.minimum ?? 0;
        const max = lengths.find((c) => c.check === 'max_length')?.maximum;
        const element = this.fn(def.element);
        return [
          `if (!Array.isArray(v) || v.length < ${min}${max !== undefined ? ` || v.length > ${max}` : ''}) return false;`,
          `for (let i = 0; i < v.length; i++) if (!${element}(v[i])) return false;`,
          'return true;',
        ].join('\n');
      }
      case 'tuple': {
        const items = def.items as unknown[];
        if (def.rest || def.checks?.length || items.some((item) => defOf(item).type === 'optional')) return 'return false;';
        return `return Array.isArray(v) && v.length === ${items.length}${items.map((item, i) => ` && ${this.fn(item)}(v[${i}])`).join('')};`;
      }
      case 'object':
        return this.object(def);
      case 'record':
        return this.record(def);
      case 'union':
        return this.union(def);
      default:
        return 'return false;';
    }
  }

  private stringChecks(def: AnyDef): string[] | undefined {
    const all = def.format ? [def, ...checksOf(def)] : checksOf(def);
    const conditions: string[] = [];
    for (const check of all) {
      if (check.check === 'min_length') conditions.push(`v.length >= ${Number(check.minimum)}`);
      else if (check.check === 'max_length') conditions.push(`v.length <= ${Number(check.maximum)}`);
      else if (check.check === 'string_format' && check.format === 'regex') {
        const pattern: RegExp = check.pattern;
        // A global or sticky regex keeps state between tests; a fresh copy per test is safe.
        conditions.push(pattern.global || pattern.sticky ? `new RegExp(${this.ref(pattern)}).test(v)` : `${this.ref(pattern)}.test(v)`);
      } else if (check.check === 'string_format' && check.format === 'url' && !('normalize' in check) && !('hostname' in check) && !('protocol' in check)) {
        conditions.push(`${this.ref(isCleanUrl)}(v)`);
      } else if (check.check === 'custom' && typeof check.fn === 'function') {
        conditions.push(`${this.ref(check.fn)}(v) === true`);
      } else return undefined;
    }
    return conditions;
  }

  private numberChecks(def: AnyDef): string[] | undefined {
    const all = def.format ? [def, ...checksOf(def)] : checksOf(def);
    const conditions: string[] = [];
    for (const check of all) {
      if (check.check === 'greater_than') conditions.push(`v ${check.inclusive ? '>=' : '>'} ${Number(check.value)}`);
      else if (check.check === 'less_than') conditions.push(`v ${check.inclusive ? '<=' : '<'} ${Number(check.value)}`);
      else if (check.check === 'number_format' && check.format === 'safeint') conditions.push('Number.isSafeInteger(v)');
      else return undefined;
    }
    return conditions;
  }

  private object(def: AnyDef): string {
    // Only strict objects return their input unchanged: others strip unknown keys.
    if (!def.catchall || defOf(def.catchall).type !== 'never') return 'return false;';
    // Refinements (`.refine`) are asked last, as zod asks them once the fields are valid.
    const refinements = checksOf(def);
    if (!refinements.every((check) => check.check === 'custom' && typeof check.fn === 'function')) return 'return false;';
    const shape = def.shape as Record<string, unknown>;
    let required = 0;
    const cases = Object.entries(shape).map(([key, schema]) => {
      const optional = defOf(schema).type === 'optional';
      if (!optional) required++;
      return `case ${JSON.stringify(key)}: if (!${this.fn(schema)}(v[k])) return false;${optional ? '' : ' n++;'} break;`;
    });
    return [
      "if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;",
      'let n = 0;',
      // Unknown keys (and anything enumerable inherited) fail; required keys are counted.
      'for (const k in v) {',
      '  switch (k) {',
      ...cases.map((c) => `    ${c}`),
      '    default: return false;',
      '  }',
      '}',
      `return n === ${required}${refinements.map((check) => ` && ${this.ref(check.fn)}(v) === true`).join('')};`,
    ].join('\n');
  }

  private record(def: AnyDef): string {
    const keyDef = defOf(def.keyType);
    let keyCheck: string;
    if (keyDef.type === 'enum') {
      if (!def.partial) return 'return false;';
      keyCheck = `${this.ref(new Set(Object.values(keyDef.entries)))}.has(k)`;
    } else keyCheck = `${this.fn(def.keyType)}(k)`;
    return [
      "if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;",
      `for (const k in v) if (k === '__proto__' || !${keyCheck} || !${this.fn(def.valueType)}(v[k])) return false;`,
      'return true;',
    ].join('\n');
  }

  private union(def: AnyDef): string {
    const options = def.options as unknown[];
    if (!def.discriminator) return `return ${options.map((option) => `${this.fn(option)}(v)`).join(' || ') || 'false'};`;
    const key: string = def.discriminator;
    const cases = options.flatMap((option) => {
      const tag = defOf(defOf(option).shape?.[key]);
      return ((tag?.values ?? []) as unknown[]).map((value) => `case ${JSON.stringify(value)}: return ${this.fn(option)}(v);`);
    });
    return [
      "if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;",
      `switch (v[${JSON.stringify(key)}]) {`,
      ...cases.map((c) => `  ${c}`),
      '  default: return false;',
      '}',
    ].join('\n');
  }
}

export function compileFastCheck(schema: unknown): FastCheck {
  const compiler = new Compiler();
  const entry = compiler.fn(schema);
  const source = `${compiler.functions.join('\n')}\nreturn ${entry};`;
  try {
    return new Function('r', source)(compiler.refs) as FastCheck;
  } catch {
    return () => false;
  }
}
