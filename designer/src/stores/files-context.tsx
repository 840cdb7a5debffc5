import { createStoreContext } from './store-context.tsx';
import type { FilesState } from './files-store.ts';

const files = createStoreContext<FilesState>('files');

export const FilesProvider = files.Provider;
export const useFilesStore = files.useStoreApi;
export const useFiles = files.useSlice;
