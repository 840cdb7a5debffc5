import { escapeXml, toJunitDocument } from '../format/junit.ts';
import { toPrintable } from '../format/printable.ts';
import { countOf } from '../format/words.ts';
import type { ScenarioResult, StepResult } from './run-scenario.ts';

// Reports of `humanline test`, in the layouts lint uses: stylish for people,
// json for tools, junit for CI (one test case per scenario). Scenario text
// comes from files: printed through toPrintable, escaped in XML.

export type TestFormatName = 'stylish' | 'json' | 'junit';

/** The lines that explain a failed step: what was expected, what happened, what was heard, where the call was. */
export function describeFailure(step: StepResult): string[] {
  const failure = step.failure;
  if (!failure) return [];
  const lines = [`step ${step.index + 1}: ${step.text}`, `expected ${failure.expected}; found ${failure.found}`];
  if (failure.at) lines.push(`call at: ${failure.at.nodeId}${failure.at.label ? ` (${failure.at.label})` : ''}`);
  lines.push(failure.heard.length === 0 ? 'heard: nothing since the last input' : `heard: ${failure.heard.map((text) => `"${text}"`).join(' / ')}`);
  return lines;
}

const nameOf = (result: ScenarioResult): string => (result.file === undefined ? result.name : `${result.file} › ${result.name}`);

function formatStylish(results: readonly ScenarioResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.passed ? '✓' : '✗'} ${toPrintable(nameOf(result))}`);
    const failed = result.steps.find((step) => step.status === 'failed');
    if (failed) for (const line of describeFailure(failed)) lines.push(`    ${toPrintable(line)}`);
  }
  const failures = results.filter((result) => !result.passed).length;
  lines.push('', `${countOf(results.length, 'scenario')}: ${results.length - failures} passed, ${failures} failed`);
  return `${lines.join('\n')}\n`;
}

function formatJson(results: readonly ScenarioResult[]): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

function toTestCase(result: ScenarioResult): string {
  const attributes = `classname="${escapeXml(result.file ?? 'humanline')}" name="${escapeXml(result.name)}"`;
  const failed = result.steps.find((step) => step.status === 'failed');
  if (!failed?.failure) return `    <testcase ${attributes}/>`;
  const message = `step ${failed.index + 1} (${failed.text}): expected ${failed.failure.expected}`;
  return [
    `    <testcase ${attributes}>`,
    `      <failure message="${escapeXml(message)}" type="scenario">${escapeXml(describeFailure(failed).join('\n'))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

function formatJunit(results: readonly ScenarioResult[]): string {
  return toJunitDocument('humanline test', results.map(toTestCase), results.filter((result) => !result.passed).length);
}

export const TEST_FORMATTERS: Record<TestFormatName, (results: readonly ScenarioResult[]) => string> = {
  stylish: formatStylish,
  json: formatJson,
  junit: formatJunit,
};

export function isTestFormatName(name: string): name is TestFormatName {
  return Object.hasOwn(TEST_FORMATTERS, name);
}
