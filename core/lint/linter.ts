import { DEFAULTS } from '../schema/defaults.ts';
import { getProfileRules, PROFILES_BY_ID } from '../profiles/index.ts';
import type { Flow, RuleSettings } from '../schema/flow.ts';
import { getClosestWord } from '../schema/closest-word.ts';
import { describeFirstIssue } from '../schema/describe-issue.ts';
import { toIssueText } from '../schema/issue-text.ts';
import { parseFlow, type SchemaIssue } from '../schema/parse.ts';
import { analyzeFlow, type Analysis } from '../solver/analyze.ts';
import { splitRuleSetting, type ProjectConfig } from './config.ts';
import { countFindings, createPseudoFinding } from './findings.ts';
import { RULES, RULES_BY_ID } from './registry.ts';
import { createMessageFiller, type Rule, type RuleReport, type RuleSeverity } from './rule.ts';
import type { Finding, FlowStats, LintResult, Severity } from './types.ts';

export interface LintOptions {
  /** the file the flow came from, as given by the user */
  file?: string;
  config?: ProjectConfig;
  /** `--max-steps`: overrides the flow's and the project's step budget */
  maxSteps?: number;
  /** the analysis of this flow before an edit: what the edit cannot change is reused, with the same result */
  previousAnalysis?: Analysis;
}

const toSeverity = (severity: RuleSeverity): Severity => (severity === 'warn' ? 'warning' : 'error');

/** Budget N: the command line, then the flow, then the project, then 3. */
export function getMaxSteps(flow: Flow, options: LintOptions): number {
  return options.maxSteps ?? flow.settings?.maxSteps ?? options.config?.maxSteps ?? DEFAULTS.maxSteps;
}

/** Each profile's settings as one layer, in the order `extends` names them. */
function toProfileLayers(profileIds: readonly string[] | undefined, via: string): Array<[RuleSettings, string]> {
  return (profileIds ?? []).map((id) => {
    const profile = PROFILES_BY_ID.get(id);
    // The schemas refuse unknown names; a config that skipped them is a bug, not a finding.
    if (profile === undefined) throw new Error(`unknown profile "${id}" in ${via}`);
    return [getProfileRules(profile), `profile "${id}" (extended by ${via})`];
  });
}

/**
 * Severity and options per rule id, in ESLint's order, a later layer winning: the project's profiles,
 * its `rules`, then the flow's profiles and its own `rules`.
 */
function resolveRuleSettings(flow: Flow, config: ProjectConfig | undefined) {
  const resolved = new Map<string, { severity: 'off' | 'warn' | 'error'; options: Record<string, unknown> | undefined; source: string }>();
  const layers: Array<[RuleSettings | undefined, string]> = [
    ...toProfileLayers(config?.extends, 'humanline.config.json'),
    [config?.rules, 'humanline.config.json'],
    ...toProfileLayers(flow.extends, 'the flow'),
    [flow.rules, 'the flow\'s "rules"'],
  ];
  for (const [layer, source] of layers) {
    for (const [id, setting] of Object.entries(layer ?? {})) {
      const { severity, options } = splitRuleSetting(setting);
      // A severity alone keeps the options set by an earlier layer.
      resolved.set(id, { severity, options: options ?? resolved.get(id)?.options, source });
    }
  }
  return resolved;
}

/** The figures over the checked nodes `counts` keeps (a line's analysis holds other files' nodes too). */
export function getStats(analysis: Analysis, nodes = analysis.graph.ids.length, counts: (node: number) => boolean = () => true): FlowStats {
  const { checked, closing, best, worst, seconds } = analysis;
  let bestMax = -1;
  let worstMax = -1;
  let secondsMax = -1;
  for (let index = 0; index < checked.order.length; index++) {
    const node = checked.order[index]!;
    if (closing[node] || !counts(node)) continue;
    if (best.value[node] !== Infinity) bestMax = Math.max(bestMax, best.value[node]!);
    if (worst.value[node] !== Infinity) worstMax = Math.max(worstMax, worst.value[node]!);
    if (seconds.value[node] !== Infinity) secondsMax = Math.max(secondsMax, seconds.value[node]!);
  }
  return {
    nodes,
    worstStepsBestCase: bestMax < 0 ? null : bestMax,
    worstStepsWorstCase: worstMax < 0 ? null : worstMax,
    worstSecondsToHuman: secondsMax < 0 ? null : Math.round(secondsMax),
  };
}

