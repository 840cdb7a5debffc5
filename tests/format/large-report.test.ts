import { describe, expect, it } from 'vitest';
import { CHUNKED_FORMATTERS } from '../../core/format/index.ts';
import type { Finding, LintResult } from '../../core/lint/types.ts';

// A 100,000-state export's SARIF log is longer than V8's longest string (2^29 - 24 characters), so
// `humanline lint -f sarif` failed with "Invalid string length". Rebuilding such an export takes a minute;
// a few findings with long counterexamples, repeated, make a log as long in a few seconds.

const LONGEST_STRING = 2 ** 29 - 24;
const NODE_ID_LENGTH = 20_000;
const STEPS = 100;
const FINDINGS = 70;

function createLongFinding(index: number): Finding {
  const nodeId = `${String(index).padStart(4, '0')}${'n'.repeat(NODE_ID_LENGTH)}`;
  const steps = Array.from({ length: STEPS }, () => ({ nodeId, exit: 'no input', exitId: 'noInput.next' }));
  return { ruleId: 'silent-caller', messageId: 'silentLoop', severity: 'error', message: 'never reaches a person', nodeId, path: { steps, callerSteps: 0, end: 'loop' }, scenario: 'silent-caller' };
}

/** A flow whose findings repeat a few long ones: the report holds each as often as it is listed. */
function createLargeResult(): LintResult {
  const distinct = [createLongFinding(0), createLongFinding(1), createLongFinding(2)];
  const findings = Array.from({ length: FINDINGS }, (_, index) => distinct[index % distinct.length]!);
  return { flowName: 'Large line', findings, errorCount: findings.length, warningCount: 0, stats: null };
}

/** How often `needle` occurs in the chunks' text, a match across two chunks counted once. */
function countInChunks(chunks: readonly string[], needle: string): number {
  let count = 0;
  let carry = '';
  for (const chunk of chunks) {
    const window = carry + chunk;
    for (let at = window.indexOf(needle); at !== -1; at = window.indexOf(needle, at + 1)) {
      if (at + needle.length > carry.length) count += 1;
    }
    carry = window.slice(-(needle.length - 1));
  }
  return count;
}

/** The text of the first chunks (the last, `fromEnd`) until it holds `length` characters. */
function getEnd(chunks: readonly string[], length: number, fromEnd = false): string {
  const taken: string[] = [];
  let takenLength = 0;
  for (let index = 0; index < chunks.length && takenLength < length; index++) {
    const chunk = chunks[fromEnd ? chunks.length - 1 - index : index]!;
    taken.push(chunk);
    takenLength += chunk.length;
  }
  return (fromEnd ? taken.reverse() : taken).join('');
}

describe('a report longer than a string can be', () => {
  it('is written whole as SARIF, in chunks', { timeout: 60_000 }, () => {
    const result = createLargeResult();
    const chunks: string[] = [];
    CHUNKED_FORMATTERS.sarif([result], {}, (chunk) => chunks.push(chunk));
    const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    expect(length).toBeGreaterThan(LONGEST_STRING);
    expect(chunks.every((chunk) => chunk.length < LONGEST_STRING)).toBe(true);

    // every finding is a result, and the log closes as a SARIF log does
    expect(countInChunks(chunks, '\n        {\n          "ruleId": "silent-caller",')).toBe(FINDINGS);
    const resultSize = Math.ceil(length / FINDINGS);
    const head = getEnd(chunks, 2 * resultSize);
    const tail = getEnd(chunks, 2 * resultSize, true);
    expect(tail.endsWith('\n        }\n      ]\n    }\n  ]\n}\n')).toBe(true);

    // the first result and the last parse, and say what their findings say
    const resultsOpening = head.indexOf('"results": [\n') + '"results": ['.length;
    const firstText = head.slice(resultsOpening, head.indexOf('\n        },\n', resultsOpening) + '\n        }'.length);
    const first = JSON.parse(firstText) as { ruleId: string; level: string; properties: { path: string[]; scenario: string } };
    expect(first).toMatchObject({ ruleId: 'silent-caller', level: 'error', properties: { scenario: 'silent-caller' } });
    expect(first.properties.path).toEqual(Array.from({ length: STEPS }, () => result.findings[0]!.nodeId));
    const lastStart = tail.lastIndexOf('\n        },\n        {\n') + '\n        },\n'.length;
    const last = JSON.parse(tail.slice(lastStart, tail.lastIndexOf('\n      ]'))) as { properties: { path: string[] } };
    expect(last.properties.path[0]).toBe(result.findings[FINDINGS - 1]!.nodeId);
  });
});
