import { formatStylish } from '../../core/format/stylish.ts';
import { countOf } from '../../core/format/words.ts';
import type { ProjectConfig } from '../../core/lint/config.ts';
import { createPseudoFinding } from '../../core/lint/findings.ts';
import { lintSource, type LintedSource } from '../../core/lint/lint-source.ts';
import { toUnparsedResult } from '../../core/lint/linter.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { parseJsonText } from '../../core/schema/json-text.ts';
import { describeBroken, describeLinkFix, type LineVerdict } from './line-gate.ts';
import { readJsonFile, type JsonFileProblem, type JsonFileResult } from './read-json-file.ts';

/** A flow file read, imported when it is a Studio or Connect export, and linted. */
export type LoadedFlowFile =
  /** `text`: the file as written (what a shared copy keeps, so the designer opens it unchanged) */
  | { ok: true; flow: Flow; text: string; warningCount: number }
  /**
   * refused: `problem` says why in one line, `report` is the linter's stylish
   * report, for the log; `reason` says whether the file could be read at all
   */
  | { ok: false; reason: JsonFileProblem | 'lint-errors'; problem: string; report: string; errorCount: number };

/** A flow file read and linted alone, before the line it joins judges it; a file that cannot be read is refused already. */
export type ReadFlowFile = { ok: true; text: string; linted: LintedSource } | Extract<LoadedFlowFile, { ok: false }>;

/** Reads one flow file; a flow with lint errors is refused with the report, never thrown. */
export async function loadFlowFile(absolutePath: string, displayPath: string, lintConfig?: ProjectConfig): Promise<LoadedFlowFile> {
  return toLoadedFlow(await readFlowFile(absolutePath, displayPath, lintConfig));
}

/** Reads and lints one flow file alone. */
export async function readFlowFile(absolutePath: string, displayPath: string, lintConfig?: ProjectConfig): Promise<ReadFlowFile> {
  return lintRead(await readJsonFile(absolutePath, displayPath), displayPath, lintConfig);
}

/** A flow file's text kept elsewhere (Redis), read and linted as a file of the folder is. */
export function readFlowText(text: string, displayPath: string, lintConfig?: ProjectConfig): ReadFlowFile {
  const parsed = parseJsonText(text);
  const read: JsonFileResult = parsed.ok ? { ok: true, text, data: parsed.data } : { ok: false, reason: 'invalid-json', message: `${displayPath}: ${parsed.message}` };
  return lintRead(read, displayPath, lintConfig);
}

function lintRead(read: JsonFileResult, displayPath: string, lintConfig: ProjectConfig | undefined): ReadFlowFile {
  if (!read.ok) {
    const result = toUnparsedResult([createPseudoFinding('file', 'error', read.message)], { file: displayPath });
    return { ok: false, reason: read.reason, problem: read.message, report: formatStylish([result]), errorCount: result.errorCount };
  }
  return { ok: true, text: read.text, linted: lintSource(read.data, { file: displayPath, ...(lintConfig ? { config: lintConfig } : {}) }) };
}

/** The verdict on a read file: its lint alone, or (`verdict`) its findings in its line and the flows it would break. */
export function toLoadedFlow(read: ReadFlowFile, verdict?: LineVerdict): LoadedFlowFile {
  if (!read.ok) return read;
  const result = verdict?.result ?? read.linted.result;
  const { flow } = read.linted;
  const displayPath = result.file ?? 'flow';
  // no errors means the data parsed as a flow; the check on `flow` only tells the compiler so
  if (result.errorCount > 0 || flow === undefined) {
    return { ok: false, reason: 'lint-errors', problem: `${displayPath}: ${countOf(result.errorCount, 'lint error')}${describeLinkFix(result.findings)}`, report: formatStylish([result]), errorCount: result.errorCount };
  }
  const broken = verdict?.broken ?? [];
  if (broken.length > 0) {
    const errorCount = broken.reduce((count, { result: each }) => count + each.errorCount, 0);
    return { ok: false, reason: 'lint-errors', problem: `${displayPath}: ${describeBroken(broken)}`, report: formatStylish(broken.map(({ result: each }) => each)), errorCount };
  }
  return { ok: true, flow, text: read.text, warningCount: result.warningCount };
}
