import { toJsonFinding, type JsonFinding } from '../format/json.ts';
import { toPrintable } from '../format/printable.ts';
import { formatFindingRows } from '../format/stylish.ts';
import { countOf } from '../format/words.ts';
import type { Finding } from '../lint/types.ts';
import { hasNewErrors, isEmptyDiff } from './diff-flows.ts';
import type { FieldChange, FlowDiff, NodeSummary, ReachChange } from './types.ts';

// `humanline diff` reports: stylish for a terminal, json for tools, markdown
// for a pull-request comment. Pure functions from a diff to the text.

export interface DiffFormatOptions {
  /** the old and the new version as the user named them, e.g. two file paths */
  beforeName?: string;
  afterName?: string;
  /** ANSI colors (stylish only) */
  color?: boolean;
}

export type DiffFormatter = (diff: FlowDiff, options?: DiffFormatOptions) => string;

/** GitHub refuses a comment over 65,536 characters: the markdown report stops short of it. */
export const MAX_MARKDOWN_LENGTH = 60_000;

const NO_PERSON = 'no person';

const toReachValue = (value: number | null, unit = ''): string => (value === null ? NO_PERSON : `${value}${unit}`);

/** `1`, or `1 → 2` when it changed. */
function toChangeText(before: number | null, after: number | null, unit = ''): string {
  return before === after ? toReachValue(before, unit) : `${toReachValue(before, unit)} → ${toReachValue(after, unit)}`;
}

function toReachColumns({ before, after }: ReachChange): [best: string, worst: string, seconds: string] {
  return [toChangeText(before.best, after.best), toChangeText(before.worst, after.worst), toChangeText(before.seconds, after.seconds, ' s')];
}

/** `prompt: "Hello" → "Welcome"`, `speech: set to {}`, `timeout: removed (was 5)`. */
function toFieldText(change: FieldChange): string {
  if (change.before === undefined) return `${change.words}: set to ${change.after}`;
  if (change.after === undefined) return `${change.words}: removed (was ${change.before})`;
  return `${change.words}: ${change.before} → ${change.after}`;
}

const describeNode = (node: NodeSummary): string => (node.label === undefined ? node.kind : `${node.kind} "${node.label}"`);

function getSummary(diff: FlowDiff): string {
  const newErrors = diff.findings.appeared.filter((finding) => finding.severity === 'error').length;
  const counts = `${countOf(diff.findings.appeared.length, 'finding')} appeared, ${diff.findings.cleared.length} cleared`;
  return newErrors > 0 ? `✖ ${countOf(newErrors, 'new error')} (${counts})` : `✔ no new errors (${counts})`;
}

type Paint = (text: string) => string;
const ansi = (open: string, close: string): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Paint = (text) => text;

export const formatDiffStylish: DiffFormatter = (diff, options = {}) => {
  const bold = options.color ? ansi('1', '22') : plain;
  const green = options.color ? ansi('32', '39') : plain;
  const red = options.color ? ansi('31', '39') : plain;
  const yellow = options.color ? ansi('33', '39') : plain;
  const p = toPrintable;
  const lines: string[] = [];
  if (options.beforeName !== undefined && options.afterName !== undefined) lines.push(bold(`${p(options.beforeName)} → ${p(options.afterName)}`));
  lines.push(`verdict: ${p(diff.verdict.before.text)} → ${p(diff.verdict.after.text)}`);
  if (isEmptyDiff(diff)) {
    lines.push('', green('✔ nothing changes for callers'));
    return `${lines.join('\n')}\n`;
  }
  const section = (title: string, rows: string[]) => {
    if (rows.length > 0) lines.push('', bold(title), ...rows);
  };
  section('Flow', diff.flow.map((change) => `  ~ ${p(toFieldText(change))}`));
  section('Nodes', [
    ...diff.nodes.added.map((node) => green(`  + ${node.nodeId} (${p(describeNode(node))})`)),
    ...diff.nodes.removed.map((node) => red(`  - ${node.nodeId} (${p(describeNode(node))})`)),
    ...diff.nodes.changed.flatMap((node) => [yellow(`  ~ ${node.nodeId} (${p(describeNode(node))})`), ...node.fields.map((field) => `      ${p(toFieldText(field))}`)]),
  ]);
  section('Routes', [
    ...diff.routes.added.map((route) => green(`  + ${route.nodeId}: ${p(route.exit)} → ${route.target}`)),
    ...diff.routes.removed.map((route) => red(`  - ${route.nodeId}: ${p(route.exit)} → ${route.target}`)),
    ...diff.routes.changed.map((route) => yellow(`  ~ ${route.nodeId}: ${p(route.exit)} → ${route.before}, now ${route.after}`)),
  ]);
  const idWidth = Math.max(0, ...diff.reach.map((change) => change.nodeId.length));
  section(
    'Steps to a person',
    diff.reach.map((change) => {
      const [best, worst, seconds] = toReachColumns(change);
      return `  ${change.nodeId.padEnd(idWidth)}  best case ${best}, worst case ${worst}, ${seconds}`;
    }),
  );
  section('Findings that appeared', formatFindingRows(diff.findings.appeared, options.color));
  section('Findings cleared', formatFindingRows(diff.findings.cleared, options.color));
  lines.push('', hasNewErrors(diff) ? bold(red(getSummary(diff))) : green(getSummary(diff)));
  return `${lines.join('\n')}\n`;
};