/**
 * A rule's report as a finding, its keys always in one order. The usual shapes are made whole in one
 * literal: a key added afterwards costs each finding a second object, and a large flow has a finding per node.
 */
function toFinding(ruleId: string, severity: Severity, message: string, report: RuleReport): Finding {
  const { messageId, nodeId, path, scenario } = report;
  if (nodeId !== undefined && path && scenario) return { ruleId, severity, message, messageId, nodeId, path, scenario };
  if (nodeId !== undefined && path && !scenario) return { ruleId, severity, message, messageId, nodeId, path };
  if (nodeId !== undefined && !path && !scenario) return { ruleId, severity, message, messageId, nodeId };
  const finding: Finding = { ruleId, severity, message, messageId };
  if (nodeId !== undefined) finding.nodeId = nodeId;
  if (path) finding.path = path;
  if (scenario) finding.scenario = scenario;
  return finding;
}

/** One run of rules over an analysis: which rules, with the settings of which flow. */
export interface RuleRun {
  /** the flow whose settings, budget and config apply */
  flow: Flow;
  analysis: Analysis;
  options: LintOptions;
  /** the flows of the line by id, when linted as one */
  line?: ReadonlyMap<string, Flow>;
  /** how messages name a node of the analysis; default its id in the graph */
  nameNode?: (node: number) => string;
  /** which rules this run judges */
  includes: (rule: Rule<any>) => boolean;
  /** whether to report the config's unknown rule names (once per file) */
  reportsConfig: boolean;
}

const RULE_IDS = RULES.map((rule) => rule.id);

