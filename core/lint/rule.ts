import type { z } from 'zod';
import type { Path } from '../graph/path.ts';
import type { Flow } from '../schema/flow.ts';
import type { Analysis } from '../solver/analyze.ts';
import type { Scenario } from './types.ts';

export type RuleSeverity = 'error' | 'warn';

export interface RuleMeta<Options> {
  /** one sentence: what holds when the rule passes */
  description: string;
  /** severity when the project config says nothing */
  severity: RuleSeverity;
  /** one of the six rules of SPEC section 3, whose findings carry counterexamples */
  core?: boolean;
  /** message templates by message id, with `{{placeholders}}` */
  messages: Record<string, string>;
  /** options with their defaults; `z.strictObject({})` when there are none */
  options: z.ZodType<Options, Partial<Options> | undefined>;
}

export interface RuleReport {
  nodeId?: string;
  messageId: string;
  data?: Record<string, string | number>;
  /** counterexample or route that shows the problem, from the entry */
  path?: Path;
  scenario?: Scenario;
  /** raise (or lower) this one finding's severity, e.g. a menu with more than 9 options */
  severity?: RuleSeverity;
}

export interface RuleContext<Options> {
  flow: Flow;
  /** the solved game and the graph: everything computed once for all rules */
  analysis: Analysis;
  options: Options;
  /** the step budget N in force for this flow */
  maxSteps: number;
  report(report: RuleReport): void;
}

export interface Rule<Options = Record<string, never>> {
  id: string;
  meta: RuleMeta<Options>;
  check(context: RuleContext<Options>): void;
}

/** Identity function that keeps the options type attached to a rule object. */
export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

/** `The {{exit}} route` with data `{ exit: 'busy' }` gives `The busy route`. */
export function fillMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
