import type { Finding } from '../lint/types.ts';
import type { RuleProof, RuleSeverity } from '../lint/rule.ts';
import type { MeasureId, MeasureThreshold } from '../profiles/measures.ts';
import type { Profile, ProfileStatus } from '../profiles/types.ts';

/** A requirement's verdict: proven, disproven, or beyond what the flow and the data can show. */
export type RequirementStatus = 'holds' | 'fails' | 'cannot-check';

/** A node a requirement's evidence names, as the designer shows it. */
export interface ReportNode {
  id: string;
  label: string | null;
}

/** One rule a requirement names, run with exactly the severity and options the profile gives it. */
export interface RuleEvidence {
  ruleId: string;
  severity: RuleSeverity;
  /** the options the profile sets; null when it sets none (the rule's defaults apply) */
  options: Record<string, unknown> | null;
  status: 'holds' | 'fails';
  /** what the rule found when it fails: message, node, counterexample and scenario */
  findings: Finding[];
  /** the bound the rule proves when it holds and has a budget; null otherwise */
  proof: RuleProof | null;
}

export type { MeasureThreshold } from '../profiles/measures.ts';

/** One run-time measure a requirement names, with the period's figure when there is one. */
export interface MeasureEvidence {
  measureId: MeasureId;
  description: string;
  /** null when no data was given for the flow, or no call qualified */
  value: number | null;
  /** the calls the figure is taken from; null when not measured */
  calls: number | null;
  threshold: MeasureThreshold | null;
  verdict: 'meets' | 'misses' | 'no-threshold' | 'not-measured';
}

export interface RequirementReport {
  id: string;
  title: string;
  text: string;
  status: RequirementStatus;
  rules: RuleEvidence[];
  measures: MeasureEvidence[];
  /** what cannot be checked for it, from the profile; null when the profile says nothing */
  cannotCheck: string | null;
  /** every node the evidence names, in the order first named */
  nodes: ReportNode[];
}

export interface StatusCounts {
  holds: number;
  fails: number;
  cannotCheck: number;
}

export interface ProfileReport {
  id: string;
  title: string;
  status: ProfileStatus;
  follows: Profile['follows'];
  complianceBy: string | null;
  counts: StatusCounts;
  requirements: RequirementReport[];
}

export interface FlowReport {
  file: string;
  flowId: string;
  /** null when the file is not a flow */
  flowName: string | null;
  /** why the file could not be judged (schema or import problems); empty for a flow */
  problems: Finding[];
  /** its links to a flow (or a node of one) not in the report: the line is judged as if those calls ended there */
  missingLinks: Finding[];
  /** the measured period, when data was given for the flow */
  period: { from: string; to: string; calls: number } | null;
  profiles: ProfileReport[];
}

export interface ComplianceReport {
  generatedAt: string;
  flows: FlowReport[];
}
