import { escapeXml, toJunitDocument } from '../format/junit.ts';
import { toPrintable } from '../format/printable.ts';
import { countOf } from '../format/words.ts';
import { toPercent, type FlowCoverage, type Ratio } from './coverage.ts';
import type { ScenarioResult, StepResult } from './run-scenario.ts';

// Reports of `humanline test`, in the layouts lint uses: stylish for people,
// json for tools, junit for CI (one test case per scenario). Scenario text
// comes from files: printed through toPrintable, escaped in XML. Coverage
// (--coverage) goes to stylish and json; JUnit has no place CI tools read it from.

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

/** Items of a "not walked" list shown before "and N more": enough to act on, short enough to read. */
const MAX_LISTED = 12;

const toShare = (ratio: Ratio): string => `${ratio.walked}/${ratio.total} (${toPercent(ratio)}%)`;

/** One flow's coverage for people: reachable from the entry first (what --min-coverage reads), the whole flow when it differs. */
function toCoverageLines(coverage: FlowCoverage): string[] {
  const { nodes, edges } = coverage;
  const lines = [`${coverage.flow}  nodes ${toShare(nodes.reachable)}  exits ${toShare(edges.reachable)}`];
  if (nodes.all.total !== nodes.reachable.total || edges.all.total !== edges.reachable.total) {
    lines.push(`  whole flow, unreachable nodes too: nodes ${toShare(nodes.all)}  exits ${toShare(edges.all)}`);
  }
  const list = (what: string, items: string[]) => {
    if (items.length === 0) return;
    const more = items.length > MAX_LISTED ? `, and ${items.length - MAX_LISTED} more (-f json lists them all)` : '';
    lines.push(`  ${what} not walked: ${items.slice(0, MAX_LISTED).join(', ')}${more}`);
  };
  list('nodes', coverage.uncoveredNodes);
  list('exits', coverage.uncoveredEdges.map((edge) => `${edge.nodeId}: ${edge.label}`));
  return lines;
}

function formatStylish(results: readonly ScenarioResult[], coverage?: readonly FlowCoverage[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.passed ? '✓' : '✗'} ${toPrintable(nameOf(result))}`);
    const failed = result.steps.find((step) => step.status === 'failed');
    if (failed) for (const line of describeFailure(failed)) lines.push(`    ${toPrintable(line)}`);
  }
  const failures = results.filter((result) => !result.passed).length;
  lines.push('', `${countOf(results.length, 'scenario')}: ${results.length - failures} passed, ${failures} failed`);
  if (coverage !== undefined) {
    lines.push('', 'Coverage (walked / reachable from the entry):');
    for (const flow of coverage) for (const line of toCoverageLines(flow)) lines.push(toPrintable(line));
  }
  return `${lines.join('\n')}\n`;
}

function formatJson(results: readonly ScenarioResult[], coverage?: readonly FlowCoverage[]): string {
  return `${JSON.stringify(coverage === undefined ? { scenarios: results } : { scenarios: results, coverage }, null, 2)}\n`;
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

export const TEST_FORMATTERS: Record<TestFormatName, (results: readonly ScenarioResult[], coverage?: readonly FlowCoverage[]) => string> = {
  stylish: formatStylish,
  json: formatJson,
  junit: formatJunit,
};

export function isTestFormatName(name: string): name is TestFormatName {
  return Object.hasOwn(TEST_FORMATTERS, name);
}
