import { splitRuleSetting, type ProjectConfig } from '../lint/config.ts';
import { lintSource } from '../lint/lint-source.ts';
import { getMaxSteps, lintParsedFlow } from '../lint/linter.ts';
import { RULES, RULES_BY_ID } from '../lint/registry.ts';
import type { RuleProof } from '../lint/rule.ts';
import type { Finding } from '../lint/types.ts';
import { MEASURES, type MeasuredEvidence, type MeasureId } from '../profiles/measures.ts';
import type { Profile, Requirement } from '../profiles/types.ts';
import type { Flow, RuleSetting, RuleSettings } from '../schema/flow.ts';
import type { Analysis } from '../solver/analyze.ts';
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

/**
 * Lints one flow as few times as the settings allow: every rule at its first setting in one run, a rule
 * set differently by another requirement in a second run, and so on. The flow's own `rules` and `extends`
 * are dropped, so a requirement is judged at exactly the profile's settings.
 */
function createRuleRunner(flow: Flow, runs: readonly RuleRun[], projectMaxSteps: number | undefined) {
  const judged: Flow = { ...flow };
  delete judged.rules;
  delete judged.extends;
  const config: ProjectConfig = projectMaxSteps === undefined ? {} : { maxSteps: projectMaxSteps };
  const maxSteps = getMaxSteps(judged, { config });

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

  const findingsByKey = new Map<string, Finding[]>();
  let analysis: Analysis | undefined;
  for (const batch of batches) {
    // Only the batch's rules run: the others are off, whatever their default.
    const rules: RuleSettings = Object.fromEntries(RULES.map((rule) => [rule.id, batch.get(rule.id) ?? 'off']));
    const linted = lintParsedFlow(judged, { config: { ...config, rules }, ...(analysis ? { previousAnalysis: analysis } : {}) });
    analysis = linted.analysis;
    const configProblem = linted.result.findings.find((finding) => finding.ruleId === 'config');
    // Profiles are ours: a setting the linter refuses is a bug in them, not a finding about the flow.
    if (configProblem) throw new Error(`a profile's rule settings are invalid: ${configProblem.message}`);
    for (const [ruleId, setting] of batch) {
      findingsByKey.set(toRunKey(ruleId, setting), linted.result.findings.filter((finding) => finding.ruleId === ruleId));
    }
  }

  return (ruleId: string, setting: RuleSetting): RuleEvidence => {
    const { severity, options } = splitRuleSetting(setting);
    const findings = findingsByKey.get(toRunKey(ruleId, setting)) ?? [];
    const rule = RULES_BY_ID.get(ruleId);
    let proof: RuleProof | null = null;
    if (findings.length === 0 && rule?.prove && analysis) {
      proof = rule.prove({ flow: judged, analysis, options: rule.meta.options.parse(options ?? {}), maxSteps }) ?? null;
    }
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

function getNodes(flow: Flow, rules: readonly RuleEvidence[]): ReportNode[] {
  const ids: string[] = [];
  const add = (id: string | undefined) => {
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  };
  for (const rule of rules) {
    for (const finding of rule.findings) {
      add(finding.nodeId);
      for (const step of finding.path?.steps ?? []) add(step.nodeId);
    }
    add(rule.proof?.nodeId);
    for (const step of rule.proof?.path?.steps ?? []) add(step.nodeId);
  }
  return ids.map((id) => ({ id, label: flow.nodes[id]?.label ?? null }));
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

function toFlowReport(source: ReportSource, options: BuildReportOptions): FlowReport {
  const measured = options.measured?.get(source.flowId);
  const period = measured ? { from: measured.from, to: measured.to, calls: measured.calls } : null;
  if (!('flow' in source)) {
    return { file: source.file, flowId: source.flowId, flowName: null, problems: source.problems, period, profiles: [] };
  }
  const { flow } = source;
  const runs = options.profiles.flatMap((profile) => profile.requirements.flatMap(getOnRules));
  const getRuleEvidence = createRuleRunner(flow, runs, options.maxSteps);
  const profiles = options.profiles.map((profile): ProfileReport => {
    const requirements = profile.requirements.map((requirement): RequirementReport => {
      const rules = getOnRules(requirement).map((run) => getRuleEvidence(run.ruleId, run.setting));
      const measures = (requirement.measures ?? []).map((measureId) => toMeasureEvidence(requirement, measureId, measured));
      return {
        id: requirement.id,
        title: requirement.title,
        text: requirement.text,
        status: getStatus(rules, measures),
        rules,
        measures,
        cannotCheck: requirement.cannotCheck ?? null,
        nodes: getNodes(flow, rules),
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
  return { file: source.file, flowId: source.flowId, flowName: flow.name, problems: [], period, profiles };
}

/** Per flow, per profile, per requirement: holds, fails or cannot be checked, with the evidence for it. */
export function buildComplianceReport(options: BuildReportOptions): ComplianceReport {
  return { generatedAt: options.generatedAt, flows: options.flows.map((source) => toFlowReport(source, options)) };
}

/** Whether any requirement of any flow fails: what the command's exit code says. */
export function hasFailingRequirement(report: ComplianceReport): boolean {
  return report.flows.some((flow) => flow.profiles.some((profile) => profile.counts.fails > 0));
}

/** Parsed JSON from a file as a report source: imported and parsed as `lint` does, with no rule run. */
export function toReportSource(data: unknown, file: string, flowId: string): ReportSource {
  const rules: RuleSettings = Object.fromEntries(RULES.map((rule) => [rule.id, 'off']));
  const { result, flow } = lintSource(data, { file, config: { rules } });
  return flow ? { file, flowId, flow } : { file, flowId, problems: result.findings };
}
