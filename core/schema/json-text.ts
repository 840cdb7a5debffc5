// JSON.parse in Node 20 gives a position for some mistakes and not for others
// ("Unexpected token '}', ... is not valid JSON"). This small strict scanner
// finds the first mistake itself, so every message names a line and column.

export interface JsonMistake {
  /** 1-based */
  line: number;
  /** 1-based, in UTF-16 code units */
  column: number;
  reason: string;
}

class Mistake extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function scan(text: string): void {
  let at = 0;
  const describe = (offset: number) => (offset >= text.length ? 'end of file' : `character ${JSON.stringify(text[offset])}`);
  const fail = (expected: string): never => {
    throw new Mistake(at, `expected ${expected}, found ${describe(at)}`);
  };
  const skipWhitespace = () => {
    while (at < text.length && WHITESPACE.has(text[at]!)) at += 1;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[at] !== char) fail(`"${word}"`);
      at += 1;
    }
  };
  const string = () => {
    at += 1; // opening quote
    for (;;) {
      if (at >= text.length) throw new Mistake(at, 'unterminated string');
      const char = text[at]!;
      if (char === '"') {
        at += 1;
        return;
      }
      if (char.charCodeAt(0) < 0x20) throw new Mistake(at, 'line break or control character inside a string');
      if (char === '\\') {
        const escape = text[at + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) throw new Mistake(at, 'bad \\u escape in a string');
          at += 6;
          continue;
        }
        if (escape === undefined || !ESCAPES.has(escape)) throw new Mistake(at, 'bad escape in a string');
        at += 2;
        continue;
      }
      at += 1;
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) fail('a number');
    at += match![0].length;
  };
  const value = (): void => {
    skipWhitespace();
    const char = text[at];
    if (char === '{') return object();
    if (char === '[') return array();
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    fail('a value');
  };
  const object = () => {
    at += 1;
    skipWhitespace();
    if (text[at] === '}') {
      at += 1;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[at] !== '"') fail('a double-quoted property name');
      string();
      skipWhitespace();
      if (text[at] !== ':') fail('":" after the property name');
      at += 1;
      value();
      skipWhitespace();
      if (text[at] === ',') {
        at += 1;
        continue;
      }
      if (text[at] === '}') {
        at += 1;
        return;
      }
      fail('"," or "}"');
    }
  };
  const array = () => {
    at += 1;
    skipWhitespace();
    if (text[at] === ']') {
      at += 1;
      return;
    }
    for (;;) {
      value();
      skipWhitespace();
      if (text[at] === ',') {
        at += 1;
        continue;
      }
      if (text[at] === ']') {
        at += 1;
        return;
      }
      fail('"," or "]"');
    }
  };
  value();
  skipWhitespace();
  if (at < text.length) fail('end of file after the JSON value');
}

/** Where the first mistake in some text that JSON.parse refused sits, and what it is. */
export function findJsonMistake(text: string): JsonMistake | undefined {
  try {
    scan(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof Mistake)) return undefined; // e.g. nesting too deep for the stack
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column, reason: error.reason };
  }
}

/** Parses JSON text (a leading byte order mark allowed), or says in one line where it is wrong. */
export function parseJsonText(text: string): { ok: true; data: unknown } | { ok: false; message: string } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, data: JSON.parse(body) as unknown };
  } catch (error) {
    const mistake = findJsonMistake(body);
    if (mistake) return { ok: false, message: `invalid JSON at line ${mistake.line}, column ${mistake.column}: ${mistake.reason}` };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `invalid JSON: ${message.split('\n')[0]}` };
  }
}
