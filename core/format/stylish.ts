import { toWords, type Path } from '../graph/path.ts';
import type { Finding } from '../lint/types.ts';
import { toPrintable } from './printable.ts';
import type { Formatter } from './types.ts';
import { SCENARIO_WORDS, countOf, describeResultSource } from './words.ts';

// ESLint's stylish layout: a header per file with problems, one aligned row per
// finding (a long message wrapped under its column, the rule id on its first line), the counterexample below its row, and one summary line at the end.
// Everything that came from a file (names, node ids, messages quoting them)
// goes through toPrintable: this report is written to a terminal.

type Paint = (text: string) => string;

interface Palette {
  header: Paint;
  error: Paint;
  warning: Paint;
  dim: Paint;
  summaryError: Paint;
  summaryWarning: Paint;
  success: Paint;
}

const ansi = (open: string, close: string): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLORS: Palette = {
  header: ansi('4', '24'),
  error: ansi('31', '39'),
  warning: ansi('33', '39'),
  dim: ansi('2', '22'),
  summaryError: (text) => ansi('1', '22')(ansi('31', '39')(text)),
  summaryWarning: (text) => ansi('1', '22')(ansi('33', '39')(text)),
  success: ansi('32', '39'),
};

const plain: Paint = (text) => text;
const NO_COLORS: Palette = {
  header: plain,
  error: plain,
  warning: plain,
  dim: plain,
  summaryError: plain,
  summaryWarning: plain,
  success: plain,
};

/** Where a finding sits: the dotted JSON path of a schema problem, else the node. */
function getLocation(finding: Finding): string {
  if (finding.jsonPath) return toPrintable(finding.jsonPath);
  return finding.nodeId === undefined ? '-' : toPrintable(finding.nodeId);
}

/** The message column's widest: real exports have 300-character messages, which would pad every row to that. */
const MESSAGE_WIDTH = 72;

/** A message split at spaces into lines of at most `width`; a longer word (an id, a path) stays whole on its own line. */
function wrapMessage(message: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of message.split(/\s+/).filter((part) => part !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/** The longest length, without spreading: a huge export's findings would overflow the call stack as arguments. */
function getMaxLength(texts: readonly string[]): number {
  let max = 0;
  for (const text of texts) if (text.length > max) max = text.length;
  return max;
}

/** Beyond this many steps a counterexample is shortened for the terminal; JSON and SARIF keep it whole. */
const PATH_STEPS_SHOWN = 12;
const PATH_HEAD_STEPS = 3;
const PATH_TAIL_STEPS = 8;

/** A counterexample in words, a long one as its first steps and its last around how many it leaves out: the start and the failure are what a reader acts on. */
function toShortWords(path: Path): string {
  const { steps } = path;
  if (steps.length <= PATH_STEPS_SHOWN) return toWords(path);
  const head = toWords({ steps: steps.slice(0, PATH_HEAD_STEPS), callerSteps: 0, end: 'open' });
  const tail = toWords({ ...path, steps: steps.slice(-PATH_TAIL_STEPS) });
  return `${head} … ${steps.length - PATH_HEAD_STEPS - PATH_TAIL_STEPS} steps … ${tail}`;
}

/**
 * The aligned rows for some findings, each followed by its counterexample and
 * scenario. Shared with `humanline import`, which prints importer findings alike.
 */
export function formatFindingRows(findings: readonly Finding[], color = false): string[] {
  const palette = color ? COLORS : NO_COLORS;
  const locations = findings.map(getLocation);
  const locationWidth = getMaxLength(locations);
  const severityWidth = getMaxLength(findings.map((finding) => finding.severity));
  const messages = findings.map((finding) => wrapMessage(toPrintable(finding.message), MESSAGE_WIDTH));
  let messageWidth = 0;
  for (const messageLines of messages) messageWidth = Math.max(messageWidth, getMaxLength(messageLines));
  // continuation lines start under the message column: two spaces, location, severity, each with its gap
  const messageIndent = ' '.repeat(2 + locationWidth + 2 + severityWidth + 2);
  const lines: string[] = [];
  for (const [index, finding] of findings.entries()) {
    const paintSeverity = finding.severity === 'error' ? palette.error : palette.warning;
    const [firstLine = '', ...moreLines] = messages[index]!;
    const row = [
      locations[index]!.padEnd(locationWidth),
      paintSeverity(finding.severity.padEnd(severityWidth)),
      firstLine.padEnd(messageWidth),
      palette.dim(finding.ruleId),
    ].join('  ');
    lines.push(`  ${row}`);
    for (const line of moreLines) lines.push(`${messageIndent}${line}`);
    if (finding.path !== undefined && finding.path.steps.length > 0) {
      lines.push(`    ${palette.dim('path:')} ${toPrintable(toShortWords(finding.path))}`);
    }
    if (finding.scenario !== undefined) {
      lines.push(`    ${palette.dim('scenario:')} ${SCENARIO_WORDS[finding.scenario]}`);
    }
  }
  return lines;
}

export const formatStylish: Formatter = (results, options = {}) => {
  const palette = options.color ? COLORS : NO_COLORS;
  const lines: string[] = [];
  let errorCount = 0;
  let warningCount = 0;
  for (const result of results) {
    errorCount += result.errorCount;
    warningCount += result.warningCount;
    if (result.findings.length === 0) continue;
    lines.push(palette.header(toPrintable(describeResultSource(result.file, result.flowName))));
    for (const row of formatFindingRows(result.findings, options.color)) lines.push(row);
    lines.push('');
  }
  const problemCount = errorCount + warningCount;
  if (problemCount === 0) {
    lines.push(palette.success(`✔ ${countOf(results.length, 'flow')} checked, no problems`));
  } else {
    const paintSummary = errorCount > 0 ? palette.summaryError : palette.summaryWarning;
    lines.push(
      paintSummary(`✖ ${countOf(problemCount, 'problem')} (${countOf(errorCount, 'error')}, ${countOf(warningCount, 'warning')})`),
    );
  }
  return `${lines.join('\n')}\n`;
};

/** The stylish report without its colors, e.g. to compare with a golden file. */
export function stripColors(text: string): string {
  return text.replace(/\u001b\[\d+m/g, '');
}
