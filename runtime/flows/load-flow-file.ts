import { formatStylish } from '../../core/format/stylish.ts';
import { countOf } from '../../core/format/words.ts';
import type { ProjectConfig } from '../../core/lint/config.ts';
import { createPseudoFinding } from '../../core/lint/findings.ts';
import { lintSource } from '../../core/lint/lint-source.ts';
import { toUnparsedResult } from '../../core/lint/linter.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { parseJsonText } from '../../core/schema/json-text.ts';
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

/** Reads one flow file; a flow with lint errors is refused with the report, never thrown. */
export async function loadFlowFile(absolutePath: string, displayPath: string, lintConfig?: ProjectConfig): Promise<LoadedFlowFile> {
  return toLoadedFlow(await readJsonFile(absolutePath, displayPath), displayPath, lintConfig);
}

/** A flow file's text kept elsewhere (Redis), linted as a file of the folder is. */
export function loadFlowText(text: string, displayPath: string, lintConfig?: ProjectConfig): LoadedFlowFile {
  const parsed = parseJsonText(text);
  const read: JsonFileResult = parsed.ok ? { ok: true, text, data: parsed.data } : { ok: false, reason: 'invalid-json', message: `${displayPath}: ${parsed.message}` };
  return toLoadedFlow(read, displayPath, lintConfig);
}

function toLoadedFlow(read: JsonFileResult, displayPath: string, lintConfig: ProjectConfig | undefined): LoadedFlowFile {
  if (!read.ok) {
    const result = toUnparsedResult([createPseudoFinding('file', 'error', read.message)], { file: displayPath });
    return { ok: false, reason: read.reason, problem: read.message, report: formatStylish([result]), errorCount: result.errorCount };
  }
  const { result, flow } = lintSource(read.data, { file: displayPath, ...(lintConfig ? { config: lintConfig } : {}) });
  // no errors means the data parsed as a flow; the check on `flow` only tells the compiler so
  if (result.errorCount > 0 || flow === undefined) {
    return {
      ok: false,
      reason: 'lint-errors',
      problem: `${displayPath}: ${countOf(result.errorCount, 'lint error')}`,
      report: formatStylish([result]),
      errorCount: result.errorCount,
    };
  }
  return { ok: true, flow, text: read.text, warningCount: result.warningCount };
}
