import { useReactFlow } from '@xyflow/react';
import { toWords } from '../../../core/graph/path.ts';
import { countOf } from '../../../core/format/words.ts';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import { useUiStore } from '../stores/ui-context.tsx';

/** The findings of the flow being edited; choosing one selects its node and highlights its counterexample. */
export function ProblemsPanel() {
  const store = useDesignerStore();
  const ui = useUiStore();
  const findings = useDesigner((state) => state.findings);
  const errorCount = useDesigner((state) => state.errorCount);
  const warningCount = useDesigner((state) => state.warningCount);
  const { fitView } = useReactFlow();

  const choose = (index: number) => {
    store.getState().selectFinding(index);
    const { highlightedPath } = store.getState();
    if (highlightedPath.length > 0) void fitView({ nodes: highlightedPath.map((id) => ({ id })), padding: 0.3, duration: 300, maxZoom: 1.2 });
  };

  return (
    <section className="hl-problems" data-testid="problems" aria-label="Problems">
      <h3>
        Problems <span className="hl-count is-error">{countOf(errorCount, 'error')}</span> <span className="hl-count is-warning">{countOf(warningCount, 'warning')}</span>
      </h3>
      {findings.length === 0 ? (
        <p className="hl-problems-none">No problems: every caller reaches a person.</p>
      ) : (
        <ul>
          {findings.map((finding, index) => (
            <li key={`${finding.ruleId}:${finding.nodeId ?? ''}:${index}`} className={`hl-problem is-${finding.severity}`} data-rule={finding.ruleId}>
              <button type="button" className="hl-problem-main" onClick={() => choose(index)}>
                <span className="hl-problem-severity">{finding.severity}</span>
                <span className="hl-problem-rule">{finding.ruleId}</span>
                {finding.nodeId !== undefined && <span className="hl-problem-node">{finding.nodeId}</span>}
                <span className="hl-problem-message">{finding.message}</span>
                {finding.path && <span className="hl-problem-path">{toWords(finding.path)}</span>}
              </button>
              {finding.path && (
                <button
                  type="button"
                  className="hl-problem-replay"
                  title="Step through this walk in the simulator"
                  onClick={() => {
                    choose(index);
                    ui.getState().requestReplay({ path: finding.path!, ruleId: finding.ruleId, message: finding.message });
                  }}
                >
                  Replay
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
