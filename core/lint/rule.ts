import type { z } from 'zod';
import type { Path } from '../graph/path.ts';
import type { Flow } from '../schema/flow.ts';
import type { Analysis } from '../solver/analyze.ts';
import type { Scenario } from './types.ts';

export type RuleSeverity = 'error' | 'warn';

/** A rule's severity when no config names it: `off` for the rules only a profile turns on. */
export type DefaultSeverity = RuleSeverity | 'off';

export interface RuleMeta<Options, MessageIds extends string> {
  /** one sentence: what holds when the rule passes */
  description: string;
  /** severity when the project config says nothing */
  severity: DefaultSeverity;
  /** one of the six rules of SPEC section 3, whose findings carry counterexamples */
  core?: boolean;
  /** message templates by message id, with `{{placeholders}}`; their keys are the ids `report` accepts */
  messages: Record<MessageIds, string>;
  /** options with their defaults; `z.strictObject({})` when there are none */
  options: z.ZodType<Options, Partial<Options> | undefined>;
}

export interface RuleReport<MessageIds extends string = string> {
  nodeId?: string;
  /** one of the rule's message ids; another is a compile error */
  messageId: MessageIds;
  data?: Record<string, string | number>;
  /** counterexample or route that shows the problem, from the entry */
  path?: Path;
  scenario?: Scenario;
  /** raise (or lower) this one finding's severity, e.g. a menu with more than 9 options */
  severity?: RuleSeverity;
}

export interface RuleContext<Options, MessageIds extends string = string> {
  flow: Flow;
  /** the solved game and the graph: everything computed once for all rules */
  analysis: Analysis;
  options: Options;
  /** the step budget N in force for this flow */
  maxSteps: number;
  report(report: RuleReport<MessageIds>): void;
}

export interface Rule<Options = Record<string, never>, MessageIds extends string = string> {
  id: string;
  meta: RuleMeta<Options, MessageIds>;
  check(context: RuleContext<Options, MessageIds>): void;
}

/**
 * Makes a rule, as typescript-eslint's `createRule<Options, MessageIds>`: both
 * types are read off the rule object (its options schema, its messages), so
 * a report naming a message id the rule does not declare fails to compile.
 */
export function createRule<Options, MessageIds extends string>(rule: Rule<Options, MessageIds>): Rule<Options, MessageIds> {
  return rule;
}

/** `The {{exit}} route` with data `{ exit: 'busy' }` gives `The busy route`. */
export function fillMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
