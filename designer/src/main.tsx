import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './app/styles.css';
import { App } from './app/App.tsx';
import { DesignerProvider } from './stores/designer-context.tsx';
import { FilesProvider } from './stores/files-context.tsx';
import { createFilesStore } from './stores/files-store.ts';
import { createDesignerStore } from './stores/designer-store.ts';
import { UiProvider } from './stores/ui-context.tsx';
import { createUiStore } from './stores/ui-store.ts';
import { InsightsProvider } from './stores/insights-context.tsx';
import { createInsightsStore } from './stores/insights-store.ts';

const designer = createDesignerStore();
const files = createFilesStore(designer);
const ui = createUiStore();
const insights = createInsightsStore();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DesignerProvider store={designer}>
      <FilesProvider store={files}>
        <UiProvider store={ui}>
          <InsightsProvider store={insights}>
            <App />
          </InsightsProvider>
        </UiProvider>
      </FilesProvider>
    </DesignerProvider>
  </StrictMode>,
);
