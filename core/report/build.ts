import type { ImportOptions } from '../import/index.ts';
import { splitRuleSetting, type ProjectConfig } from '../lint/config.ts';
import { MISSING_FLOW_MESSAGES } from '../lint/findings.ts';
import { lintSource } from '../lint/lint-source.ts';
import { getMaxSteps, lintParsedFlow } from '../lint/linter.ts';
import { RULES, RULES_BY_ID } from '../lint/registry.ts';
import { createLine, hasLinks, judgeLine, type LineSource } from '../lint/line.ts';
import type { Rule, RuleProof } from '../lint/rule.ts';
import type { Finding } from '../lint/types.ts';
import { MEASURES, type MeasuredEvidence, type MeasureId } from '../profiles/measures.ts';
import type { Profile, Requirement } from '../profiles/types.ts';
import type { Flow, RuleSetting, RuleSettings } from '../schema/flow.ts';
import { analyzeFlow, type Analysis } from '../solver/analyze.ts';
import type {
  ComplianceReport,
  FlowReport,
  MeasureEvidence,
  ProfileReport,
  ReportNode,
  RequirementReport,
  RequirementStatus,
  RuleEvidence,
  StatusCounts,
} from './types.ts';

/** A file to report on: a parsed flow, or the findings that say why it is not one. */
export type ReportSource = { file: string; flowId: string; flow: Flow } | { file: string; flowId: string; problems: Finding[] };

export interface BuildReportOptions {
  flows: readonly ReportSource[];
  profiles: readonly Profile[];
  /** run-time evidence for the period, by flow id */
  measured?: ReadonlyMap<string, MeasuredEvidence>;
  /** ISO instant the report states it was made at (passed in: the report is a pure function of its input) */
  generatedAt: string;
  /** the project's step budget, for flows that set none */
  maxSteps?: number;
}

/** One rule at one setting: two profiles may set one rule differently (ES-4 and CA-2 with seconds-to-person). */
interface RuleRun {
  ruleId: string;
  setting: RuleSetting;
}

const toRunKey = (ruleId: string, setting: RuleSetting) => `${ruleId} ${JSON.stringify(splitRuleSetting(setting))}`;

/** What one rule at one setting shows: the evidence a requirement cites. */
type RuleRunner = (ruleId: string, setting: RuleSetting) => RuleEvidence;

/** What a rule that holds proves, given its parsed options; undefined when nothing finite. */
type Prover = (rule: Rule<any>, options: unknown) => RuleProof | undefined;

/**
 * The runs as few batches as the settings allow: every rule at its first setting in one batch, a rule
 * set differently by another requirement in a second batch, and so on.
 */
function toBatches(runs: readonly RuleRun[]): Array<Map<string, RuleSetting>> {
  const batches: Array<Map<string, RuleSetting>> = [];
  const seen = new Set<string>();
  for (const run of runs) {
    const key = toRunKey(run.ruleId, run.setting);
    if (seen.has(key)) continue;
    seen.add(key);
    let batch = batches.find((candidate) => !candidate.has(run.ruleId));
    if (batch === undefined) {
      batch = new Map();
      batches.push(batch);
    }
    batch.set(run.ruleId, run.setting);
  }
  return batches;
}

/** Only the batch's rules run: the others are off, whatever their default. */
const toBatchRules = (batch: ReadonlyMap<string, RuleSetting>): RuleSettings => Object.fromEntries(RULES.map((rule) => [rule.id, batch.get(rule.id) ?? 'off']));

/** The flow as a requirement judges it: its own `rules` and `extends` dropped, so it is judged at exactly the profile's settings. */
function toJudgedFlow(flow: Flow): Flow {
  const judged: Flow = { ...flow };
  delete judged.rules;
  delete judged.extends;
  return judged;
}

const toConfig = (projectMaxSteps: number | undefined): ProjectConfig => (projectMaxSteps === undefined ? {} : { maxSteps: projectMaxSteps });

/** A batch's findings by run key; a setting the linter refuses is a bug in our profiles, not a finding about the flow. */
function keepBatchFindings(findingsByKey: Map<string, Finding[]>, batch: ReadonlyMap<string, RuleSetting>, findings: readonly Finding[]): void {
  const configProblem = findings.find((finding) => finding.ruleId === 'config');
  if (configProblem) throw new Error(`a profile's rule settings are invalid: ${configProblem.message}`);
  for (const [ruleId, setting] of batch) {
    findingsByKey.set(toRunKey(ruleId, setting), findings.filter((finding) => finding.ruleId === ruleId));
  }
}

function createEvidenceRunner(findingsByKey: ReadonlyMap<string, Finding[]>, prove: Prover): RuleRunner {
  return (ruleId, setting) => {
    const { severity, options } = splitRuleSetting(setting);
    const findings = findingsByKey.get(toRunKey(ruleId, setting)) ?? [];
    const rule = RULES_BY_ID.get(ruleId);
    const proof = findings.length === 0 && rule?.prove ? (prove(rule, rule.meta.options.parse(options ?? {})) ?? null) : null;
    return {
      ruleId,
      severity: severity === 'off' ? 'warn' : severity,
      options: options ?? null,
      status: findings.length > 0 ? 'fails' : 'holds',
      findings,
      proof,
    };
  };
}

