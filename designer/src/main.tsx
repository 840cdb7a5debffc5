import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './app/styles.css';
import { App } from './app/App.tsx';
import { DesignerProvider } from './stores/designer-context.tsx';
import { FilesProvider } from './stores/files-context.tsx';
import { createFilesStore } from './stores/files-store.ts';
import { createDesignerStore } from './stores/designer-store.ts';

const designer = createDesignerStore();
const files = createFilesStore(designer);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DesignerProvider store={designer}>
      <FilesProvider store={files}>
        <App />
      </FilesProvider>
    </DesignerProvider>
  </StrictMode>,
);
