import { getMaxSteps, lintParsedFlow } from '../../../core/lint/linter.ts';
import type { Finding } from '../../../core/lint/types.ts';
import type { Flow } from '../../../core/schema/flow.ts';
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
  /** badges per node id */
  steps: Record<string, StepBadge>;
  verdict: string;
  /** the step budget N in force: the flow's `settings.maxSteps` or the default */
  maxSteps: number;
}

export function getFlowFindings(flow: Flow): FlowFindings {
  const { result, analysis } = lintParsedFlow(flow);
  const maxSteps = getMaxSteps(flow, {});
  const grouped = groupFindings(flow, result.findings);
  return {
    findings: grouped.findings,
    findingGroups: grouped.groups,
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    steps: getStepBadges(analysis),
    verdict: getVerdict(result, maxSteps, getFirstError(grouped)),
    maxSteps,
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
