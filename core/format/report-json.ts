import type { RuleProof } from '../lint/rule.ts';
import type { ComplianceReport, MeasureEvidence, RequirementReport, RuleEvidence } from '../report/types.ts';
import { toJsonFinding, toJsonPath } from './json.ts';

// Every object is copied field by field, so the key order never depends on the solver or the profiles.

function toJsonProof(proof: RuleProof | null) {
  if (proof === null) return null;
  return { bound: proof.bound, limit: proof.limit, unit: proof.unit, nodeId: proof.nodeId, path: proof.path ? toJsonPath(proof.path) : null };
}

function toJsonRule(rule: RuleEvidence) {
  return {
    ruleId: rule.ruleId,
    severity: rule.severity,
    options: rule.options,
    status: rule.status,
    findings: rule.findings.map(toJsonFinding),
    proof: toJsonProof(rule.proof),
  };
}

function toJsonMeasure(measure: MeasureEvidence) {
  return {
    measureId: measure.measureId,
    description: measure.description,
    value: measure.value,
    calls: measure.calls,
    threshold: measure.threshold ? { comparison: measure.threshold.comparison, value: measure.threshold.value, unit: measure.threshold.unit } : null,
    verdict: measure.verdict,
  };
}

function toJsonRequirement(requirement: RequirementReport) {
  return {
    id: requirement.id,
    title: requirement.title,
    text: requirement.text,
    status: requirement.status,
    rules: requirement.rules.map(toJsonRule),
    measures: requirement.measures.map(toJsonMeasure),
    cannotCheck: requirement.cannotCheck,
    nodes: requirement.nodes.map((node) => ({ id: node.id, label: node.label })),
  };
}

export function toJsonComplianceReport(report: ComplianceReport) {
  return {
    generatedAt: report.generatedAt,
    flows: report.flows.map((flow) => ({
      file: flow.file,
      flowId: flow.flowId,
      flowName: flow.flowName,
      problems: flow.problems.map(toJsonFinding),
      // only a flow of a line can link out: the key is left out, not empty, for the flows judged alone
      ...(flow.missingLinks.length > 0 ? { missingLinks: flow.missingLinks.map(toJsonFinding) } : {}),
      period: flow.period ? { from: flow.period.from, to: flow.period.to, calls: flow.period.calls } : null,
      profiles: flow.profiles.map((profile) => ({
        id: profile.id,
        title: profile.title,
        status: profile.status,
        follows: { text: profile.follows.text, version: profile.follows.version, url: profile.follows.url ?? null },
        complianceBy: profile.complianceBy,
        counts: { holds: profile.counts.holds, fails: profile.counts.fails, cannotCheck: profile.counts.cannotCheck },
        requirements: profile.requirements.map(toJsonRequirement),
      })),
    })),
  };
}

/** The compliance report for machines and golden tests: stable key order, two-space indent. */
export function formatReportJson(report: ComplianceReport): string {
  return `${JSON.stringify(toJsonComplianceReport(report), null, 2)}\n`;
}
