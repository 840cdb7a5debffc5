import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { FilesState, FilesStore } from './files-store.ts';

const FilesContext = createContext<FilesStore | null>(null);

export function FilesProvider({ store, children }: { store: FilesStore; children: ReactNode }) {
  return <FilesContext.Provider value={store}>{children}</FilesContext.Provider>;
}

export function useFilesStore(): FilesStore {
  const store = useContext(FilesContext);
  if (store === null) throw new Error('useFilesStore outside <FilesProvider>');
  return store;
}

export function useFiles<T>(selector: (state: FilesState) => T): T {
  return useStore(useFilesStore(), selector);
}