/** Lints one flow alone, once per batch of settings. */
function createRuleRunner(flow: Flow, runs: readonly RuleRun[], projectMaxSteps: number | undefined): RuleRunner {
  const judged = toJudgedFlow(flow);
  const config = toConfig(projectMaxSteps);
  const maxSteps = getMaxSteps(judged, { config });
  const findingsByKey = new Map<string, Finding[]>();
  let analysis: Analysis = analyzeFlow(judged);
  for (const batch of toBatches(runs)) {
    const linted = lintParsedFlow(judged, { config: { ...config, rules: toBatchRules(batch) }, previousAnalysis: analysis });
    analysis = linted.analysis;
    keepBatchFindings(findingsByKey, batch, linted.result.findings);
  }
  return createEvidenceRunner(findingsByKey, (rule, options) => rule.prove?.({ flow: judged, analysis, options, maxSteps }));
}

/** The flows of a line and what each shows: judged on the line joined once, once per batch of settings. */
interface LineRunners {
  runners: RuleRunner[];
  /** per flow, its links to a flow or node not in the line */
  missingLinks: Finding[][];
}

const MISSING_LINK_MESSAGES = new Set([...MISSING_FLOW_MESSAGES, 'missingLinkedNode']);

function createLineRunners(sources: readonly LineSource[], runs: readonly RuleRun[], projectMaxSteps: number | undefined): LineRunners {
  const judged = sources.map((source) => ({ file: source.file, flow: toJudgedFlow(source.flow) }));
  const config = toConfig(projectMaxSteps);
  const line = createLine(judged);
  const findingsByKey = judged.map(() => new Map<string, Finding[]>());
  for (const batch of toBatches(runs)) {
    judgeLine(line, { config: { ...config, rules: toBatchRules(batch) } }).forEach(({ result }, index) => keepBatchFindings(findingsByKey[index]!, batch, result.findings));
  }
  // the link checks of missing-target alone: no profile names the rule, and the rest of it is lint's
  const linkVerdicts = judgeLine(line, { config: { ...config, rules: toBatchRules(new Map([['missing-target', 'error']])) } });
  return {
    runners: linkVerdicts.map((verdict, index) => {
      const maxSteps = getMaxSteps(judged[index]!.flow, { config });
      return createEvidenceRunner(findingsByKey[index]!, (rule, options) => verdict.prove(rule, options, maxSteps));
    }),
    missingLinks: linkVerdicts.map(({ result }) => result.findings.filter((finding) => MISSING_LINK_MESSAGES.has(finding.messageId ?? ''))),
  };
}

/** The rules a requirement names that are on; one set to off proves nothing. */
function getOnRules(requirement: Requirement): RuleRun[] {
  return Object.entries(requirement.rules)
    .filter(([, setting]) => splitRuleSetting(setting).severity !== 'off')
    .map(([ruleId, setting]) => ({ ruleId, setting }));
}

function toMeasureEvidence(requirement: Requirement, measureId: MeasureId, measured: MeasuredEvidence | undefined): MeasureEvidence {
  const threshold = requirement.thresholds?.[measureId] ?? null;
  const figure = measured?.measures[measureId];
  const base = { measureId, description: MEASURES[measureId], threshold };
  // no call counted: a count of 0 disconnects over 0 waits proves nothing either
  if (figure === undefined || figure.value === null || figure.calls === 0) {
    return { ...base, value: null, calls: figure?.calls ?? null, verdict: 'not-measured' };
  }
  let verdict: MeasureEvidence['verdict'] = 'no-threshold';
  if (threshold) {
    const meets = threshold.comparison === 'atLeast' ? figure.value >= threshold.value : figure.value <= threshold.value;
    verdict = meets ? 'meets' : 'misses';
  }
  return { ...base, value: figure.value, calls: figure.calls, verdict };
}

function getStatus(rules: readonly RuleEvidence[], measures: readonly MeasureEvidence[]): RequirementStatus {
  if (rules.some((rule) => rule.status === 'fails') || measures.some((measure) => measure.verdict === 'misses')) return 'fails';
  // A figure with no threshold shows something but proves nothing.
  if (rules.length > 0 || measures.some((measure) => measure.verdict === 'meets')) return 'holds';
  return 'cannot-check';
}

/** Every node the evidence names; across a line, another file's node as `file:id` with its label there. */
function getNodes(file: string, flowsByFile: ReadonlyMap<string, Flow>, rules: readonly RuleEvidence[]): ReportNode[] {
  const nodes: ReportNode[] = [];
  const add = (id: string | undefined, stepFile: string = file) => {
    if (id === undefined) return;
    const named = stepFile === file ? id : `${stepFile}:${id}`;
    if (!nodes.some((node) => node.id === named)) nodes.push({ id: named, label: flowsByFile.get(stepFile)?.nodes[id]?.label ?? null });
  };
  for (const rule of rules) {
    for (const finding of rule.findings) {
      add(finding.nodeId);
      for (const step of finding.path?.steps ?? []) add(step.nodeId, step.file);
    }
    add(rule.proof?.nodeId);
    for (const step of rule.proof?.path?.steps ?? []) add(step.nodeId, step.file);
  }
  return nodes;
}

