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
  /**
   * judged on the whole line when flows link to each other (core/lint/line.ts): where the call goes
   * after a link changes its verdict. Absent: judged on each flow alone
   */
  acrossFlows?: boolean;
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
  /** the flows linted with this one as one line, by flow id (this one included); absent when it is linted alone */
  line?: ReadonlyMap<string, Flow>;
  /** a node of the analysis as the user knows it, for messages: its id; across a line, another file's node as `file:id` */
  nameNode(node: number): string;
  report(report: RuleReport<MessageIds>): void;
}

/**
 * What a rule with a budget proves when it holds, for a compliance report: the worst value any
 * checked node has, the budget it fits in, and the route from the entry that attains it.
 */
export interface RuleProof {
  /** the proven worst case, e.g. 3 steps or 148 seconds */
  bound: number;
  /** the budget in force (the rule's option or the flow's step budget) */
  limit: number;
  unit: 'steps' | 'seconds';
  /** the node the bound is attained from */
  nodeId: string;
  /** the route from that node that attains the bound */
  path?: Path;
}

export interface Rule<Options = Record<string, never>, MessageIds extends string = string> {
  id: string;
  meta: RuleMeta<Options, MessageIds>;
  check(context: RuleContext<Options, MessageIds>): void;
  /** the bound a rule with a budget holds to, for reports; undefined when there is nothing finite to show */
  prove?(context: Omit<RuleContext<Options, MessageIds>, 'report' | 'nameNode'>): RuleProof | undefined;
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
  const parts = getTemplateParts(template);
  let message = parts[0]!;
  for (let index = 1; index < parts.length; index += 3) {
    const key = parts[index + 1]!;
    message += (key in data ? String(data[key]) : parts[index]!) + parts[index + 2]!;
  }
  return message;
}

/** Beyond this many messages of one template a run fills the rest each time: messages that name a node each differ. */
const MESSAGES_KEPT = 10_000;

/** Messages filled from one template, by the text given its first placeholder, then its next, and so on to the message. */
type MessagesByText = Map<string, MessagesByText | string>;

/**
 * `fillMessage` for one run of the rules, handing back the same string for the same template and data:
 * a large flow reports one message on tens of thousands of nodes, and one string is kept once in memory
 * and laid out once by the formatters (a string filled afresh is built, hashed and wrapped per finding).
 * Looked up by each placeholder's text in turn, not by one key joining them: a joined key is a fresh string
 * to build and hash for every finding.
 */
export function createMessageFiller(): (template: string, data?: Record<string, string | number>) => string {
  const filled = new Map<string, { messages: MessagesByText; count: number }>();
  return (template, data = {}) => {
    const parts = getTemplateParts(template);
    if (parts.length === 1) return parts[0]!;
    let kept = filled.get(template);
    if (kept === undefined) {
      kept = { messages: new Map(), count: 0 };
      filled.set(template, kept);
    }
    let messages = kept.messages;
    for (let index = 1; ; index += 3) {
      const name = parts[index + 1]!;
      const text = name in data ? String(data[name]) : parts[index]!;
      const found = messages.get(text);
      if (index + 3 < parts.length) {
        if (found === undefined) {
          if (kept.count >= MESSAGES_KEPT) return fillMessage(template, data);
          const next: MessagesByText = new Map();
          messages.set(text, next);
          messages = next;
        } else {
          messages = found as MessagesByText;
        }
        continue;
      }
      if (found !== undefined) return found as string;
      const message = fillMessage(template, data);
      if (kept.count < MESSAGES_KEPT) {
        messages.set(text, message);
        kept.count++;
      }
      return message;
    }
  };
}

/** The templates split so far: the rules' messages are few, their findings many. */
const TEMPLATE_PARTS = new Map<string, string[]>();
/** Beyond this many templates (callers other than the rules) a template is split each time. */
const TEMPLATE_PARTS_KEPT = 1000;

/** A template as text, then for each placeholder its whole text, its key and the text after it. */
function getTemplateParts(template: string): string[] {
  let parts = TEMPLATE_PARTS.get(template);
  if (parts === undefined) {
    parts = template.split(/(\{\{\s*(\w+)\s*\}\})/);
    if (TEMPLATE_PARTS.size < TEMPLATE_PARTS_KEPT) TEMPLATE_PARTS.set(template, parts);
  }
  return parts;
}
