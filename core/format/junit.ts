import { toWords } from '../graph/path.ts';
import type { Finding, LintResult } from '../lint/types.ts';
import type { Formatter } from './types.ts';
import { SCENARIO_WORDS } from './words.ts';

// JUnit XML as CI servers read it: one test case per flow, failed by its errors;
// warnings do not fail the case and go to its system-out.

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function describeFinding(finding: Finding): string[] {
  const lines = [`${finding.severity} ${finding.ruleId}: ${finding.message}`];
  if (finding.nodeId !== undefined) lines.push(`node: ${finding.nodeId}`);
  if (finding.jsonPath) lines.push(`at: ${finding.jsonPath}`);
  if (finding.path !== undefined && finding.path.steps.length > 0) lines.push(`path: ${toWords(finding.path)}`);
  if (finding.scenario !== undefined) lines.push(`scenario: ${SCENARIO_WORDS[finding.scenario]}`);
  return lines;
}

function toTestCase(result: LintResult): string {
  const name = escapeXml(result.file ?? result.flowName ?? '<input>');
  const errors = result.findings.filter((finding) => finding.severity === 'error');
  const warnings = result.findings.filter((finding) => finding.severity === 'warning');
  if (errors.length === 0 && warnings.length === 0) return `    <testcase classname="humanline" name="${name}"/>`;
  const lines = [`    <testcase classname="humanline" name="${name}">`];
  for (const error of errors) {
    const body = escapeXml(describeFinding(error).join('\n'));
    lines.push(`      <failure message="${escapeXml(error.message)}" type="${escapeXml(error.ruleId)}">${body}</failure>`);
  }
  if (warnings.length > 0) {
    const text = warnings.map((warning) => describeFinding(warning).join('\n')).join('\n\n');
    lines.push(`      <system-out>${escapeXml(text)}</system-out>`);
  }
  lines.push('    </testcase>');
  return lines.join('\n');
}

/** A JUnit document of one suite named `name`, around test cases already written as XML. */
export function toJunitDocument(name: string, testCases: readonly string[], failures: number): string {
  const counts = `tests="${testCases.length}" failures="${failures}" errors="0"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" ${counts}>`,
    `  <testsuite name="${escapeXml(name)}" ${counts}>`,
    ...testCases,
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

export const formatJunit: Formatter = (results) => {
  const failures = results.filter((result) => result.findings.some((finding) => finding.severity === 'error')).length;
  return toJunitDocument('humanline', results.map(toTestCase), failures);
};
