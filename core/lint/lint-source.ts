import { detectFormat, importFlow, type SourceFormat } from '../import/index.ts';
import type { Flow } from '../schema/flow.ts';
import { parseFlow } from '../schema/parse.ts';
import { countFindings, createPseudoFinding } from './findings.ts';
import { lintParsedFlow, toSchemaFinding, toUnparsedResult, type LintOptions } from './linter.ts';
import type { Finding, LintResult } from './types.ts';

/** Source data linted: the report, and what it turned out to be. */
export interface LintedSource {
  /** the importer's findings, then the linter's, counted together */
  result: LintResult;
  /** the format detected; undefined when none fits (the data was linted as a flow, so the schema says what is wrong) */
  format: SourceFormat | undefined;
  /** the flow that was linted, when the data is one or was imported as one: nobody needs to parse it again */
  flow?: Flow;
}

/**
 * The one way from parsed JSON to a linted flow: Studio and Connect exports are
 * imported first (a refused import is one `import` error); the flow is parsed
 * once and linted; the import's findings come first in the report.
 */
export function lintSource(data: unknown, options: LintOptions = {}): LintedSource {
  const format = detectFormat(data);
  let candidate = data;
  let importFindings: Finding[] = [];
  if (format === 'twilio-studio' || format === 'amazon-connect') {
    const imported = importFlow(data, format);
    if (!imported.ok) return { format, result: toUnparsedResult([createPseudoFinding('import', 'error', imported.message)], options) };
    candidate = imported.flow;
    importFindings = imported.findings;
  }
  const parsed = parseFlow(candidate);
  if (!parsed.ok) return { format, result: toUnparsedResult([...importFindings, ...parsed.issues.map(toSchemaFinding)], options) };
  const { result } = lintParsedFlow(parsed.flow, options);
  if (importFindings.length === 0) return { format, result, flow: parsed.flow };
  const findings = [...importFindings, ...result.findings];
  return { format, result: { ...result, findings, ...countFindings(findings) }, flow: parsed.flow };
}
