import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DesignerState, DesignerStore } from '../store/index.ts';

// The one designer store, handed down by context so tests can mount the app
// with a store of their own; components select slices with `useDesigner`.

const DesignerContext = createContext<DesignerStore | null>(null);

export function DesignerProvider({ store, children }: { store: DesignerStore; children: ReactNode }) {
  return <DesignerContext.Provider value={store}>{children}</DesignerContext.Provider>;
}

/** The store itself, for actions and `getState()` in event handlers. */
export function useDesignerStore(): DesignerStore {
  const store = useContext(DesignerContext);
  if (store === null) throw new Error('useDesignerStore outside <DesignerProvider>');
  return store;
}

/** A slice of the designer's state; the component re-renders when the slice changes. */
export function useDesigner<T>(selector: (state: DesignerState) => T): T {
  return useStore(useDesignerStore(), selector);
}
