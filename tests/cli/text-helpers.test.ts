import { describe, expect, it } from 'vitest';
import { findJsonMistake, parseJsonText } from '../../core/schema/json-text.ts';
import { createNodeLineFinder } from '../../cli/source-lines.ts';

const findNodeLine = (text: string, nodeId: string) => createNodeLineFinder(text)(nodeId);

describe('parseJsonText', () => {
  it('parses JSON, with or without a byte order mark', () => {
    expect(parseJsonText('{"a": 1}')).toEqual({ ok: true, data: { a: 1 } });
    expect(parseJsonText('\uFEFF[true]')).toEqual({ ok: true, data: [true] });
  });

  it.each([
    ['{"a":}', 1, 6, 'expected a value, found character "}"'],
    ['{"a": 1,}', 1, 9, 'expected a double-quoted property name, found character "}"'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'expected "," or "}", found character "\\""'],
    ['[1, 2', 1, 6, 'expected "," or "]", found end of file'],
    ['', 1, 1, 'expected a value, found end of file'],
    ['{"a": "x\ny"}', 1, 9, 'line break or control character inside a string'],
    ['{} {}', 1, 4, 'expected end of file after the JSON value, found character "{"'],
  ])('locates the mistake in %j', (text, line, column, reason) => {
    expect(findJsonMistake(text)).toEqual({ line, column, reason });
    expect(parseJsonText(text)).toEqual({ ok: false, message: `invalid JSON at line ${line}, column ${column}: ${reason}` });
  });

  it('finds no mistake in valid JSON', () => {
    expect(findJsonMistake('{"a": [1, -2.5e3, "\\u00e9", null, false]}')).toBeUndefined();
  });
});

describe('createNodeLineFinder', () => {
  const flowText = '{\n  "entry": "main",\n  "nodes": {\n    "main": {\n      "next": "agent"\n    },\n    "agent": {}\n  }\n}\n';

  it('finds the line where a node is defined, not where it is named', () => {
    expect(findNodeLine(flowText, 'main')).toBe(4);
    expect(findNodeLine(flowText, 'agent')).toBe(7);
  });

  it('finds a Studio widget by its name', () => {
    expect(findNodeLine('{"states": [\n{"next": "agent"},\n{"name": "agent"}\n]}', 'agent')).toBe(3);
  });

  it('is undefined for an id that is not there', () => {
    expect(findNodeLine(flowText, 'nowhere')).toBeUndefined();
  });
});
