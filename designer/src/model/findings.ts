import { countFindings, MISSING_FLOW_MESSAGES } from '../../../core/lint/findings.ts';
import { lintLineAnalyzed, toLineFlowId, type LineAnalyses } from '../../../core/lint/line.ts';
import { getMaxSteps, lintParsedFlow } from '../../../core/lint/linter.ts';
import { RULES_BY_ID } from '../../../core/lint/registry.ts';
import { readLinkTarget } from '../../../core/nodes/link.ts';
import { getExits } from '../../../core/nodes/registry.ts';
import type { Finding, LintResult, Severity } from '../../../core/lint/types.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import type { Analysis } from '../../../core/solver/analyze.ts';
import { getFirstError, groupFindings, type FindingGroup } from './finding-groups.ts';
import { getOpenLine, toOpenFile, type LinkedFlows, type LineStatus } from './line.ts';
import { getStepBadges, getVerdict, type StepBadge } from './verdict.ts';

/** What the validator says about a flow: everything the store recomputes after an edit. */
export interface FlowFindings {
  /** ordered by root cause: errors first, nearest the entry first (see finding-groups.ts) */
  findings: Finding[];
  /** the findings grouped under the unconnected exit that causes them */
  findingGroups: FindingGroup[];
  errorCount: number;
  warningCount: number;
  /** badges per node id; an unchanged badge keeps its object from one edit to the next */
  steps: Record<string, StepBadge>;
  /** per node id, the severity of its first finding in `findings`: what its card shows, looked up in O(1) */
  nodeSeverity: Record<string, Severity>;
  verdict: string;
  /** the step budget N in force: the flow's `settings.maxSteps` or the default */
  maxSteps: number;
  /** the solver's results on the flow alone, which the next edit's validation reuses where the edit cannot change them */
  analysis: Analysis;
  /** whether the flow is judged within its line: alone (no links), checking (linked flows loading) or checked */
  lineStatus: LineStatus;
  /** the flows of its line not loaded yet: what the files store fetches */
  unloadedLinks: string[];
  /** the solver's results on the line, reused as `analysis` is; null when not judged within a line */
  lineAnalyses: LineAnalyses | null;
}

/** Where the open flow sits: its id in the flows folder (null: not saved yet) and the linked flows loaded so far. */
export interface LineContext {
  flowId: string | null;
  linkedFlows: LinkedFlows;
}

const ALONE: LineContext = { flowId: null, linkedFlows: new Map() };

function getNodeSeverity(findings: readonly Finding[]): Record<string, Severity> {
  const severities: Record<string, Severity> = {};
  for (const finding of findings) {
    if (finding.nodeId !== undefined && !Object.hasOwn(severities, finding.nodeId)) severities[finding.nodeId] = finding.severity;
  }
  return severities;
}

/**
 * Findings that depend on where the links go, which cannot be judged while linked flows load: a link's
 * "no such flow" and the rules judged across flows. Left out rather than shown and then withdrawn.
 */
function withoutLinkFindings(result: LintResult): LintResult {
  const findings = result.findings.filter(
    (finding) => !MISSING_FLOW_MESSAGES.has(finding.messageId) && RULES_BY_ID.get(finding.ruleId)?.meta.acrossFlows !== true,
  );
  return { ...result, findings, ...countFindings(findings) };
}

