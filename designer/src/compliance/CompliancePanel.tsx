import { useReactFlow } from '@xyflow/react';
import { CircleCheck, CircleHelp, CircleX, Download, ExternalLink } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toWords } from '../../../core/graph/path.ts';
import type { Finding } from '../../../core/lint/types.ts';
import { PROFILES } from '../../../core/profiles/index.ts';
import type { MeasuredEvidence } from '../../../core/profiles/measures.ts';
import type { FlowReport, ProfileReport, RequirementReport, RequirementStatus } from '../../../core/report/types.ts';
import { describeMeasure, describeProof, describeSetting, STATUS_WORDS } from '../../../core/report/words.ts';
import { api } from '../api/api-client.ts';
import { downloadText } from '../files/download.ts';
import { createComplianceReporter, getFindingFocus, getShownProfileIds, toComplianceFileName, toComplianceHtml } from '../model/compliance.ts';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import { useFiles } from '../stores/files-context.tsx';
import { useUi, useUiStore } from '../stores/ui-context.tsx';

// The open flow judged by the compliance profiles as the canvas shows it, as `humanline report` judges it;
// every requirement and finding leads to its nodes on the canvas.

const STATUS_ICONS: Record<RequirementStatus, typeof CircleCheck> = { holds: CircleCheck, fails: CircleX, 'cannot-check': CircleHelp };

/** The runtime's figures for a published flow, fetched once per flow; the report shows without them meanwhile. */
interface MeasuredState {
  flowId: string;
  evidence: MeasuredEvidence | null;
  error: string | null;
}

