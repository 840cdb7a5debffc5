import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { CallButton } from '../call/CallButton.tsx';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import { useFiles, useFilesStore } from '../stores/files-context.tsx';
import { downloadText } from '../files/download.ts';
import { FIT_VIEW, LAYOUT_SIZE } from '../canvas/view-options.ts';
import { ViewTabs } from '../insights/ViewTabs.tsx';
import { PublishDialog } from '../history/PublishDialog.tsx';

/** A number input that edits on change but keeps the user's text while it is not yet a valid value. */
function StepBudget() {
  const store = useDesignerStore();
  const maxSteps = useDesigner((state) => state.maxSteps);
  const [text, setText] = useState(String(maxSteps));
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => setText(String(maxSteps)), [maxSteps]);
  return (
    <label className="hl-budget" title="Step budget N: a person is never more than N caller steps away">
      Step budget
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
  const name = useDesigner((state) => state.flow.name);
  const [text, setText] = useState(name);
  useEffect(() => setText(name), [name]);
  return (
    <input
      className="hl-flow-name"
      aria-label="Flow name"
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={() => (store.getState().setFlowName(text) ? undefined : setText(name))}
      onKeyDown={(event) => event.key === 'Enter' && (event.target as HTMLInputElement).blur()}
    />
  );
}

export function Header() {
  const store = useDesignerStore();
  const files = useFilesStore();
  const flowId = useDesigner((state) => state.flowId);
  const dirty = useDesigner((state) => state.dirty);
  const verdict = useDesigner((state) => state.verdict);
  const errorCount = useDesigner((state) => state.errorCount);
  const canUndo = useDesigner((state) => state.history.past.length > 0);
  const canRedo = useDesigner((state) => state.history.future.length > 0);
  const busy = useFiles((state) => state.busy);
  const { fitView } = useReactFlow();
  const importInput = useRef<HTMLInputElement>(null);
  const [publishing, setPublishing] = useState(false);

  return (
    <header className="hl-header">
      <div className="hl-brand">humanline</div>
      <div className="hl-title">
        <FlowName />
        <span className="hl-flow-id">{flowId === null ? 'not saved' : `${flowId}.json${dirty ? ' • unsaved' : ''}`}</span>
      </div>
      <div className={`hl-verdict ${errorCount === 0 ? 'is-ok' : 'is-broken'}`} data-testid="verdict" role="status">
        {errorCount === 0 ? '✓ ' : '✗ '}
        {verdict}
      </div>
      <StepBudget />
      <ViewTabs />
      <div className="hl-actions">
        <button type="button" onClick={() => store.getState().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={() => store.getState().redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <button
          type="button"
          title="Auto-layout (Shift+L)"
          onClick={() => {
            store.getState().autoLayout(LAYOUT_SIZE);
            window.setTimeout(() => void fitView(FIT_VIEW), 50);
          }}
        >
          Layout
        </button>
        <button type="button" onClick={() => void fitView({ ...FIT_VIEW, duration: 200 })} title="Zoom to fit (Shift+F)">
          Fit
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
          title="Download the flow file"
        >
          Export
        </button>
        <button type="button" onClick={() => importInput.current?.click()} title="Import a Twilio Studio or Amazon Connect export (or drop the file anywhere)">
          Import
        </button>
        <input
          ref={importInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-input"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) await files.getState().importFile(file.name, await file.text());
          }}
        />
        <CallButton flowId={flowId} />
      </div>
      {publishing && <PublishDialog onClose={() => setPublishing(false)} />}
    </header>
  );
}
