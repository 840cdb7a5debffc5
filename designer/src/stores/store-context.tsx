import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';

/**
 * A zustand store handed down by context, so tests can mount components with a
 * store of their own: a provider, the store itself (for actions and
 * `getState()` in handlers), and a hook that selects a slice.
 */
export function createStoreContext<S>(name: string) {
  const Context = createContext<StoreApi<S> | null>(null);

  function Provider({ store, children }: { store: StoreApi<S>; children: ReactNode }) {
    return <Context.Provider value={store}>{children}</Context.Provider>;
  }

  function useStoreApi(): StoreApi<S> {
    const store = useContext(Context);
    if (store === null) throw new Error(`the ${name} store is used outside its provider`);
    return store;
  }

  /** A slice of the state; the component re-renders when the slice changes. */
  function useSlice<T>(selector: (state: S) => T): T {
    return useStore(useStoreApi(), selector);
  }

  return { Provider, useStoreApi, useSlice };
}
