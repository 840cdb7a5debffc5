import { createStoreContext } from './store-context.tsx';
import type { UiState } from './ui-store.ts';

const ui = createStoreContext<UiState>('ui');

export const UiProvider = ui.Provider;
/** The store itself, for actions and `getState()` in event handlers and effects. */
export const useUiStore = ui.useStoreApi;
/** A slice of the UI state; the component re-renders when the slice changes. */
export const useUi = ui.useSlice;
