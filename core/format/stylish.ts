import { toStepWords, type Path } from '../graph/path.ts';
import type { Finding, LintResult, Scenario, Severity } from '../lint/types.ts';
import { toPrintable } from './printable.ts';
import { toText, writeInChunks, type TextBuilder } from './text-builder.ts';
import type { ChunkedFormatter, FormatOptions, Formatter } from './types.ts';
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

/** Whitespace other than one space between words: such a message is respaced before wrapping. */
const IRREGULAR_SPACING = /[^\S ]| {2}|^ | $/;

/** A message's words (runs of non-space) joined by single spaces, which is all that wrapping keeps of it. */
function toSingleSpaced(message: string): string {
  if (!IRREGULAR_SPACING.test(message)) return message;
  return message
    .split(/\s+/)
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * Wraps a single-spaced message at spaces into lines of at most `width` (a longer word, an id or a path,
 * stays whole on its own line), handing each line's bounds to `visit`: no array per message, as a
 * 100,000-state export has as many findings.
 */
function wrapMessage(message: string, width: number, visit: (start: number, end: number) => void): void {
  let lineStart = 0;
  let lineEnd = 0;
  let wordStart = 0;
  while (wordStart < message.length) {
    const space = message.indexOf(' ', wordStart);
    const wordEnd = space === -1 ? message.length : space;
    if (lineEnd === 0) {
      lineStart = wordStart;
    } else if (lineEnd - lineStart + 1 + wordEnd - wordStart > width) {
      visit(lineStart, lineEnd);
      lineStart = wordStart;
    }
    lineEnd = wordEnd;
    wordStart = wordEnd + 1;
  }
  visit(lineStart, lineEnd);
}

/** Beyond this many steps a counterexample is shortened for the terminal; JSON and SARIF keep it whole. */
const PATH_STEPS_SHOWN = 12;
const PATH_HEAD_STEPS = 3;
const PATH_TAIL_STEPS = 8;

/** A counterexample in words, a long one as its first steps and its last around how many it leaves out: the start and the failure are what a reader acts on. */
function toShortWords(path: Path): string {
  const { steps } = path;
  if (steps.length <= PATH_STEPS_SHOWN) return toStepWords(steps, 0, steps.length, path.end);
  const head = toStepWords(steps, 0, PATH_HEAD_STEPS, 'open');
  const tail = toStepWords(steps, steps.length - PATH_TAIL_STEPS, steps.length, path.end);
  return `${head} … ${steps.length - PATH_HEAD_STEPS - PATH_TAIL_STEPS} steps … ${tail}`;
}

/**
 * The aligned rows for some findings, each followed by its counterexample and
 * scenario. Shared with `humanline import`, which prints importer findings alike.
 */
export function formatFindingRows(findings: readonly Finding[], color = false): string[] {
  return findings.length === 0 ? [] : formatFindingText(findings, color).split('\n');
}

/** A message as the report shows it: printable, single-spaced, and its widest line once wrapped (at most the column's width). */
interface MessageLayout {
  text: string;
  widest: number;
  /** the message's lines written under its column, with the rule id on the first, per rule id: filled in as rows are written */
  blocks: Map<string, string>;
}

/** A message's layout; a report repeats a few messages on thousands of nodes, so each is laid out once. */
function getMessageLayout(message: string, layouts: Map<string, MessageLayout>): MessageLayout {
  let layout = layouts.get(message);
  if (layout === undefined) {
    const text = toSingleSpaced(toPrintable(message));
    // A word longer than the column (a Connect ARN, a URL) overflows its own line only: counted
    // whole, it widened the column, and so every row of the file, to its length.
    let widest = 0;
    wrapMessage(text, MESSAGE_WIDTH, (start, end) => {
      if (end - start > widest) widest = Math.min(end - start, MESSAGE_WIDTH);
    });
    layout = { text, widest, blocks: new Map() };
    layouts.set(message, layout);
  }
  return layout;
}

/** formatFindingRows as one text, lines joined by newlines. */
function formatFindingText(findings: readonly Finding[], color: boolean): string {
  return toText((text) => writeFindingRows(findings, color, text));
}

/** Runs of spaces by length, so padding a column allocates nothing per row. */
function getSpaces(spaces: string[], count: number): string {
  let run = spaces[count];
  if (run === undefined) {
    run = ' '.repeat(count);
    spaces[count] = run;
  }
  return run;
}

/** The rows of formatFindingText, written piece by piece into `text`: a large export has hundreds of thousands of pieces, none copied twice. */
function writeFindingRows(findings: readonly Finding[], color: boolean, text: TextBuilder): void {
  const palette = color ? COLORS : NO_COLORS;
  // made at full length and written by index: pushing 158,000 rows grows and copies them again and again
  const locations = new Array<string>(findings.length);
  const layouts = new Map<string, MessageLayout>();
  const messages = new Array<MessageLayout>(findings.length);
  let locationWidth = 0;
  let severityWidth = 0;
  let messageWidth = 0;
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index]!;
    const previous = index > 0 ? findings[index - 1]! : undefined;
    // a node's findings of one rule come together (three unconnected outcomes of a transfer): its location is made printable once
    const location = previous !== undefined && finding.nodeId === previous.nodeId && finding.jsonPath === previous.jsonPath ? locations[index - 1]! : getLocation(finding);
    const layout = getMessageLayout(finding.message, layouts);
    locations[index] = location;
    messages[index] = layout;
    if (location.length > locationWidth) locationWidth = location.length;
    if (finding.severity.length > severityWidth) severityWidth = finding.severity.length;
    if (layout.widest > messageWidth) messageWidth = layout.widest;
  }
  // continuation lines start under the message column: two spaces, location, severity, each with its gap
  const messageIndent = ' '.repeat(2 + locationWidth + 2 + severityWidth + 2);
  /** The message's lines under its column, the rule id after the first: joined, so a repeated block is one flat string. */
  const toMessageBlock = (message: string, ruleColumn: string): string => {
    const lines: string[] = [];
    wrapMessage(message, MESSAGE_WIDTH, (start, end) => {
      lines.push(lines.length === 0 ? `${message.slice(start, end).padEnd(messageWidth)}  ${ruleColumn}` : `${messageIndent}${message.slice(start, end)}`);
    });
    return lines.join('\n');
  };
  // what every row shares, written once: the severity column with its gaps, the path's and the scenarios' openings
  const severityCells: Record<Severity, string> = {
    error: `  ${palette.error('error'.padEnd(severityWidth))}  `,
    warning: `  ${palette.warning('warning'.padEnd(severityWidth))}  `,
  };
  const pathOpening = `\n    ${palette.dim('path:')} `;
  const scenarioLines = new Map<Scenario, string>();
  const spaces: string[] = [];
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index]!;
    const location = locations[index]!;
    text.add(index > 0 ? '\n  ' : '  ');
    text.add(location);
    text.add(getSpaces(spaces, locationWidth - location.length));
    text.add(severityCells[finding.severity]);
    const layout = messages[index]!;
    let block = layout.blocks.get(finding.ruleId);
    if (block === undefined) {
      block = toMessageBlock(layout.text, palette.dim(finding.ruleId));
      layout.blocks.set(finding.ruleId, block);
    }
    text.add(block);
    if (finding.path !== undefined && finding.path.steps.length > 0) {
      text.add(pathOpening);
      text.add(toPrintable(toShortWords(finding.path)));
    }
    if (finding.scenario !== undefined) {
      let scenarioLine = scenarioLines.get(finding.scenario);
      if (scenarioLine === undefined) {
        scenarioLine = `\n    ${palette.dim('scenario:')} ${SCENARIO_WORDS[finding.scenario]}`;
        scenarioLines.set(finding.scenario, scenarioLine);
      }
      text.add(scenarioLine);
    }
  }
}

