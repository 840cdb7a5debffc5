import { toNodeIds, toWords, type Path, type PathStep } from '../graph/path.ts';
import { getPseudoRuleDescription } from '../lint/findings.ts';
import { RULES_BY_ID } from '../lint/registry.ts';
import type { Finding, LintResult } from '../lint/types.ts';
import { writeJsonWithArray } from './json-chunks.ts';
import { toText, writeInChunks, type TextBuilder } from './text-builder.ts';
import type { ChunkedFormatter, FormatOptions, Formatter } from './types.ts';
import { SCENARIO_NAMES, SCENARIO_WORDS, toSentence } from './words.ts';

// SARIF 2.1.0 as GitHub code scanning reads it: one run, the rules that fired,
// one result per finding located by file (physical) and node (logical), its
// counterexample a code flow whose steps each sit in their own file (a line's walk crosses files).

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A rule's one sentence: the registry's for a lint rule, the pseudo-rules' for `schema`, `import`, `config` and `file`. */
function getRuleDescription(ruleId: string): string {
  return RULES_BY_ID.get(ruleId)?.meta.description ?? getPseudoRuleDescription(ruleId) ?? ruleId;
}

/** The result text: the message, then the counterexample in words. */
function toResultText(finding: Finding): string {
  const parts = [toSentence(finding.message)];
  if (finding.jsonPath) parts.push(`At ${finding.jsonPath}.`);
  if (finding.path !== undefined && finding.path.steps.length > 0) {
    const scenario = finding.scenario ? ` (${SCENARIO_NAMES[finding.scenario]})` : '';
    parts.push(`Counterexample${scenario}: ${toWords(finding.path)}`);
  } else if (finding.scenario) {
    parts.push(`Scenario: ${SCENARIO_WORDS[finding.scenario]}.`);
  }
  return parts.join(' ');
}

/** A relative path as given on the command line, as a URI reference. */
function toUri(file: string): string {
  return encodeURI(file.replaceAll('\\', '/'));
}

/** Where a node sits: its file and line (line 1 when the caller cannot tell), and its id. */
function toNodeLocation(file: string | undefined, nodeId: string, options: FormatOptions): Record<string, unknown> {
  return {
    ...(file !== undefined
      ? { physicalLocation: { artifactLocation: { uri: toUri(file) }, region: { startLine: options.locateNode?.(file, nodeId) ?? 1 } } }
      : {}),
    logicalLocations: [{ name: nodeId, fullyQualifiedName: `nodes.${nodeId}`, kind: 'object' }],
  };
}

function toLocations(result: LintResult, finding: Finding, options: FormatOptions): object[] {
  if (finding.nodeId !== undefined) return [toNodeLocation(result.file, finding.nodeId, options)];
  const location: Record<string, unknown> = {};
  if (result.file !== undefined) location.physicalLocation = { artifactLocation: { uri: toUri(result.file) }, region: { startLine: 1 } };
  if (finding.jsonPath) location.logicalLocations = [{ name: finding.jsonPath, fullyQualifiedName: finding.jsonPath, kind: 'property' }];
  return Object.keys(location).length > 0 ? [location] : [];
}

const END_WORDS: Record<Path['end'], string | undefined> = {
  person: 'a person answers',
  followUp: 'a follow-up takes the call',
  hangup: 'the call hangs up',
  loop: 'round again',
  open: undefined,
};

/** What happens at a step: the move taken from it, and at the last how the walk ends. */
function toStepText(step: PathStep, isLast: boolean, end: Path['end']): string | undefined {
  const words = [step.exit, isLast ? END_WORDS[end] : undefined].filter((part) => part !== undefined);
  return words.length > 0 ? words.join(', then ') : undefined;
}

/** The counterexample as one thread flow, each step located at its node in its own file (else the finding's). */
function toCodeFlows(result: LintResult, path: Path, options: FormatOptions): object[] {
  const locations = path.steps.map((step, index) => {
    const text = toStepText(step, index === path.steps.length - 1, path.end);
    return { location: { ...toNodeLocation(step.file ?? result.file, step.nodeId, options), ...(text !== undefined ? { message: { text } } : {}) } };
  });
  return [{ threadFlows: [{ locations }] }];
}

/** Each finding with the file it was found in, in report order. */
function* getFileFindings(results: readonly LintResult[]): Generator<{ result: LintResult; finding: Finding }> {
  for (const result of results) {
    for (const finding of result.findings) yield { result, finding };
  }
}

export const formatSarif: Formatter = (results, options = {}) => toText((text) => writeSarif(results, options, text));

/** The SARIF log in chunks: a 100,000-state export's log is longer than a string can be. */
export const formatSarifChunks: ChunkedFormatter = (results, options, write) => writeInChunks(write, (text) => writeSarif(results, options, text));

/** The SARIF log, each result stringified on its own. */
function writeSarif(results: readonly LintResult[], options: FormatOptions, text: TextBuilder): void {
  const ruleIds = [...new Set(results.flatMap((result) => result.findings.map((finding) => finding.ruleId)))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const rules = ruleIds.map((id) => ({
    id,
    shortDescription: { text: getRuleDescription(id) },
  }));
  const toSarifResult = ({ result, finding }: { result: LintResult; finding: Finding }) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: finding.severity,
    message: { text: toResultText(finding) },
    locations: toLocations(result, finding, options),
    ...(finding.path !== undefined && finding.path.steps.length > 0 ? { codeFlows: toCodeFlows(result, finding.path, options) } : {}),
    // the counterexample as node ids, for tools that replay it in the simulator
    ...(finding.path !== undefined || finding.scenario !== undefined
      ? {
          properties: {
            ...(finding.path !== undefined ? { path: toNodeIds(finding.path) } : {}),
            ...(finding.scenario !== undefined ? { scenario: finding.scenario } : {}),
          },
        }
      : {}),
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        // informationUri is optional; it returns once the project has a public home page.
        tool: { driver: { name: 'humanline', rules } },
        results: [],
      },
    ],
  };
  writeJsonWithArray(text, JSON.stringify(log, null, 2), 'results', getFileFindings(results), toSarifResult);
  text.add('\n');
}
