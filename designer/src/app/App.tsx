import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState, type DragEvent } from 'react';
import { FlowCanvas } from '../canvas/FlowCanvas.tsx';
import { useFiles, useFilesStore } from '../stores/files-context.tsx';
import { FlowList } from '../files/FlowList.tsx';
import { Header } from '../header/Header.tsx';
import { Inspector } from '../inspector/Inspector.tsx';
import { Palette } from '../palette/Palette.tsx';
import { PALETTE_MIME } from '../palette/palette-drag.ts';
import { ProblemsPanel } from '../problems/ProblemsPanel.tsx';
import { SimulatorPanel } from '../simulator/SimulatorPanel.tsx';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import { LoginScreen } from './LoginScreen.tsx';
import { NoticeBar } from './NoticeBar.tsx';
import { useUi, useUiStore } from '../stores/ui-context.tsx';
import { useShortcuts } from './use-shortcuts.ts';
import { useInsights } from '../stores/insights-context.tsx';
import { CallsView } from '../insights/CallsView.tsx';
import { Dashboard } from '../insights/Dashboard.tsx';
import { useOpenFlowFromAddress } from './use-open-flow.ts';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { CompliancePanel } from '../compliance/CompliancePanel.tsx';
import { ImportChoiceDialog } from '../history/ImportChoiceDialog.tsx';

/** A file dragged in from the desktop (not a palette item): an export to import, or a coverage report to load. */
const isFileDrag = (event: DragEvent) => event.dataTransfer.types.includes('Files') && !event.dataTransfer.types.includes(PALETTE_MIME);

function Workspace() {
  const designer = useDesignerStore();
  const files = useFilesStore();
  const ui = useUiStore();
  useShortcuts(designer, files);
  useOpenFlowFromAddress(designer, files);
  const sidePanel = useUi((state) => state.sidePanel);
  const lastError = useDesigner((state) => state.lastError);
  const view = useInsights((state) => state.view);
  const [dropping, setDropping] = useState(false);

  useEffect(() => {
    // Nothing lost by accident: the browser asks before leaving unsaved edits.
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (designer.getState().dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [designer]);

  return (
    <div
      className={`hl-app${dropping ? ' is-dropping' : ''}`}
      onDragOver={(event) => {
        if (!isFileDrag(event)) return;
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={(event) => event.currentTarget === event.target && setDropping(false)}
      onDrop={async (event) => {
        if (!isFileDrag(event)) return;
        event.preventDefault();
        setDropping(false);
        const file = event.dataTransfer.files[0];
        if (file) await files.getState().openDroppedFile(file.name, await file.text());
      }}
    >
      <Header />
      <NoticeBar />
      {/* The inspector shows a refusal beside its form; with the simulator open, it shows here. */}
      {lastError && sidePanel !== 'inspector' && (
        <div className="hl-edit-refused" role="alert">
          {lastError}
        </div>
      )}
      <aside className="hl-left">
        <FlowList />
        {view === 'design' && <Palette />}
      </aside>
      {view !== 'design' && <main className="hl-insights-area">{view === 'calls' ? <CallsView /> : <Dashboard />}</main>}
      {view === 'design' && (
        <>
          <main className="hl-center">
            <FlowCanvas />
            <ProblemsPanel />
          </main>
          <aside className="hl-right">
            <div className="hl-tabs" role="tablist">
              <button type="button" role="tab" aria-selected={sidePanel === 'inspector'} onClick={() => ui.getState().showPanel('inspector')}>
                Inspector
              </button>
              <button type="button" role="tab" aria-selected={sidePanel === 'simulator'} onClick={() => ui.getState().showPanel('simulator')}>
                Simulator
              </button>
              <button type="button" role="tab" aria-selected={sidePanel === 'history'} onClick={() => ui.getState().showPanel('history')}>
                History
              </button>
              <button type="button" role="tab" aria-selected={sidePanel === 'compliance'} onClick={() => ui.getState().showPanel('compliance')}>
                Compliance
              </button>
            </div>
            {/* Both stay mounted, so a simulated call survives a look at the inspector. */}
            <div hidden={sidePanel !== 'inspector'} className="hl-tab-body">
              <Inspector />
            </div>
            <div hidden={sidePanel !== 'simulator'} className="hl-tab-body">
              <SimulatorPanel />
            </div>
            {sidePanel === 'history' && (
              <div className="hl-tab-body">
                <HistoryPanel />
              </div>
            )}
            {sidePanel === 'compliance' && (
              <div className="hl-tab-body">
                <CompliancePanel />
              </div>
            )}
          </aside>
        </>
      )}
      <ImportChoiceDialog />
      {dropping && <div className="hl-drop-hint">Drop a Twilio Studio or Amazon Connect export to import it, or a coverage report to mark what no test walked</div>}
    </div>
  );
}

export function App() {
  const files = useFilesStore();
  const auth = useFiles((state) => state.auth);
  useEffect(() => {
    void files.getState().refresh();
  }, [files]);
  if (auth === 'checking') return <div className="hl-loading">Loading…</div>;
  if (auth === 'needsLogin') return <LoginScreen />;
  return (
    <ReactFlowProvider>
      <Workspace />
    </ReactFlowProvider>
  );
}
