import { useMemo } from 'react';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';

/** What the validator says about this node; a finding with a counterexample can highlight it on the canvas. */
export function NodeFindings({ id }: { id: string }) {
  const store = useDesignerStore();
  const findings = useDesigner((state) => state.findings);
  // Indexes into the store's list, which `selectFinding` takes.
  const mine = useMemo(() => findings.flatMap((finding, index) => (finding.nodeId === id ? [{ finding, index }] : [])), [findings, id]);
  return (
    <section className="insp-findings" aria-label="Findings for this node" data-testid="inspector-findings">
      {mine.length === 0 ? (
        <p className="insp-muted">No findings for this node.</p>
      ) : (
        <ul>
          {mine.map(({ finding, index }) => (
            <li key={index} className={`insp-finding insp-sev-${finding.severity}`}>
              <span className="insp-rule">{finding.ruleId}</span> {finding.message}
              {finding.path && (
                <button type="button" className="insp-link" onClick={() => store.getState().selectFinding(index)}>
                  show path
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
