import { toNodeIds, type Path } from '../graph/path.ts';
import type { Finding, FlowStats, LintResult, Scenario, Severity } from '../lint/types.ts';
import { writeJsonWithArray } from './json-chunks.ts';
import { toText, writeInChunks, type TextBuilder } from './text-builder.ts';
import type { ChunkedFormatter, Formatter } from './types.ts';

/** One finding in the JSON report: every field present, null when unknown. */
export interface JsonFinding {
  ruleId: string;
  /** the id of the rule's message, as ESLint reports it; null for what no rule reports (`schema`, `config`) */
  messageId: string | null;
  severity: Severity;
  message: string;
  nodeId: string | null;
  /** node ids of the counterexample, [] when none */
  path: string[];
  /** the counterexample in full, each step with the label and the id of the exit taken (and its file, when the walk crosses the files of a line): what the simulator replays; null when none */
  counterexample: Path | null;
  scenario: Scenario | null;
  /** only on findings that point into the file (schema problems) */
  jsonPath?: string;
}

/** One file in the JSON report. */
export interface JsonFileReport {
  file: string | null;
  flow: string | null;
  errorCount: number;
  warningCount: number;
  stats: FlowStats | null;
  findings: JsonFinding[];
}

// Copied field by field, so the key order in the report never depends on the solver.
export function toJsonPath(path: Path): Path {
  return {
    steps: path.steps.map((step) => {
      // a line's walk crosses files: each step keeps the file its node sits in
      const node = step.file === undefined ? { nodeId: step.nodeId } : { nodeId: step.nodeId, file: step.file };
      return step.exit === undefined ? node : { ...node, exit: step.exit, exitId: step.exitId };
    }),
    callerSteps: path.callerSteps,
    end: path.end,
  };
}

export function toJsonFinding(finding: Finding): JsonFinding {
  return {
    ruleId: finding.ruleId,
    messageId: finding.messageId ?? null,
    severity: finding.severity,
    message: finding.message,
    nodeId: finding.nodeId ?? null,
    path: finding.path ? toNodeIds(finding.path) : [],
    counterexample: finding.path ? toJsonPath(finding.path) : null,
    scenario: finding.scenario ?? null,
    ...(finding.jsonPath !== undefined ? { jsonPath: finding.jsonPath } : {}),
  };
}

/** A file's report but its findings, which a caller converts one by one. */
function toJsonFileSummary(result: LintResult): Omit<JsonFileReport, 'findings'> {
  return {
    file: result.file ?? null,
    flow: result.flowName ?? null,
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    // copied field by field so the key order in the report never depends on the linter
    stats: result.stats
      ? {
          nodes: result.stats.nodes,
          worstStepsBestCase: result.stats.worstStepsBestCase,
          worstStepsWorstCase: result.stats.worstStepsWorstCase,
          worstSecondsToHuman: result.stats.worstSecondsToHuman,
        }
      : null,
  };
}

export function toJsonReport(results: readonly LintResult[]): JsonFileReport[] {
  return results.map((result) => ({ ...toJsonFileSummary(result), findings: result.findings.map(toJsonFinding) }));
}

export const formatJson: Formatter = (results) => toText((text) => writeJson(results, text));

/** The JSON report in chunks: a 100,000-state export's report is 317 MB of text. */
export const formatJsonChunks: ChunkedFormatter = (results, _options, write) => writeInChunks(write, (text) => writeJson(results, text));

/** The JSON report, each finding stringified on its own. */
function writeJson(results: readonly LintResult[], text: TextBuilder): void {
  if (results.length === 0) {
    text.add('[]\n');
    return;
  }
  text.add('[');
  results.forEach((result, index) => {
    text.add(index === 0 ? '\n  ' : ',\n  ');
    const summary = JSON.stringify({ ...toJsonFileSummary(result), findings: [] }, null, 2);
    writeJsonWithArray(text, summary, 'findings', result.findings, toJsonFinding, '  ');
  });
  text.add('\n]\n');
}
