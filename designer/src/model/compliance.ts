import { formatReportHtml } from '../../../core/format/report-html.ts';
import { toNodeIds } from '../../../core/graph/path.ts';
import type { Finding } from '../../../core/lint/types.ts';
import { PROFILES, PROFILES_BY_ID } from '../../../core/profiles/index.ts';
import type { MeasuredEvidence } from '../../../core/profiles/measures.ts';
import type { Profile } from '../../../core/profiles/types.ts';
import { buildComplianceReport } from '../../../core/report/build.ts';
import type { FlowReport } from '../../../core/report/types.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { haveSameFindings } from './findings.ts';

// The compliance report of the flow on the canvas, as `humanline report` makes it, recomputed as it is edited.

/** The profiles the panel judges by: the user's choice this session, else the flow's own `extends`, else every shipped one. */
export function getShownProfileIds(flow: Flow, chosen: readonly string[] | null): string[] {
  if (chosen !== null) return PROFILES.map((profile) => profile.id).filter((id) => chosen.includes(id));
  if (flow.extends !== undefined && flow.extends.length > 0) return PROFILES.map((profile) => profile.id).filter((id) => flow.extends!.includes(id));
  return PROFILES.map((profile) => profile.id);
}

/** The file name the report is stored under, as `humanline report` names a flow: its id, or "untitled" before it is saved. */
const toReportFile = (flowId: string | null) => `${flowId ?? 'untitled'}.json`;

interface CachedReport {
  flow: Flow;
  key: string;
  report: FlowReport;
}

export type GetFlowCompliance = (flowId: string | null, flow: Flow, profileIds: readonly string[], measured: MeasuredEvidence | null) => FlowReport;

/**
 * A function giving the report of `flow` against the profiles `profileIds`, with the period's measures when given.
 * It keeps the last report: the same flow object, or one only dragged (positions differ), reuses it; an edit makes a new one.
 * One per panel, so two designers on a page never share it.
 */
export function createComplianceReporter(): GetFlowCompliance {
  let cached: CachedReport | null = null;
  return (flowId, flow, profileIds, measured) => {
    const key = JSON.stringify([flowId, profileIds, measured]);
    if (cached !== null && cached.key === key && haveSameFindings(cached.flow, flow)) {
      cached = { ...cached, flow };
      return cached.report;
    }
    const profiles = profileIds.map((id) => PROFILES_BY_ID.get(id)).filter((profile): profile is Profile => profile !== undefined);
    const reportFlowId = flowId ?? 'untitled';
    const report = buildComplianceReport({
      flows: [{ file: toReportFile(flowId), flowId: reportFlowId, flow }],
      profiles,
      ...(measured ? { measured: new Map([[reportFlowId, measured]]) } : {}),
      // The panel shows no date; the downloaded file states its own (see toComplianceHtml).
      generatedAt: '',
    }).flows[0]!;
    cached = { flow, key, report };
    return report;
  };
}

/** What choosing a finding shows on the canvas: its node selected, its counterexample highlighted. */
export function getFindingFocus(finding: Finding): { nodeIds: string[]; path: string[] } {
  const nodeIds = finding.nodeId === undefined ? [] : [finding.nodeId];
  return { nodeIds, path: finding.path ? toNodeIds(finding.path) : nodeIds };
}

/** The downloadable report: the same `humanline report --format html` makes for this flow, stamped `generatedAt`. */
export function toComplianceHtml(report: FlowReport, generatedAt: string): string {
  return formatReportHtml({ generatedAt, flows: [report] });
}

export const toComplianceFileName = (flowId: string | null) => `${flowId ?? 'untitled'}-compliance.html`;
