import { detectFormat, importFlow, type ImportOptions, type SourceFormat } from '../import/index.ts';
import type { Flow } from '../schema/flow.ts';
import { parseFlow } from '../schema/parse.ts';
import { createPseudoFinding } from './findings.ts';
import { graphHasLinks } from './line.ts';
import { lintParsedFlow, toSchemaFinding, toUnparsedResult, type LintOptions } from './linter.ts';
import type { LintResult } from './types.ts';

/** Source data linted: the report, and what it turned out to be. */
export interface LintedSource {
  /** the importer's findings, then the linter's, counted together */
  result: LintResult;
  /** the format detected; undefined when none fits (the data was linted as a flow, so the schema says what is wrong) */
  format: SourceFormat | undefined;
  /** the flow that was linted, when the data is one or was imported as one: nobody needs to parse it again */
  flow?: Flow;
  /** whether that flow continues the call in another flow (hasLinks), read from the lint's graph */
  hasLinks: boolean;
}

/**
 * The one way from parsed JSON to a linted flow: Studio and Connect exports are
 * imported first (a refused import is one `import` error); the flow is parsed
 * once and linted; the import's findings come first in the report. `importOptions.links`
 * resolves an export's links to the other files linted with it.
 */
export function lintSource(data: unknown, options: LintOptions = {}, importOptions: ImportOptions = {}): LintedSource {
  const format = detectFormat(data);
  if (format === 'twilio-studio' || format === 'amazon-connect') {
    const imported = importFlow(data, format, importOptions);
    if (!imported.ok) {
      // an export that routes no caller, named on purpose (a shell glob names every file): a warning, as ESLint warns of a named file it ignores
      const finding = createPseudoFinding('import', imported.routesNoCaller ? 'warning' : 'error', imported.message);
      return { format, result: toUnparsedResult([finding], options), hasLinks: false };
    }
    // the importer's flow has passed parseFlow already: a second check costs a large export a walk of every node
    const { result, analysis } = lintParsedFlow(imported.flow, options, imported.findings);
    return { format, result, flow: imported.flow, hasLinks: graphHasLinks(analysis.graph) };
  }
  const parsed = parseFlow(data);
  if (!parsed.ok) return { format, result: toUnparsedResult(parsed.issues.map(toSchemaFinding), options), hasLinks: false };
  const { result, analysis } = lintParsedFlow(parsed.flow, options);
  return { format, result, flow: parsed.flow, hasLinks: graphHasLinks(analysis.graph) };
}
