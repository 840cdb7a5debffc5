import type { DesignerState } from './designer-store.ts';
import { createStoreContext } from './store-context.tsx';

// The one designer store; components select slices with `useDesigner`.
const designer = createStoreContext<DesignerState>('designer');

export const DesignerProvider = designer.Provider;
/** The store itself, for actions and `getState()` in event handlers. */
export const useDesignerStore = designer.useStoreApi;
/** A slice of the designer's state; the component re-renders when the slice changes. */
export const useDesigner = designer.useSlice;
