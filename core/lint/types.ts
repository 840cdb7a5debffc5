import type { Path } from '../graph/path.ts';

export type Severity = 'error' | 'warning';

/** Which player model a finding was found under (SPEC section 3). */
export type Scenario = 'best-case' | 'worst-case' | 'silent-caller' | 'confused-caller';

/** One problem in one flow, as every formatter prints it. */
export interface Finding {
  /** rule id: a lint rule's id in the registry, or a pseudo-rule's (findings.ts: `schema`, `import`, `config`, `file`) */
  ruleId: string;
  /** the id of the rule's message the finding fills in; absent for what no rule reports (`schema`, `config`, `import`) */
  messageId?: string;
  severity: Severity;
  message: string;
  /** the node the problem sits in */
  nodeId?: string;
  /** the counterexample or route that shows the problem, from the entry */
  path?: Path;
  scenario?: Scenario;
  /** dotted JSON path into the file, for schema findings */
  jsonPath?: string;
}

export interface FlowStats {
  nodes: number;
  /** the largest finite best-case steps-to-human of any checked node (null when none is finite) */
  worstStepsBestCase: number | null;
  /** the largest finite worst-case steps-to-human-or-follow-up of any checked node */
  worstStepsWorstCase: number | null;
  /** the largest finite worst-case seconds-to-human-or-follow-up of any checked node, rounded */
  worstSecondsToHuman: number | null;
}

export interface LintResult {
  /** the file as given on the command line, when linted from a file */
  file?: string;
  /** the flow's name, when the file parsed */
  flowName?: string;
  findings: Finding[];
  errorCount: number;
  warningCount: number;
  /** null when the file did not parse */
  stats: FlowStats | null;
}
