import { getMaxSteps, lintParsedFlow } from '../../../core/lint/linter.ts';
import type { Finding, Severity } from '../../../core/lint/types.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import type { Analysis } from '../../../core/solver/analyze.ts';
import { getFirstError, groupFindings, type FindingGroup } from './finding-groups.ts';
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
  /** the solver's results, which the next edit's validation reuses where the edit cannot change them */
  analysis: Analysis;
}

function getNodeSeverity(findings: readonly Finding[]): Record<string, Severity> {
  const severities: Record<string, Severity> = {};
  for (const finding of findings) {
    if (finding.nodeId !== undefined && !Object.hasOwn(severities, finding.nodeId)) severities[finding.nodeId] = finding.severity;
  }
  return severities;
}

/** The validator's findings on `flow`; `previous` (the findings before an edit) lends its unchanged badge objects. */
export function getFlowFindings(flow: Flow, previous?: FlowFindings): FlowFindings {
  const { result, analysis } = lintParsedFlow(flow, previous ? { previousAnalysis: previous.analysis } : {});
  const maxSteps = getMaxSteps(flow, {});
  const grouped = groupFindings(flow, result.findings);
  return {
    findings: grouped.findings,
    findingGroups: grouped.groups,
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    steps: getStepBadges(analysis, previous?.steps),
    nodeSeverity: getNodeSeverity(grouped.findings),
    verdict: getVerdict(result, maxSteps, getFirstError(grouped)),
    maxSteps,
    analysis,
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
