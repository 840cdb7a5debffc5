// Patterns a flow may use, safe by construction. JavaScript's regular
// expressions backtrack: `^(\d+)+0$` on 32 digits blocked the runtime's one
// event loop for 16 seconds. A pattern is accepted only when matching it can
// never branch on what the caller pressed:
//   - a small syntax: characters, classes, `.`, groups, `|`, quantifiers,
//     `^` first and `$` last; no backreferences, lookaround or word boundaries;
//   - no repetition inside a repetition (`(\d+)+`), no repetition or option of
//     a part that can match nothing (`(\d*)*`), at most one empty branch per `|`;
//   - deterministic: at every point the next character can match one place of
//     the pattern only (as XML Schema requires of content models), so `(a|a)*`,
//     `\d*\d*` and `\d+0` are refused and `^\d{4,8}$`, `^(\d{3})+#?$` are not.
// Together these leave one way to read any input from a given start, so a
// backtracking matcher takes at most (characters + 1) x (pattern size) steps
// per start position.

/** One character set: sorted, disjoint [first, last] UTF-16 code unit ranges (patterns have no `u` flag). */
export type CharRanges = ReadonlyArray<readonly [number, number]>;

/** A pattern's syntax tree; `from`/`to` are the part's place in the source, for messages. */
export type PatternNode = (
  | { type: 'char'; ranges: CharRanges }
  | { type: 'sequence'; items: PatternNode[] }
  | { type: 'alternation'; branches: PatternNode[] }
  | { type: 'repeat'; body: PatternNode; min: number; max: number }
  | { type: 'anchor'; at: 'start' | 'end' }
) & { from: number; to: number };

const MAX_SOURCE = 500;
const MAX_COUNT = 1000;
/** Character places after counted repetitions are written out: bounds the check's own work. */
const MAX_PLACES = 1000;
const LAST_UNIT = 0xffff;

class PatternProblem extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