/** The JSON report: the diff, its names and whether it fails, every finding as `humanline lint --format json` prints it. */
export interface JsonDiffReport extends Omit<FlowDiff, 'findings'> {
  before: string | null;
  after: string | null;
  newErrors: boolean;
  findings: { appeared: JsonFinding[]; cleared: JsonFinding[] };
}

export const formatDiffJson: DiffFormatter = (diff, options = {}) => {
  const report: JsonDiffReport = {
    before: options.beforeName ?? null,
    after: options.afterName ?? null,
    newErrors: hasNewErrors(diff),
    verdict: diff.verdict,
    flow: diff.flow,
    nodes: diff.nodes,
    routes: diff.routes,
    reach: diff.reach,
    findings: { appeared: diff.findings.appeared.map(toJsonFinding), cleared: diff.findings.cleared.map(toJsonFinding) },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};

/**
 * Text from a flow file made inert in a comment: no HTML, no link, no
 * @mention, no table cell broken by a `|`, all on one line.
 */
export function toMarkdownText(text: string): string {
  return toPrintable(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`);
}

/** Node ids are letters, digits, `_ . -` (the schema's pattern): safe in a code span. */
const code = (nodeId: string): string => `\`${nodeId}\``;

const markdownNode = (node: NodeSummary): string => `${code(node.nodeId)} (${toMarkdownText(describeNode(node))})`;

function markdownFinding(finding: Finding): string {
  const where = finding.nodeId === undefined ? '' : ` at ${code(finding.nodeId)}`;
  return `- **${finding.severity}** ${code(finding.ruleId)}${where}: ${toMarkdownText(finding.message)}`;
}

const verdictMark = (errorCount: number): string => (errorCount === 0 ? '✔' : '✖');

export const formatDiffMarkdown: DiffFormatter = (diff, options = {}) => {
  const { before, after } = diff.verdict;
  const name = options.afterName === undefined ? '' : `${toMarkdownText(options.afterName)}: `;
  const lines = [`### ${name}${verdictMark(before.errorCount)} ${toMarkdownText(before.text)} → ${verdictMark(after.errorCount)} ${toMarkdownText(after.text)}`];
  if (isEmptyDiff(diff)) {
    lines.push('', 'Nothing changes for callers.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('', getSummary(diff));
  const section = (title: string, rows: string[]) => {
    if (rows.length > 0) lines.push('', `#### ${title}`, '', ...rows);
  };
  section(
    'Steps to a person',
    diff.reach.length === 0
      ? []
      : [
          '| Node | Best case (steps) | Worst case (steps) | Worst case (seconds) |',
          '| --- | --- | --- | --- |',
          ...diff.reach.map((change) => {
            const label = change.label === undefined ? '' : ` ${toMarkdownText(change.label)}`;
            return `| ${code(change.nodeId)}${label} | ${toReachColumns(change).join(' | ')} |`;
          }),
        ],
  );
  section('Findings that appeared', diff.findings.appeared.map(markdownFinding));
  section('Findings cleared', diff.findings.cleared.map(markdownFinding));
  section('Flow', diff.flow.map((change) => `- ${toMarkdownText(toFieldText(change))}`));
  section('Nodes', [
    ...diff.nodes.added.map((node) => `- added ${markdownNode(node)}`),
    ...diff.nodes.removed.map((node) => `- removed ${markdownNode(node)}`),
    ...diff.nodes.changed.map((node) => `- changed ${markdownNode(node)}: ${node.fields.map((field) => toMarkdownText(toFieldText(field))).join('; ')}`),
  ]);
  section('Routes', [
    ...diff.routes.added.map((route) => `- added ${code(route.nodeId)} ${toMarkdownText(route.exit)} → ${code(route.target)}`),
    ...diff.routes.removed.map((route) => `- removed ${code(route.nodeId)} ${toMarkdownText(route.exit)} → ${code(route.target)}`),
    ...diff.routes.changed.map((route) => `- changed ${code(route.nodeId)} ${toMarkdownText(route.exit)}: ${code(route.before)} → ${code(route.after)}`),
  ]);
  return limitMarkdown(`${lines.join('\n')}\n`);
};

/** Cuts a report too long for a comment at a line, saying so. */
function limitMarkdown(text: string): string {
  if (text.length <= MAX_MARKDOWN_LENGTH) return text;
  const cut = text.lastIndexOf('\n', MAX_MARKDOWN_LENGTH - 200);
  return `${text.slice(0, cut)}\n\n… cut here: the diff is longer than a comment holds; run \`humanline diff\` for all of it.\n`;
}

export type DiffFormatName = 'stylish' | 'json' | 'markdown';

export const DIFF_FORMATTERS: Record<DiffFormatName, DiffFormatter> = {
  stylish: formatDiffStylish,
  json: formatDiffJson,
  markdown: formatDiffMarkdown,
};

export function isDiffFormatName(name: string): name is DiffFormatName {
  return Object.hasOwn(DIFF_FORMATTERS, name);
}