function useMeasured(flowId: string | null, published: boolean): MeasuredState | null {
  const [state, setState] = useState<MeasuredState | null>(null);
  useEffect(() => {
    setState(null);
    if (flowId === null || !published) return;
    let current = true;
    void api.getMeasures(flowId).then(
      (evidence) => current && setState({ flowId, evidence, error: null }),
      (error: unknown) => current && setState({ flowId, evidence: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [flowId, published]);
  return state !== null && state.flowId === flowId ? state : null;
}

function StatusBadge({ status }: { status: RequirementStatus }) {
  const Icon = STATUS_ICONS[status];
  return (
    <span className={`hl-requirement-status is-${status}`}>
      <Icon size={13} aria-hidden="true" />
      {STATUS_WORDS[status]}
    </span>
  );
}

function FindingItem({ finding, onChoose }: { finding: Finding; onChoose: (finding: Finding) => void }) {
  return (
    <li>
      <button type="button" className="hl-compliance-finding" onClick={() => onChoose(finding)} data-testid="compliance-finding">
        <span>{finding.message}</span>
        {finding.nodeId !== undefined && <code>{finding.nodeId}</code>}
        {finding.path && <span className="hl-compliance-path">{toWords(finding.path)}</span>}
      </button>
    </li>
  );
}

function RequirementItem({ requirement, period, onNodes, onFinding }: { requirement: RequirementReport; period: FlowReport['period']; onNodes: (ids: string[]) => void; onFinding: (finding: Finding) => void }) {
  const nodeIds = requirement.nodes.map((node) => node.id);
  const nodesTitle = nodeIds.length === 0 ? 'No node concerned' : `Show on the canvas: ${nodeIds.join(', ')}`;
  return (
    <li className={`hl-requirement is-${requirement.status}`} data-requirement={requirement.id} data-status={requirement.status}>
      <button type="button" className="hl-requirement-main" title={nodesTitle} disabled={nodeIds.length === 0} onClick={() => onNodes(nodeIds)}>
        <span className="hl-requirement-id">{requirement.id}</span>
        <span className="hl-requirement-title">{requirement.title}</span>
        <StatusBadge status={requirement.status} />
      </button>
      <p className="hl-requirement-text">{requirement.text}</p>
      <ul className="hl-evidence">
        {requirement.rules.map((rule) => (
          <li key={rule.ruleId}>
            Rule <code>{rule.ruleId}</code> ({describeSetting(rule)}): {rule.status}
            {rule.proof && <span className="hl-evidence-proof">Proven: {describeProof(rule.proof)}</span>}
            {rule.findings.length > 0 && (
              <ul>
                {rule.findings.map((finding, index) => (
                  <FindingItem key={index} finding={finding} onChoose={onFinding} />
                ))}
              </ul>
            )}
          </li>
        ))}
        {requirement.measures.map((measure) => (
          <li key={measure.measureId} data-measure={measure.measureId}>
            Measure <code>{measure.measureId}</code>: {describeMeasure(measure, period)}
          </li>
        ))}
        {requirement.cannotCheck !== null && <li className="hl-evidence-cannot">Cannot be checked: {requirement.cannotCheck}</li>}
      </ul>
    </li>
  );
}

function ProfileSection({ profile, period, onNodes, onFinding }: { profile: ProfileReport; period: FlowReport['period']; onNodes: (ids: string[]) => void; onFinding: (finding: Finding) => void }) {
  const { text, version, url } = profile.follows;
  return (
    <section className="hl-compliance-profile" data-profile={profile.id} aria-label={profile.title}>
      <h3>{profile.title}</h3>
      <p className="hl-compliance-meta">
        Follows {text}, version {version} ({profile.status}).
        {url !== undefined && (
          <>
            {' '}
            <a href={url} target="_blank" rel="noreferrer">
              The text <ExternalLink size={11} aria-hidden="true" />
            </a>
          </>
        )}
        {profile.complianceBy !== null && <> Compliance by {profile.complianceBy}.</>}
      </p>
      <p className="hl-compliance-counts">
        <span className="is-holds">
          {STATUS_WORDS.holds} {profile.counts.holds}
        </span>
        <span className="is-fails">
          {STATUS_WORDS.fails} {profile.counts.fails}
        </span>
        <span className="is-cannot-check">
          {STATUS_WORDS['cannot-check']} {profile.counts.cannotCheck}
        </span>
      </p>
      <ul className="hl-requirements">
        {profile.requirements.map((requirement) => (
          <RequirementItem key={requirement.id} requirement={requirement} period={period} onNodes={onNodes} onFinding={onFinding} />
        ))}
      </ul>
    </section>
  );
}

function MeasuredNote({ published, measured }: { published: boolean; measured: MeasuredState | null }) {
  let note = 'Not published: the measures read "not measured" until real calls come in.';
  if (published && measured === null) note = 'Fetching the measures of real calls…';
  else if (measured?.error) note = `Measures unavailable: ${measured.error}`;
  else if (measured?.evidence) {
    const { calls, from, to } = measured.evidence;
    note = calls === 0 ? 'No calls in the last 30 days: the measures read "not measured".' : `Measured over the ${calls} calls from ${from.slice(0, 10)} to ${to.slice(0, 10)}.`;
  }
  return (
    <p className={`hl-compliance-note${measured?.error ? ' is-error' : ''}`} data-testid="compliance-measured">
      {note}
    </p>
  );
}

export function CompliancePanel() {
  const store = useDesignerStore();
  const ui = useUiStore();
  const flowId = useDesigner((state) => state.flowId);
  const flow = useDesigner((state) => state.flow);
  const chosen = useUi((state) => state.complianceProfiles);
  const published = useFiles((state) => state.flows.some((entry) => entry.id === flowId && entry.published));
  const measured = useMeasured(flowId, published);
  const { fitView } = useReactFlow();
  const [getFlowCompliance] = useState(createComplianceReporter);

  const shown = getShownProfileIds(flow, chosen);
  // With no calls the figures would read "0 calls"; left out, they read "not measured".
  const evidence = measured?.evidence && measured.evidence.calls > 0 ? measured.evidence : null;
  const report = getFlowCompliance(flowId, flow, shown, evidence);

  const show = (nodeIds: string[], path: string[]) => {
    store.getState().highlight(nodeIds, path);
    const inView = path.length > 0 ? path : nodeIds;
    if (inView.length > 0) void fitView({ nodes: inView.map((id) => ({ id })), padding: 0.3, duration: 300, maxZoom: 1.2 });
  };
  const onNodes = (nodeIds: string[]) => show(nodeIds, nodeIds);
  const onFinding = (finding: Finding) => {
    const focus = getFindingFocus(finding);
    show(focus.nodeIds, focus.path);
  };
  const toggle = (id: string) => ui.getState().chooseComplianceProfiles(shown.includes(id) ? shown.filter((each) => each !== id) : [...shown, id]);
  const download = () => downloadText(toComplianceFileName(flowId), toComplianceHtml(report, new Date().toISOString()), 'text/html');

  return (
    <section className="hl-compliance" aria-label="Compliance" data-testid="compliance">
      <div className="hl-compliance-head">
        <fieldset className="hl-compliance-choice">
          <legend>Profiles</legend>
          {PROFILES.map((profile) => (
            <label key={profile.id}>
              <input type="checkbox" checked={shown.includes(profile.id)} onChange={() => toggle(profile.id)} />
              {profile.title}
            </label>
          ))}
        </fieldset>
        <button type="button" className="hl-compliance-download" onClick={download} disabled={report.profiles.length === 0}>
          <Download size={14} aria-hidden="true" />
          Download report
        </button>
      </div>
      <MeasuredNote published={published} measured={measured} />
      {report.profiles.length === 0 && <p className="hl-compliance-note">Choose a profile to judge the flow by.</p>}
      {report.profiles.map((profile) => (
        <ProfileSection key={profile.id} profile={profile} period={report.period} onNodes={onNodes} onFinding={onFinding} />
      ))}
    </section>
  );
}