function normalize(ranges: Array<[number, number]>): CharRanges {
  const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = merged.at(-1);
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

function complement(ranges: CharRanges): CharRanges {
  const result: Array<[number, number]> = [];
  let next = 0;
  for (const [a, b] of ranges) {
    if (a > next) result.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= LAST_UNIT) result.push([next, LAST_UNIT]);
  return result;
}

const code = (char: string) => char.charCodeAt(0);
const DIGITS: CharRanges = [[0x30, 0x39]];
const WORD = normalize([[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]);
// ECMAScript's WhiteSpace and LineTerminator, what `\s` matches
const SPACE = normalize([[0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]]);
const DOT = complement(normalize([[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]]));
const CLASS_ESCAPES: Record<string, CharRanges> = { d: DIGITS, D: complement(DIGITS), w: WORD, W: complement(WORD), s: SPACE, S: complement(SPACE) };
const CONTROL_ESCAPES: Record<string, number> = { t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d };

class Parser {
  private at = 0;

  constructor(private readonly source: string) {}

  parse(): PatternNode {
    const node = this.alternation();
    if (this.at < this.source.length) throw new PatternProblem('an unmatched ")"', this.at);
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.at + offset];
  }

  private alternation(): PatternNode {
    const from = this.at;
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : { type: 'alternation', branches, from, to: this.at };
  }

  private sequence(): PatternNode {
    const from = this.at;
    const items: PatternNode[] = [];
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.quantified());
    return items.length === 1 ? items[0]! : { type: 'sequence', items, from, to: this.at };
  }

  private quantified(): PatternNode {
    const from = this.at;
    const atom = this.atom();
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (atom.type === 'anchor') throw new PatternProblem('a repeated anchor', from);
    if (this.peek() === '?') this.at++; // lazy: the same paths in another order
    if (this.quantifierAhead()) throw new PatternProblem('a quantifier with nothing to repeat', this.at);
    return { type: 'repeat', body: atom, min: bounds.min, max: bounds.max, from, to: this.at };
  }

  private quantifierAhead(): boolean {
    const next = this.peek();
    return next === '*' || next === '+' || next === '?' || next === '{';
  }

  private quantifier(): { min: number; max: number } | undefined {
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?') {
      this.at++;
      return { min: next === '+' ? 1 : 0, max: next === '?' ? 1 : Infinity };
    }
    if (next !== '{') return undefined;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
    if (!match) throw new PatternProblem('a "{" that is not a count such as {4} or {4,8} (write \\{ for the character)', this.at);
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) throw new PatternProblem(`a count above ${MAX_COUNT}`, this.at);
    if (max < min) throw new PatternProblem('a count whose maximum is below its minimum', this.at);
    this.at += match[0].length;
    return { min, max };
  }

  private atom(): PatternNode {
    const from = this.at;
    const char = this.source[this.at++]!;
    const node = (fields: { type: 'char'; ranges: CharRanges } | { type: 'anchor'; at: 'start' | 'end' }): PatternNode => ({ ...fields, from, to: this.at });
    switch (char) {
      case '^':
        if (from !== 0) throw new PatternProblem('"^" other than as the first character', from);
        return node({ type: 'anchor', at: 'start' });
      case '$':
        if (from !== this.source.length - 1) throw new PatternProblem('"$" other than as the last character', from);
        return node({ type: 'anchor', at: 'end' });
      case '(':
        return this.group(from);
      case '[':
        return node({ type: 'char', ranges: this.charClass() });
      case '.':
        return node({ type: 'char', ranges: DOT });
      case '\\': {
        const ranges = this.escape(false);
        return node({ type: 'char', ranges });
      }
      case '*':
      case '+':
      case '?':
      case '{':
        throw new PatternProblem('a quantifier with nothing to repeat', from);
      case ']':
      case '}':
        throw new PatternProblem(`a lone "${char}" (write \\${char} for the character)`, from);
      default:
        return node({ type: 'char', ranges: [[code(char), code(char)]] });
    }
  }

  private group(from: number): PatternNode {
    if (this.peek() === '?') {
      const rest = this.source.slice(this.at);
      if (rest.startsWith('?:')) this.at += 2;
      else if (/^\?<[A-Za-z_$][\w$]*>/.test(rest)) this.at = this.source.indexOf('>', this.at) + 1;
      else if (/^\?<?[=!]/.test(rest)) throw new PatternProblem('a lookahead or lookbehind', from);
      else throw new PatternProblem('an unknown group "(?"', from);
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw new PatternProblem('an unclosed "("', from);
    this.at++;
    return { ...inner, from, to: this.at };
  }

  /** After a backslash: the characters it stands for. */
  private escape(inClass: boolean): CharRanges {
    const at = this.at - 1;
    const char = this.source[this.at++];
    if (char === undefined) throw new PatternProblem('a "\\" at the end', at);
    if (Object.hasOwn(CLASS_ESCAPES, char)) return CLASS_ESCAPES[char]!;
    if (Object.hasOwn(CONTROL_ESCAPES, char)) return [[CONTROL_ESCAPES[char]!, CONTROL_ESCAPES[char]!]];
    if (inClass && char === 'b') return [[0x08, 0x08]];
    if (char === 'b' || char === 'B') throw new PatternProblem('a word boundary (\\b or \\B)', at);
    if (/[1-9]/.test(char) || char === 'k') throw new PatternProblem('a backreference', at);
    if (char === '0' && !/\d/.test(this.peek() ?? '')) return [[0, 0]];
    const hex = char === 'x' ? 2 : char === 'u' ? 4 : 0;
    if (hex > 0) {
      const digits = this.source.slice(this.at, this.at + hex);
      if (!new RegExp(`^[0-9A-Fa-f]{${hex}}$`).test(digits)) throw new PatternProblem(`a "\\${char}" without ${hex} hex digits`, at);
      this.at += hex;
      const unit = parseInt(digits, 16);
      return [[unit, unit]];
    }
    // Any other punctuation stands for itself; letters and digits would be escapes this check does not know.
    if (/[A-Za-z0-9]/.test(char)) throw new PatternProblem(`an escape "\\${char}" this check does not know`, at);
    return [[code(char), code(char)]];
  }

  private charClass(): CharRanges {
    const from = this.at - 1;
    const negated = this.peek() === '^';
    if (negated) this.at++;
    const ranges: Array<[number, number]> = [];
    // One member: a single code unit, or a set such as \d that cannot end a range.
    const member = (): { unit?: number; set: CharRanges } => {
      const char = this.source[this.at++]!;
      if (char !== '\\') return { unit: code(char), set: [[code(char), code(char)]] };
      const set = this.escape(true);
      return set.length === 1 && set[0]![0] === set[0]![1] ? { unit: set[0]![0], set } : { set };
    };
    while (this.peek() !== ']') {
      if (this.at >= this.source.length) throw new PatternProblem('an unclosed "["', from);
      const first = member();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.at++;
        const last = member();
        if (first.unit === undefined || last.unit === undefined) throw new PatternProblem('a range in [...] with a set such as \\d at one end', from);
        if (last.unit < first.unit) throw new PatternProblem('a range in [...] out of order', from);
        ranges.push([first.unit, last.unit]);
      } else ranges.push(...first.set.map(([a, b]): [number, number] => [a, b]));
    }
    this.at++;
    const set = normalize(ranges);
    return negated ? complement(set) : set;
  }
}

