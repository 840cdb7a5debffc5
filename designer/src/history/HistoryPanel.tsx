import { Eye, GitCompareArrows, RotateCcw, Undo2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toFlowFileText } from '../../../core/schema/flow-file-text.ts';
import { useDesigner } from '../stores/designer-context.tsx';
import { useFiles, useFilesStore } from '../stores/files-context.tsx';
import { DiffView } from './DiffView.tsx';

// The open flow's publishes: when, who, the note, the number; open one
// read-only, put one back live, or drop the draft. Two ticked versions, or
// the canvas against what is live, show their diff in caller terms.

/** The two versions ticked for comparison, older first; ticking a third drops the oldest tick. */
function toggleSelected(selected: number[], version: number): number[] {
  if (selected.includes(version)) return selected.filter((each) => each !== version);
  return [...selected, version].slice(-2);
}

export function HistoryPanel() {
  const files = useFilesStore();
  const flowId = useDesigner((state) => state.flowId);
  const versions = useFiles((state) => state.versions);
  const viewed = useFiles((state) => state.viewedVersion);
  const busy = useFiles((state) => state.busy);
  const entry = useFiles((state) => state.flows.find((each) => each.id === flowId));
  const dirty = useDesigner((state) => state.dirty);
  const comparison = useFiles((state) => state.comparison);
  const [selected, setSelected] = useState<number[]>([]);

  useEffect(() => {
    setSelected([]);
    files.getState().closeVersion();
    files.getState().closeComparison();
    void files.getState().loadVersions();
  }, [files, flowId]);

  const [older, newer] = [...selected].sort((a, b) => a - b);
  useEffect(() => {
    if (older !== undefined && newer !== undefined) void files.getState().compareVersions(older, newer);
    else if (files.getState().comparison?.kind === 'versions') files.getState().closeComparison();
  }, [files, older, newer]);

  if (flowId === null) return <p className="hl-history-empty">Save the flow first: its history starts with its first publish.</p>;
  const canDiscard = entry?.draft === true && entry.published;
  // what is on the canvas differs from what is live: a saved draft, or edits not saved yet
  const canCompareDraft = entry?.published === true && (entry.draft || dirty) && versions !== null && versions.length > 0;
  const compareDraft = () => {
    setSelected([]);
    void files.getState().compareWithLive();
  };
  const closeComparison = () => {
    setSelected([]);
    files.getState().closeComparison();
  };

  return (
    <section className="hl-history" aria-label="History">
      <div className="hl-history-actions">
        <button
          type="button"
          disabled={!canDiscard || busy}
          title={canDiscard ? 'Drop the unpublished changes: the flow returns to what is published' : 'No draft beside a published version'}
          onClick={() => window.confirm(`Discard the draft of ${flowId}? Its unpublished changes are lost.`) && void files.getState().discardDraft()}
        >
          <Undo2 size={14} aria-hidden /> Discard draft
        </button>
        {canCompareDraft && (
          <button type="button" disabled={busy} title="What changes for callers if the canvas's flow is published" onClick={compareDraft}>
            <GitCompareArrows size={14} aria-hidden /> Compare draft with published
          </button>
        )}
      </div>

      {versions === null ? (
        <p className="hl-history-empty">Loading…</p>
      ) : versions.length === 0 ? (
        <p className="hl-history-empty">Not published yet.</p>
      ) : (
        <ol className="hl-history-list">
          {versions.map((version, index) => (
            <li key={version.version} data-version={version.version} className={index === 0 ? 'is-live' : undefined}>
              <label className="hl-history-pick" title="Select two versions to compare">
                <input type="checkbox" checked={selected.includes(version.version)} onChange={() => setSelected(toggleSelected(selected, version.version))} aria-label={`Select v${version.version}`} />
                <strong>v{version.version}</strong>
              </label>
              <span className="hl-history-by">{version.by}</span>
              <time dateTime={version.publishedAt}>{new Date(version.publishedAt).toLocaleString()}</time>
              {index === 0 && <span className="hl-tag is-published">live</span>}
              {version.note !== undefined && <p className="hl-history-note">{version.note}</p>}
              <div className="hl-history-row-actions">
                <button type="button" onClick={() => void files.getState().openVersion(version.version)} title={`View v${version.version} read-only`}>
                  <Eye size={14} aria-hidden /> Open
                </button>
                <button
                  type="button"
                  disabled={index === 0 || busy}
                  title={index === 0 ? 'This version is live' : `Publish v${version.version} again (it must still pass the checks)`}
                  onClick={() => window.confirm(`Roll ${flowId} back to v${version.version}? Calls from then on get that version.`) && void files.getState().rollback(version.version)}
                >
                  <RotateCcw size={14} aria-hidden /> Rollback
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {comparison !== null && <DiffView comparison={comparison} onClose={closeComparison} />}
      {viewed !== null && (
        <div className="hl-history-view" data-testid="history-view">
          <div className="hl-history-view-head">
            <strong>
              v{viewed.version}, read-only
            </strong>
            <button type="button" onClick={() => files.getState().closeVersion()}>
              Close
            </button>
          </div>
          <pre>{toFlowFileText(viewed.flow)}</pre>
        </div>
      )}
    </section>
  );
}