export const formatStylish: Formatter = (results, options = {}) => toText((text) => writeStylish(results, options, text));

/** The stylish report in chunks, for a caller that writes it out piece by piece. */
export const formatStylishChunks: ChunkedFormatter = (results, options, write) => writeInChunks(write, (text) => writeStylish(results, options, text));

function writeStylish(results: readonly LintResult[], options: FormatOptions, text: TextBuilder): void {
  const palette = options.color ? COLORS : NO_COLORS;
  let errorCount = 0;
  let warningCount = 0;
  for (const result of results) {
    errorCount += result.errorCount;
    warningCount += result.warningCount;
    if (result.findings.length === 0) continue;
    text.add(palette.header(toPrintable(describeResultSource(result.file, result.flowName))));
    text.add('\n');
    writeFindingRows(result.findings, options.color === true, text);
    // the rows' last line, then an empty line before the next file or the summary
    text.add('\n\n');
  }
  const problemCount = errorCount + warningCount;
  if (problemCount === 0) {
    text.add(palette.success(`✔ ${countOf(results.length, 'flow')} checked, no problems`));
  } else {
    const paintSummary = errorCount > 0 ? palette.summaryError : palette.summaryWarning;
    text.add(paintSummary(`✖ ${countOf(problemCount, 'problem')} (${countOf(errorCount, 'error')}, ${countOf(warningCount, 'warning')})`));
  }
  text.add('\n');
}

/** The stylish report without its colors, e.g. to compare with a golden file. */
export function stripColors(text: string): string {
  return text.replace(/\u001b\[\d+m/g, '');
}
