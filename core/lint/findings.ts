import type { Finding, Severity } from './types.ts';

/**
 * The rule ids of findings no lint rule reports: problems met before the rules
 * can run. Each with the one sentence that holds when it does not fire (SARIF
 * prints it beside the registry's rules).
 */
export const PSEUDO_RULES = {
  file: 'The file can be read and holds valid JSON.',
  schema: 'The file is a well-formed humanline flow.',
  import: 'The imported flow could be mapped to humanline without loss.',
  config: 'The rule settings name known rules with valid options.',
} as const satisfies Record<string, string>;

export type PseudoRuleId = keyof typeof PSEUDO_RULES;

/** The description of a pseudo-rule id; undefined for any other id. */
export function getPseudoRuleDescription(ruleId: string): string | undefined {
  return Object.hasOwn(PSEUDO_RULES, ruleId) ? PSEUDO_RULES[ruleId as PseudoRuleId] : undefined;
}

/** A finding of a pseudo-rule; the id is checked at compile time. */
export function createPseudoFinding(ruleId: PseudoRuleId, severity: Severity, message: string, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity, message, ...extra };
}

/**
 * missing-target's messages of a link to a flow the line does not hold (with the flows it holds, or
 * the one its id is a typo of): the runtime, the designer and the report treat these apart.
 */
export const MISSING_FLOW_MESSAGES: ReadonlySet<string | undefined> = new Set(['missingFlow', 'missingFlowSuggestion']);

/** How many findings are errors and how many warnings. */
export function countFindings(findings: readonly Finding[]): { errorCount: number; warningCount: number } {
  let errorCount = 0;
  // indexed, not for-of: a large flow's report holds a finding per node
  for (let index = 0; index < findings.length; index++) if (findings[index]!.severity === 'error') errorCount += 1;
  return { errorCount, warningCount: findings.length - errorCount };
}