/** The validator's findings on `flow`, within its line as far as it is loaded; `previous` (the findings before an edit) lends its unchanged badge objects and analyses. */
export function getFlowFindings(flow: Flow, previous?: FlowFindings, context: LineContext = ALONE): FlowFindings {
  const line = getOpenLine(context.flowId, flow, context.linkedFlows);
  if (line.linked && line.unloaded.length === 0) return getLineFindings(flow, previous, context, line.flows);
  const checking = line.unloaded.length > 0;
  const { result, analysis } = lintParsedFlow(flow, previous ? { previousAnalysis: previous.analysis } : {});
  const shown = checking ? withoutLinkFindings(result) : result;
  const maxSteps = getMaxSteps(flow, {});
  const grouped = groupFindings(flow, shown.findings);
  return {
    findings: grouped.findings,
    findingGroups: grouped.groups,
    errorCount: shown.errorCount,
    warningCount: shown.warningCount,
    steps: getStepBadges(analysis, previous?.steps),
    nodeSeverity: getNodeSeverity(grouped.findings),
    verdict: checking ? `Checking the line: loading ${line.unloaded.join(', ')}…` : getVerdict(shown, maxSteps, getFirstError(grouped)),
    maxSteps,
    analysis,
    lineStatus: checking ? 'checking' : 'alone',
    unloadedLinks: line.unloaded,
    lineAnalyses: null,
  };
}

/**
 * A link to a flow the runtime lacks, in the designer's words: the linter's ("not linted with this
 * one") speak of files given on a command line, and here the line is what the runtime holds.
 */
function toRuntimeWords(flow: Flow, finding: Finding, linkedFlows: LinkedFlows): Finding {
  if (!MISSING_FLOW_MESSAGES.has(finding.messageId) || finding.nodeId === undefined || !Object.hasOwn(flow.nodes, finding.nodeId)) return finding;
  const node = flow.nodes[finding.nodeId]!;
  if (node.kind !== 'goto' || linkedFlows.get(node.flow) !== null) return finding;
  const label = getExits(node).find((exit) => exit.target !== undefined && readLinkTarget(exit.target) !== undefined)?.label ?? `to flow ${node.flow}`;
  return {
    ...finding,
    message: `The "${label}" route continues in flow "${node.flow}", which the runtime does not have (or cannot read as a flow): create that flow, or send the goto elsewhere.`,
  };
}

function getLineFindings(flow: Flow, previous: FlowFindings | undefined, context: LineContext, linked: ReadonlyArray<{ id: string; flow: Flow }>): FlowFindings {
  const openFile = toOpenFile(context.flowId);
  const sources = [{ file: openFile, flow }, ...linked.map((each) => ({ file: `${each.id}.json`, flow: each.flow }))];
  const reused = previous === undefined ? undefined : (previous.lineAnalyses ?? { files: [previous.analysis] });
  const { results, analyses } = lintLineAnalyzed(sources, {}, reused);
  const linted = results[0]!;
  const result = { ...linted, findings: linted.findings.map((finding) => toRuntimeWords(flow, finding, context.linkedFlows)) };
  const maxSteps = getMaxSteps(flow, {});
  const grouped = groupFindings(flow, result.findings);
  const prefix = `${toLineFlowId(openFile)}:`;
  return {
    findings: grouped.findings,
    findingGroups: grouped.groups,
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    // the badges count the caller's steps across the line, as the findings do
    steps: getStepBadges(analyses.line, previous?.steps, (id) => (id.startsWith(prefix) ? id.slice(prefix.length) : undefined)),
    nodeSeverity: getNodeSeverity(grouped.findings),
    verdict: getVerdict(result, maxSteps, getFirstError(grouped)),
    maxSteps,
    analysis: analyses.files[0]!,
    lineStatus: 'checked',
    unloadedLinks: [],
    lineAnalyses: analyses,
  };
}

const positionKeys = (flow: Flow) => Object.keys(flow.ui?.positions ?? {}).join('\n');

/**
 * True when the validator must say the same about both flows: they differ at
 * most in where nodes sit. Dragging fires many edits a second, and linting
 * each would be wasted; only which ids have a position matters to a rule.
 */
export function haveSameFindings(before: Flow, after: Flow): boolean {
  if (before === after) return true;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === 'ui') continue;
    if (before[key as keyof Flow] !== after[key as keyof Flow]) return false;
  }
  return positionKeys(before) === positionKeys(after);
}
