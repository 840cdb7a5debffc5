import { toWords } from '../graph/path.ts';
import type { Finding, LintResult } from '../lint/types.ts';
import { toText, writeInChunks, type TextBuilder } from './text-builder.ts';
import type { ChunkedFormatter, Formatter } from './types.ts';
import { SCENARIO_WORDS } from './words.ts';

// JUnit XML as CI servers read it: one test case per flow, failed by its errors;
// warnings do not fail the case and go to its system-out.

/** What XML text cannot hold as is: the five markup characters, and characters XML 1.0 cannot hold at all. */
const XML_UNSAFE = /[&<>"']|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** The same characters, to test for without a global regex's state: most text has none and is returned as is. */
const HAS_XML_UNSAFE = new RegExp(XML_UNSAFE.source, 'u');
const XML_ENTITIES = new Map([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&apos;'],
]);

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 cannot hold, in one pass. */
export function escapeXml(text: string): string {
  if (!HAS_XML_UNSAFE.test(text)) return text;
  return text.replace(XML_UNSAFE, (char) => XML_ENTITIES.get(char) ?? '');
}

function describeFinding(finding: Finding): string[] {
  const lines = [`${finding.severity} ${finding.ruleId}: ${finding.message}`];
  if (finding.nodeId !== undefined) lines.push(`node: ${finding.nodeId}`);
  if (finding.jsonPath) lines.push(`at: ${finding.jsonPath}`);
  if (finding.path !== undefined && finding.path.steps.length > 0) lines.push(`path: ${toWords(finding.path)}`);
  if (finding.scenario !== undefined) lines.push(`scenario: ${SCENARIO_WORDS[finding.scenario]}`);
  return lines;
}

/** A flow's test case, written line by line: one export's warnings make tens of megabytes of system-out. */
function writeTestCase(result: LintResult, text: TextBuilder): void {
  const name = escapeXml(result.file ?? result.flowName ?? '<input>');
  const errors = result.findings.filter((finding) => finding.severity === 'error');
  const warnings = result.findings.filter((finding) => finding.severity === 'warning');
  if (errors.length === 0 && warnings.length === 0) {
    text.add(`    <testcase classname="humanline" name="${name}"/>`);
    return;
  }
  text.add(`    <testcase classname="humanline" name="${name}">`);
  for (const error of errors) {
    const body = escapeXml(describeFinding(error).join('\n'));
    text.add(`\n      <failure message="${escapeXml(error.message)}" type="${escapeXml(error.ruleId)}">${body}</failure>`);
  }
  if (warnings.length > 0) {
    text.add('\n      <system-out>');
    // escaped warning by warning: escaping is character by character, and the blank lines between need none
    warnings.forEach((warning, index) => {
      if (index > 0) text.add('\n\n');
      text.add(escapeXml(describeFinding(warning).join('\n')));
    });
    text.add('</system-out>');
  }
  text.add('\n    </testcase>');
}

/** A JUnit document's opening lines, for one suite named `name`. */
function toJunitHead(name: string, tests: number, failures: number): string {
  const counts = `tests="${tests}" failures="${failures}" errors="0"`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${escapeXml(name)}" ${counts}>`, `  <testsuite name="${escapeXml(name)}" ${counts}>`].join('\n');
}

const JUNIT_TAIL = '  </testsuite>\n</testsuites>\n';

/** A JUnit document of one suite named `name`, around test cases already written as XML. */
export function toJunitDocument(name: string, testCases: readonly string[], failures: number): string {
  return [toJunitHead(name, testCases.length, failures), ...testCases, JUNIT_TAIL].join('\n');
}

export const formatJunit: Formatter = (results) => toText((text) => writeJunit(results, text));

/** The JUnit report in chunks: a 100,000-state export's is 84 MB of text. */
export const formatJunitChunks: ChunkedFormatter = (results, _options, write) => writeInChunks(write, (text) => writeJunit(results, text));

function writeJunit(results: readonly LintResult[], text: TextBuilder): void {
  const failures = results.filter((result) => result.findings.some((finding) => finding.severity === 'error')).length;
  text.add(toJunitHead('humanline', results.length, failures));
  for (const result of results) {
    text.add('\n');
    writeTestCase(result, text);
  }
  text.add(`\n${JUNIT_TAIL}`);
}
