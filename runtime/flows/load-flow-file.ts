import { readJsonFile } from '../../core/cli/read-json.ts';
import { formatStylish } from '../../core/format/stylish.ts';
import { detectFormat, importFlow } from '../../core/import/index.ts';
import type { ProjectConfig } from '../../core/lint/config.ts';
import { lintFlow } from '../../core/lint/linter.ts';
import type { Finding, LintResult } from '../../core/lint/types.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { parseFlow } from '../../core/schema/parse.ts';

/** A flow file read, imported when it is a Studio or Connect export, and linted. */
export type LoadedFlowFile =
  | { ok: true; flow: Flow; format: string; warningCount: number }
  /** refused: `report` is the linter's stylish report, for the log */
  | { ok: false; report: string; errorCount: number };

function refuse(file: string, findings: Finding[]): LoadedFlowFile {
  const errorCount = findings.filter((finding) => finding.severity === 'error').length;
  const result: LintResult = { file, findings, errorCount, warningCount: findings.length - errorCount, stats: null };
  return { ok: false, report: formatStylish([result]), errorCount };
}

/** Reads one flow file; a flow with lint errors is refused with the report, never thrown. */
export async function loadFlowFile(absolutePath: string, displayPath: string, lintConfig?: ProjectConfig): Promise<LoadedFlowFile> {
  const read = await readJsonFile(absolutePath, displayPath);
  if (!read.ok) return refuse(displayPath, [{ ruleId: 'file', severity: 'error', message: read.message }]);

  const format = detectFormat(read.data) ?? 'humanline';
  let candidate: unknown = read.data;
  let importFindings: Finding[] = [];
  if (format === 'twilio-studio' || format === 'amazon-connect') {
    const imported = importFlow(read.data, format);
    if (!imported.ok) return refuse(displayPath, [{ ruleId: 'import', severity: 'error', message: imported.message }]);
    candidate = imported.flow;
    importFindings = imported.findings;
  }

  const lint = lintFlow(candidate, { file: displayPath, ...(lintConfig ? { config: lintConfig } : {}) });
  const findings = [...importFindings, ...lint.findings];
  const errorCount = findings.filter((finding) => finding.severity === 'error').length;
  if (errorCount > 0) {
    return { ok: false, report: formatStylish([{ ...lint, findings, errorCount, warningCount: findings.length - errorCount }]), errorCount };
  }
  const parsed = parseFlow(candidate);
  if (!parsed.ok) return refuse(displayPath, [{ ruleId: 'schema', severity: 'error', message: parsed.issues[0]?.message ?? 'not a flow' }]);
  return { ok: true, flow: parsed.flow, format, warningCount: findings.length };
}
