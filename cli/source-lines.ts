// Finds the line a node sits on in a flow file's text, so SARIF results point
// at the node rather than the top of the file. A plain text search: good
// enough for a line number, and it never fails (undefined when not found).

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === NEWLINE || code === 0x0d || code === 0x09;
}

/** Where one string of the file's text first stands, in each of the three ways a node is looked for. */
interface StringLines {
  /** the first line where it is a key opening an object: `"main": {` */
  key?: number;
  /** the first line of `"name": "agent"` or `"Identifier": "agent"` (the line of the field's name) */
  named?: number;
  /** the first line it appears on at all */
  any: number;
}

const NAMING_FIELDS = new Set(['name', 'Identifier']);

/** The index after the string that opens at `start` (a quote): escapes are skipped whole, so `\"` does not close it. */
function skipString(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length && text.charCodeAt(at) !== QUOTE) at += text.charCodeAt(at) === BACKSLASH ? 2 : 1;
  return at + 1;
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && isJsonSpace(text.charCodeAt(at))) at++;
  return at;
}

/**
 * Every string of a JSON text, as written between its quotes, with the lines a node look-up asks
 * for: one pass over the text, however many nodes are then looked up (a report on a 100,000-state
 * export looks up millions, and searching the text for each took hours).
 */
function indexStrings(text: string): Map<string, StringLines> {
  const strings = new Map<string, StringLines>();
  let line = 1;
  // the naming field (`"name"` or `"Identifier"`) whose colon was just passed, and its line
  let namingLine: number | undefined;
  let pendingNamingLine: number | undefined;
  for (let at = 0; at < text.length; ) {
    const code = text.charCodeAt(at);
    if (code !== QUOTE) {
      if (code === NEWLINE) line++;
      // spaces keep what came before; a colon after a naming field makes the next string its value
      if (!isJsonSpace(code)) {
        namingLine = code === COLON ? pendingNamingLine : undefined;
        pendingNamingLine = undefined;
      }
      at++;
      continue;
    }
    const end = skipString(text, at);
    const written = text.slice(at + 1, end - 1);
    let lines = strings.get(written);
    if (lines === undefined) {
      lines = { any: line };
      strings.set(written, lines);
    }
    if (namingLine !== undefined) lines.named ??= namingLine;
    namingLine = undefined;
    pendingNamingLine = NAMING_FIELDS.has(written) ? line : undefined;
    const afterSpaces = skipSpaces(text, end);
    if (lines.key === undefined && text.charCodeAt(afterSpaces) === COLON && text.charCodeAt(skipSpaces(text, afterSpaces + 1)) === OPEN_BRACE) {
      lines.key = line;
    }
    at = end;
  }
  return strings;
}

/**
 * A node's line in one file's text: `"nodeId": {` (a humanline node), else `"name": "nodeId"`
 * (a Studio widget) or `"Identifier": "nodeId"` (a Connect action), else the first `"nodeId"`.
 * The text is indexed once, at the first look-up.
 */
export function createNodeLineFinder(text: string): (nodeId: string) => number | undefined {
  let strings: Map<string, StringLines> | undefined;
  return (nodeId) => {
    strings ??= indexStrings(text);
    const lines = strings.get(JSON.stringify(nodeId).slice(1, -1));
    return lines === undefined ? undefined : (lines.key ?? lines.named ?? lines.any);
  };
}
