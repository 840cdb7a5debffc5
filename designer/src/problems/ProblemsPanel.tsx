import { useEffect, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { CornerDownRight } from 'lucide-react';
import { toWords } from '../../../core/graph/path.ts';
import { countOf } from '../../../core/format/words.ts';
import type { Finding } from '../../../core/lint/types.ts';
import { toLineFlowId } from '../../../core/lint/line.ts';
import { toOpenFile } from '../model/line.ts';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import { useFiles } from '../stores/files-context.tsx';
import { useUi, useUiStore } from '../stores/ui-context.tsx';

/** One finding in a row; a consequence sits under the finding that causes it. */
function ProblemRow({ finding, consequence, onChoose, onReplay }: { finding: Finding; consequence: boolean; onChoose: () => void; onReplay?: () => void }) {
  return (
    <li className={`hl-problem is-${finding.severity}${consequence ? ' is-consequence' : ' is-root'}`} data-rule={finding.ruleId}>
      <button type="button" className="hl-problem-main" onClick={onChoose}>
        <span className="hl-problem-severity">
          {consequence && <CornerDownRight className="hl-problem-from" size={12} aria-label="caused by the finding above" />}
          {finding.severity}
        </span>
        <span className="hl-problem-rule">{finding.ruleId}</span>
        <span className="hl-problem-node">{finding.nodeId ?? ''}</span>
        <span className="hl-problem-message">{finding.message}</span>
        {finding.path && <span className="hl-problem-path">{toWords(finding.path)}</span>}
      </button>
      {onReplay && (
        <button type="button" className="hl-problem-replay" title="Step through this walk in the simulator" onClick={onReplay}>
          Replay
        </button>
      )}
    </li>
  );
}

/** What the last import could not map, listed here so the notice above the canvas stays one line. */
function ImportNotes({ notes }: { notes: readonly Finding[] }) {
  const store = useDesignerStore();
  return (
    <>
      <h4 className="hl-problems-sub">Import notes ({countOf(notes.length, 'note')})</h4>
      <ul data-testid="import-notes">
        {notes.map((note, index) => (
          <li key={index} className={`hl-problem is-${note.severity} is-root`} data-rule={note.ruleId}>
            <button type="button" className="hl-problem-main" onClick={() => note.nodeId !== undefined && store.getState().select({ nodeIds: [note.nodeId] })}>
              <span className="hl-problem-severity">{note.severity}</span>
              <span className="hl-problem-rule">{note.ruleId}</span>
              <span className="hl-problem-node">{note.nodeId ?? ''}</span>
              <span className="hl-problem-message">{note.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The findings of the flow being edited, each group led by the finding to fix
 * (an unconnected exit) with what it causes under it; choosing one selects its
 * node and highlights its counterexample.
 */
export function ProblemsPanel() {
  const store = useDesignerStore();
  const ui = useUiStore();
  const findings = useDesigner((state) => state.findings);
  const groups = useDesigner((state) => state.findingGroups);
  const errorCount = useDesigner((state) => state.errorCount);
  const warningCount = useDesigner((state) => state.warningCount);
  const checkingLine = useDesigner((state) => (state.lineStatus === 'checking' ? state.unloadedLinks.join(', ') : null));
  const openFile = useDesigner((state) => toOpenFile(state.flowId));
  const linkedFlows = useDesigner((state) => state.linkedFlows);
  const importNotes = useFiles((state) => (state.notice?.kind === 'info' ? state.notice.findings : undefined));
  const problemsFocus = useUi((state) => state.problemsFocus);
  const section = useRef<HTMLElement>(null);
  const { fitView } = useReactFlow();

  // A notice's "Show in Problems" brings the panel into view and reading order.
  useEffect(() => {
    if (problemsFocus === 0 || !section.current) return;
    section.current.scrollIntoView({ block: 'nearest' });
    section.current.scrollTop = 0;
    section.current.focus({ preventScroll: true });
  }, [problemsFocus]);

  const choose = (index: number) => {
    store.getState().selectFinding(index);
    const { highlightedPath } = store.getState();
    if (highlightedPath.length > 0) void fitView({ nodes: highlightedPath.map((id) => ({ id })), padding: 0.3, duration: 300, maxZoom: 1.2 });
  };

  const toRow = (index: number, consequence: boolean) => {
    const finding = findings[index]!;
    // a walk into a linked flow is replayed through the goto, as a simulated call goes on there, when that flow is loaded
    const replay = finding.path?.steps.every((step) => step.file === undefined || step.file === openFile || linkedFlows.get(toLineFlowId(step.file)) != null)
      ? () => {
          choose(index);
          ui.getState().requestReplay({ path: finding.path!, ruleId: finding.ruleId, message: finding.message });
        }
      : undefined;
    return <ProblemRow key={`${finding.ruleId}:${finding.nodeId ?? ''}:${index}`} finding={finding} consequence={consequence} onChoose={() => choose(index)} {...(replay ? { onReplay: replay } : {})} />;
  };

  return (
    <section className="hl-problems" data-testid="problems" aria-label="Problems" tabIndex={-1} ref={section}>
      <h3>
        Problems <span className="hl-count is-error">{countOf(errorCount, 'error')}</span> <span className="hl-count is-warning">{countOf(warningCount, 'warning')}</span>
      </h3>
      {importNotes && importNotes.length > 0 && <ImportNotes notes={importNotes} />}
      {checkingLine !== null && (
        <p className="hl-problems-checking" role="status">
          Checking the line: loading {checkingLine}… Links to other flows are judged once they are loaded.
        </p>
      )}
      {findings.length === 0 ? (
        checkingLine !== null ? null : (
        <p className="hl-problems-none">No problems: every caller reaches a person.</p>
        )
      ) : (
        <ul>{groups.flatMap((group) => [toRow(group.root, false), ...group.consequences.map((index) => toRow(index, true))])}</ul>
      )}
    </section>
  );
}