/** The findings of the enabled rules `run` includes, in the order the rules report them. */
export function runRules(run: RuleRun): Finding[] {
  const { flow, analysis, line } = run;
  const nameNode = run.nameNode ?? ((node: number) => analysis.graph.ids[node]!);
  const maxSteps = getMaxSteps(flow, run.options);
  const settings = resolveRuleSettings(flow, run.options.config);
  const findings: Finding[] = [];
  const fillMessage = createMessageFiller();

  if (run.reportsConfig) {
    for (const [id, { source }] of settings) {
      if (RULES_BY_ID.has(id)) continue;
      const suggestion = getClosestWord(id, RULE_IDS);
      const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
      findings.push(createPseudoFinding('config', 'error', `Unknown rule "${id}" in ${source}.${hint} Known rules: ${RULE_IDS.join(', ')}.`));
    }
  }

  for (const rule of RULES) {
    if (!run.includes(rule)) continue;
    const setting = settings.get(rule.id);
    const severity = setting?.severity ?? rule.meta.severity;
    if (severity === 'off') continue;
    const parsedOptions = rule.meta.options.safeParse(setting?.options ?? {});
    if (!parsedOptions.success) {
      const problem = describeFirstIssue(parsedOptions.error.issues, setting?.options ?? {});
      findings.push(createPseudoFinding('config', 'error', `Invalid options for rule "${rule.id}" in ${setting?.source}: ${problem}.`));
      continue;
    }
    const report = (r: RuleReport) => {
      const template = rule.meta.messages[r.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown message id "${r.messageId}"`);
      findings.push(toFinding(rule.id, toSeverity(r.severity ?? severity), fillMessage(template, r.data), r));
    };
    rule.check({ flow, analysis, options: parsedOptions.data, maxSteps, nameNode, report, ...(line !== undefined ? { line } : {}) });
  }
  return findings;
}

/**
 * `findings` in the order a caller meets their nodes (`depthOf` a finding's node, a whole number, -1 when
 * unreached or none), after `leading`, which keep their order. Stable: the rules' order among equals.
 */
export function sortByDepth(findings: readonly Finding[], depthOf: (finding: Finding) => number, leading: readonly Finding[] = []): Finding[] {
  // a counting sort by depth: depths are small whole numbers, and a large flow has a finding per node
  const depths = new Int32Array(findings.length);
  let deepest = -1;
  for (let index = 0; index < findings.length; index++) {
    const depth = depthOf(findings[index]!);
    depths[index] = depth;
    if (depth > deepest) deepest = depth;
  }
  const unreached = deepest + 1;
  // next free place of each depth, after the leading findings; unreached ones last
  const place = new Int32Array(unreached + 2);
  for (let index = 0; index < findings.length; index++) {
    if (depths[index]! < 0) depths[index] = unreached;
    place[depths[index]! + 1]!++;
  }
  place[0] = leading.length;
  for (let depth = 1; depth <= unreached + 1; depth++) place[depth]! += place[depth - 1]!;
  const ordered = new Array<Finding>(leading.length + findings.length);
  for (let index = 0; index < leading.length; index++) ordered[index] = leading[index]!;
  for (let index = 0; index < findings.length; index++) ordered[place[depths[index]!]!++] = findings[index]!;
  return ordered;
}

/**
 * Runs every enabled rule on a parsed flow; also returns the analysis, for the designer's badges.
 * `leading` findings (an importer's) come first in the report and are counted with the rest.
 */
export function lintParsedFlow(flow: Flow, options: LintOptions = {}, leading: readonly Finding[] = []): { result: LintResult; analysis: Analysis } {
  const analysis = analyzeFlow(flow, options.previousAnalysis);
  const findings = runRules({ flow, analysis, options, includes: () => true, reportsConfig: true });

  // Findings in the order a caller meets their nodes. A node's findings of one rule come together
  // (a transfer's three unconnected outcomes), so the last node's depth is kept rather than looked up again.
  let lastNodeId: string | undefined;
  let lastDepth = -1;
  const ordered = sortByDepth(findings, (f) => {
    if (f.nodeId === undefined) return -1;
    if (f.nodeId !== lastNodeId) {
      const node = analysis.graph.indexOf.get(f.nodeId);
      lastNodeId = f.nodeId;
      lastDepth = node === undefined ? -1 : analysis.reachable.depth[node]!;
    }
    return lastDepth;
  }, leading);

  return {
    result: {
      ...(options.file !== undefined ? { file: options.file } : {}),
      flowName: flow.name,
      findings: ordered,
      ...countFindings(ordered),
      stats: getStats(analysis),
    },
    analysis,
  };
}

/** A schema problem as a finding: located by its JSON path, and by its node when it sits in one. */
export function toSchemaFinding(issue: SchemaIssue): Finding {
  return createPseudoFinding('schema', 'error', toIssueText(issue), {
    jsonPath: issue.path,
    ...(issue.nodeId !== undefined ? { nodeId: issue.nodeId } : {}),
  });
}

/** The result for input that is not a flow (or could not be made one): its findings only, no stats. */
export function toUnparsedResult(findings: Finding[], options: LintOptions = {}): LintResult {
  return { ...(options.file !== undefined ? { file: options.file } : {}), findings, ...countFindings(findings), stats: null };
}

/** Validates and lints untrusted input (a parsed JSON file); never throws on bad input. */
export function lintFlow(input: unknown, options: LintOptions = {}): LintResult {
  const parsed = parseFlow(input);
  if (!parsed.ok) return toUnparsedResult(parsed.issues.map(toSchemaFinding), options);
  return lintParsedFlow(parsed.flow, options).result;
}