function countStatuses(requirements: readonly RequirementReport[]): StatusCounts {
  const counts: StatusCounts = { holds: 0, fails: 0, cannotCheck: 0 };
  for (const { status } of requirements) {
    if (status === 'holds') counts.holds += 1;
    else if (status === 'fails') counts.fails += 1;
    else counts.cannotCheck += 1;
  }
  return counts;
}

/** How a flow is judged: its rule runner, its links to flows not reported with it, the flows its evidence may name. */
interface FlowJudge {
  getRuleEvidence: RuleRunner;
  missingLinks: Finding[];
  flowsByFile: ReadonlyMap<string, Flow>;
}

function toFlowReport(source: ReportSource, judge: FlowJudge | undefined, options: BuildReportOptions): FlowReport {
  const measured = options.measured?.get(source.flowId);
  const period = measured ? { from: measured.from, to: measured.to, calls: measured.calls } : null;
  if (!('flow' in source) || judge === undefined) {
    const problems = 'problems' in source ? source.problems : [];
    return { file: source.file, flowId: source.flowId, flowName: null, problems, missingLinks: [], period, profiles: [] };
  }
  const profiles = options.profiles.map((profile): ProfileReport => {
    const requirements = profile.requirements.map((requirement): RequirementReport => {
      const rules = getOnRules(requirement).map((run) => judge.getRuleEvidence(run.ruleId, run.setting));
      const measures = (requirement.measures ?? []).map((measureId) => toMeasureEvidence(requirement, measureId, measured));
      return {
        id: requirement.id,
        title: requirement.title,
        text: requirement.text,
        status: getStatus(rules, measures),
        rules,
        measures,
        cannotCheck: requirement.cannotCheck ?? null,
        nodes: getNodes(source.file, judge.flowsByFile, rules),
      };
    });
    return {
      id: profile.id,
      title: profile.title,
      status: profile.status,
      follows: profile.follows,
      complianceBy: profile.complianceBy ?? null,
      counts: countStatuses(requirements),
      requirements,
    };
  });
  return { file: source.file, flowId: source.flowId, flowName: source.flow.name ?? null, problems: [], missingLinks: judge.missingLinks, period, profiles };
}

/**
 * How each source is judged: alone, or, when any flow hands calls to another, every flow as one line
 * (as `lint` does), so a flow whose person is in the flow it links to is judged on where the call goes.
 */
function getFlowJudges(options: BuildReportOptions): Array<FlowJudge | undefined> {
  const runs = options.profiles.flatMap((profile) => profile.requirements.flatMap(getOnRules));
  const parsed = options.flows.flatMap((source, index) => ('flow' in source ? [{ index, file: source.file, flow: source.flow }] : []));
  const judges: Array<FlowJudge | undefined> = options.flows.map(() => undefined);
  if (!parsed.some(({ flow }) => hasLinks(flow))) {
    for (const { index, file, flow } of parsed) judges[index] = { getRuleEvidence: createRuleRunner(flow, runs, options.maxSteps), missingLinks: [], flowsByFile: new Map([[file, flow]]) };
    return judges;
  }
  const { runners, missingLinks } = createLineRunners(parsed, runs, options.maxSteps);
  const flowsByFile = new Map(parsed.map(({ file, flow }) => [file, flow]));
  parsed.forEach(({ index }, at) => {
    judges[index] = { getRuleEvidence: runners[at]!, missingLinks: missingLinks[at]!, flowsByFile };
  });
  return judges;
}

/** Per flow, per profile, per requirement: holds, fails or cannot be checked, with the evidence for it. */
export function buildComplianceReport(options: BuildReportOptions): ComplianceReport {
  const judges = getFlowJudges(options);
  return { generatedAt: options.generatedAt, flows: options.flows.map((source, index) => toFlowReport(source, judges[index], options)) };
}

/** Whether any flow links to a flow or node not in the report: a line that cannot be judged whole. */
export function hasMissingLink(report: ComplianceReport): boolean {
  return report.flows.some((flow) => flow.missingLinks.length > 0);
}

/** Whether any requirement of any flow fails: what the command's exit code says. */
export function hasFailingRequirement(report: ComplianceReport): boolean {
  return report.flows.some((flow) => flow.profiles.some((profile) => profile.counts.fails > 0));
}

/**
 * Parsed JSON from a file as a report source: imported and parsed as `lint` does, with no rule run;
 * `importOptions.links` turns an export's links to the other files of the report into gotos.
 */
export function toReportSource(data: unknown, file: string, flowId: string, importOptions: ImportOptions = {}): ReportSource {
  const rules: RuleSettings = Object.fromEntries(RULES.map((rule) => [rule.id, 'off']));
  const { result, flow } = lintSource(data, { file, config: { rules } }, importOptions);
  return flow ? { file, flowId, flow } : { file, flowId, problems: result.findings };
}
