import type { TextBuilder } from './text-builder.ts';

// JSON.stringify(value, null, 2) written piece by piece: a report's one large array (SARIF's results, a
// file's findings) is stringified an item at a time and indented into place, so no string ever holds the
// whole report (a 100,000-state export's SARIF is longer than V8's longest string) and the text is the same.

const INDENT = '  ';

/** Indents JSON text's lines after the first by `indent`: a JSON string never holds a raw newline, so every newline starts a line. */
export function indentJson(json: string, indent: string): string {
  return indent === '' ? json : json.replaceAll('\n', `\n${indent}`);
}

/**
 * Writes `document`, stringified with `key` as an empty array, with that array's items in place, each the
 * stringified `toItem(item)` (made one at a time, so none outlives its writing). `key` must be the last key
 * holding an empty array in the document; `indent` begins every line but the first, as for a nested value.
 */
export function writeJsonWithArray<T>(
  text: TextBuilder,
  document: string,
  key: string,
  items: Iterable<T>,
  toItem: (item: T) => unknown,
  indent = '',
): void {
  const marker = `${JSON.stringify(key)}: []`;
  const at = document.lastIndexOf(marker);
  if (at === -1) throw new Error(`the JSON document has no empty "${key}"`);
  const lineStart = document.lastIndexOf('\n', at) + 1;
  const keyIndent = indent + document.slice(lineStart, at);
  const itemIndent = keyIndent + INDENT;
  const opening = at + marker.length - 1;
  text.add(indentJson(document.slice(0, opening), indent));
  let isFirst = true;
  for (const item of items) {
    text.add(isFirst ? '\n' : ',\n');
    text.add(itemIndent);
    text.add(indentJson(JSON.stringify(toItem(item), null, 2), itemIndent));
    isFirst = false;
  }
  // an empty array stays `[]`, as JSON.stringify writes it
  if (!isFirst) text.add(`\n${keyIndent}`);
  text.add(indentJson(document.slice(opening), indent));
}
