import { Download, Footprints, Maximize, Network, Redo2, Undo2, Upload } from 'lucide-react';
import { useEffect, useState } from 'react';
import { CallButton } from '../call/CallButton.tsx';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import { useFiles, useFilesStore } from '../stores/files-context.tsx';
import { downloadText } from '../files/download.ts';
import { LAYOUT_SIZE } from '../canvas/view-options.ts';
import { useFitView } from '../canvas/use-fit-view.ts';
import { ViewTabs } from '../insights/ViewTabs.tsx';
import { PublishDialog } from '../history/PublishDialog.tsx';
import { FilePickerButton } from './FilePickerButton.tsx';

/** A number input that edits on change but keeps the user's text while it is not yet a valid value. */
function StepBudget() {
  const store = useDesignerStore();
  const maxSteps = useDesigner((state) => state.maxSteps);
  const [text, setText] = useState(String(maxSteps));
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => setText(String(maxSteps)), [maxSteps]);
  return (
    <label className="hl-budget" title="Step budget N: a person is never more than N caller steps away">
      Steps
      <input
        type="number"
        min={1}
        max={50}
        aria-label="Step budget"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          const value = Number(event.target.value);
          if (event.target.value === '') return;
          setRefused(store.getState().setMaxSteps(value) ? null : store.getState().lastError);
        }}
      />
      {refused && <span className="hl-field-error">{refused}</span>}
    </label>
  );
}

function FlowName() {
  const store = useDesignerStore();
  const name = useDesigner((state) => state.flow.name) ?? '';
  const flowId = useDesigner((state) => state.flowId);
  const [text, setText] = useState(name);
  useEffect(() => setText(name), [name]);
  return (
    <input
      className="hl-flow-name"
      aria-label="Flow name"
      value={text}
      placeholder={flowId ?? 'Flow name'}
      onChange={(event) => setText(event.target.value)}
      onBlur={() => (store.getState().setFlowName(text) ? undefined : setText(name))}
      onKeyDown={(event) => event.key === 'Enter' && (event.target as HTMLInputElement).blur()}
    />
  );
}

/** The verdict on one line whatever its length: the whole of it on hover, or under it on a click. */
function Verdict() {
  const verdict = useDesigner((state) => state.verdict);
  const errorCount = useDesigner((state) => state.errorCount);
  const [open, setOpen] = useState(false);
  const tone = errorCount === 0 ? 'is-ok' : 'is-broken';
  return (
    <div className="hl-verdict-box">
      <div
        className={`hl-verdict ${tone}`}
        data-testid="verdict"
        role="status"
        title={verdict}
        tabIndex={0}
        aria-expanded={open}
        onClick={() => setOpen((shown) => !shown)}
        onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && setOpen((shown) => !shown)}
        onBlur={() => setOpen(false)}
      >
        {errorCount === 0 ? '✓ ' : '✗ '}
        {verdict}
      </div>
      {open && <div className={`hl-verdict-full ${tone}`}>{verdict}</div>}
    </div>
  );
}

export function Header() {
  const store = useDesignerStore();
  const files = useFilesStore();
  const flowId = useDesigner((state) => state.flowId);
  const dirty = useDesigner((state) => state.dirty);
  const canUndo = useDesigner((state) => state.history.past.length > 0);
  const canRedo = useDesigner((state) => state.history.future.length > 0);
  const busy = useFiles((state) => state.busy);
  const fitCanvas = useFitView();
  const [publishing, setPublishing] = useState(false);

  return (
    <header className="hl-header">
      <div className="hl-brand">humanline</div>
      <div className="hl-title">
        <FlowName />
        <span className="hl-flow-id">{flowId === null ? 'not saved' : `${flowId}.json${dirty ? ' • unsaved' : ''}`}</span>
      </div>
      <Verdict />
      <StepBudget />
      <ViewTabs />
      <div className="hl-actions">
        {/* Icons with their names for screen readers and on hover: the toolbar keeps one row at 1280 px. */}
        <button type="button" className="hl-icon-button" onClick={() => store.getState().undo()} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
          <Undo2 size={16} aria-hidden />
        </button>
        <button type="button" className="hl-icon-button" onClick={() => store.getState().redo()} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
          <Redo2 size={16} aria-hidden />
        </button>
        <button
          type="button"
          className="hl-icon-button"
          aria-label="Layout"
          title="Auto-layout (Shift+L)"
          onClick={() => {
            store.getState().autoLayout(LAYOUT_SIZE);
            window.setTimeout(() => fitCanvas(), 50);
          }}
        >
          <Network size={16} aria-hidden />
        </button>
        <button type="button" className="hl-icon-button" onClick={() => fitCanvas({ duration: 200 })} aria-label="Fit" title="Zoom to fit (Shift+F)">
          <Maximize size={16} aria-hidden />
        </button>
        <button type="button" onClick={() => void files.getState().save()} disabled={busy || flowId === null} title="Save the draft (Ctrl+S)">
          Save
        </button>
        <button type="button" onClick={() => setPublishing(true)} disabled={busy || flowId === null} title="Publish: only a flow without errors goes live">
          Publish
        </button>
        <button
          type="button"
          onClick={() => {
            const { fileName, text } = files.getState().exportJson();
            downloadText(fileName, text);
          }}
          className="hl-icon-button"
          aria-label="Export"
          title="Export: download the flow file"
        >
          <Download size={16} aria-hidden />
        </button>
        <FilePickerButton
          label="Import"
          title="Import a Twilio Studio or Amazon Connect export (or drop the file anywhere)"
          testId="import-input"
          icon={<Upload size={16} aria-hidden />}
          onFile={(name, text) => files.getState().importFile(name, text)}
        />
        <FilePickerButton
          label="Load coverage"
          title="Load a coverage report (humanline test --coverage -f json) to mark what no test walked (or drop the file anywhere)"
          testId="coverage-input"
          disabled={flowId === null}
          icon={<Footprints size={16} aria-hidden />}
          onFile={(name, text) => files.getState().loadCoverageReport(name, text)}
        />
        <CallButton flowId={flowId} />
      </div>
      {publishing && <PublishDialog onClose={() => setPublishing(false)} />}
    </header>
  );
}