// --- the checks on the tree ---

const canBeEmpty = (node: PatternNode): boolean => {
  switch (node.type) {
    case 'char':
      return false;
    case 'anchor':
      return true;
    case 'sequence':
      return node.items.every(canBeEmpty);
    case 'alternation':
      return node.branches.some(canBeEmpty);
    case 'repeat':
      return node.min === 0 || canBeEmpty(node.body);
  }
};

const varies = (node: PatternNode): boolean => node.type === 'repeat' && node.min < node.max;

function containsVarying(node: PatternNode): boolean {
  switch (node.type) {
    case 'sequence':
      return node.items.some((item) => varies(item) || containsVarying(item));
    case 'alternation':
      return node.branches.some((branch) => varies(branch) || containsVarying(branch));
    case 'repeat':
      return varies(node.body) || containsVarying(node.body);
    default:
      return false;
  }
}

/** Repetition inside repetition, repeated empties, and `|` with two empty branches: more than one way to read the same input. */
function findShapeProblem(node: PatternNode): PatternProblem | undefined {
  switch (node.type) {
    case 'sequence':
      for (const item of node.items) {
        const problem = findShapeProblem(item);
        if (problem) return problem;
      }
      return undefined;
    case 'alternation': {
      if (node.branches.filter(canBeEmpty).length > 1) return new PatternProblem('alternatives of which more than one can match nothing', node.from);
      for (const branch of node.branches) {
        const problem = findShapeProblem(branch);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'repeat':
      if (node.min < node.max && canBeEmpty(node.body)) return new PatternProblem('a repeated or optional part that can match nothing', node.from);
      if (node.min < node.max && node.max > 1 && (varies(node.body) || containsVarying(node.body))) {
        return new PatternProblem('a repetition inside a repetition', node.from);
      }
      return findShapeProblem(node.body);
    default:
      return undefined;
  }
}

/** Glushkov's construction: each character place, what can come first and last, and what can follow each place. */
class Places {
  readonly ranges: CharRanges[] = [];
  readonly sources: PatternNode[] = [];
  readonly follow: Array<Set<number>> = [];

  /** Returns [canBeEmpty, first, last] of `node`, adding its places. */
  add(node: PatternNode): [boolean, Set<number>, Set<number>] {
    switch (node.type) {
      case 'anchor':
        return [true, new Set(), new Set()];
      case 'char': {
        if (this.ranges.length >= MAX_PLACES) throw new PatternProblem('too many characters once counts are written out', node.from);
        const place = this.ranges.push(node.ranges) - 1;
        this.sources.push(node);
        this.follow.push(new Set());
        return [false, new Set([place]), new Set([place])];
      }
      case 'alternation': {
        const parts = node.branches.map((branch) => this.add(branch));
        return [parts.some(([empty]) => empty), union(parts.map(([, first]) => first)), union(parts.map(([, , last]) => last))];
      }
      case 'sequence':
        return this.chain(node.items.map((item) => this.add(item)));
      case 'repeat': {
        // Counted repetition written out: `x{2,4}` as `x x (x (x)?)?`, `x{2,}` as `x x x*`.
        const copies = node.min + (node.max === Infinity ? 1 : node.max - node.min);
        const parts: Array<[boolean, Set<number>, Set<number>]> = [];
        for (let i = 0; i < copies; i++) parts.push(this.add(node.body));
        let result: [boolean, Set<number>, Set<number>] = [true, new Set(), new Set()];
        const optional = parts.splice(node.min);
        if (node.max === Infinity) {
          const [, first, last] = optional[0]!;
          for (const place of last) for (const next of first) this.follow[place]!.add(next);
          result = [true, first, last];
        } else {
          for (const part of optional.reverse()) {
            const [, first, last] = part;
            for (const place of last) for (const next of result[1]) this.follow[place]!.add(next);
            result = [true, first, union([last, result[2]])];
          }
        }
        return this.chain([...parts, result]);
      }
    }
  }

  private chain(parts: Array<[boolean, Set<number>, Set<number>]>): [boolean, Set<number>, Set<number>] {
    let result: [boolean, Set<number>, Set<number>] = [true, new Set(), new Set()];
    for (const [empty, first, last] of parts) {
      for (const place of result[2]) for (const next of first) this.follow[place]!.add(next);
      result = [result[0] && empty, result[0] ? union([result[1], first]) : result[1], empty ? union([result[2], last]) : last];
    }
    return result;
  }
}

function union(sets: Array<Set<number>>): Set<number> {
  const result = new Set<number>();
  for (const set of sets) for (const item of set) result.add(item);
  return result;
}

/** Two places in `candidates` that can match the same character, if any. */
function findOverlap(places: Places, candidates: Set<number>): [number, number] | undefined {
  const spans: Array<[number, number, number]> = [];
  for (const place of candidates) for (const [a, b] of places.ranges[place]!) spans.push([a, b, place]);
  spans.sort((x, y) => x[0] - y[0]);
  let reach = -1;
  let owner = -1;
  for (const [a, b, place] of spans) {
    if (a <= reach && place !== owner) return [owner, place];
    if (b > reach) [reach, owner] = [b, place];
  }
  return undefined;
}

function findAmbiguity(source: string, root: PatternNode): PatternProblem | undefined {
  const places = new Places();
  const [, first] = places.add(root);
  const describe = (pair: [number, number]) => {
    const [a, b] = pair.map((place) => places.sources[place]!);
    return `two parts, "${source.slice(a!.from, a!.to)}" and "${source.slice(b!.from, b!.to)}", that can take the same character`;
  };
  const start = findOverlap(places, first);
  if (start) return new PatternProblem(`${describe(start)} first,`, places.sources[start[1]]!.from);
  for (let place = 0; place < places.follow.length; place++) {
    const overlap = findOverlap(places, places.follow[place]!);
    if (overlap) {
      const after = places.sources[place]!;
      return new PatternProblem(`${describe(overlap)} after "${source.slice(after.from, after.to)}",`, places.sources[overlap[1]]!.from);
    }
  }
  return undefined;
}

/** The pattern's tree, or why it is refused; `checks: false` parses the syntax only (for tests that model unsafe patterns). */
export function parsePattern(source: string, options: { checks: boolean } = { checks: true }): { ok: true; tree: PatternNode } | { ok: false; problem: string; at: number } {
  try {
    if (source.length > MAX_SOURCE) throw new PatternProblem(`more than ${MAX_SOURCE} characters`, MAX_SOURCE);
    const tree = new Parser(source).parse();
    new RegExp(source); // the runtime compiles it: the subset must also be JavaScript
    const problem = options.checks ? (findShapeProblem(tree) ?? findAmbiguity(source, tree)) : undefined;
    if (problem) throw problem;
    return { ok: true, tree };
  } catch (error) {
    if (error instanceof PatternProblem) return { ok: false, problem: error.message, at: error.at };
    return { ok: false, problem: 'not a valid regular expression', at: 0 };
  }
}

/** Why a pattern is refused, in a sentence for the flow's author; undefined when it is safe. */
export function describePatternProblem(source: string): string | undefined {
  const result = parsePattern(source);
  if (result.ok) return undefined;
  return (
    `the pattern has ${result.problem} at character ${result.at + 1}: patterns must read each key one way only, ` +
    'or a caller could freeze the line (write it without nested or overlapping repeats, such as ^\\d{4,8}$ or ^(\\d{3})+#?$)'
  );
}

export function isSafePattern(source: string): boolean {
  return parsePattern(source).ok;
}
