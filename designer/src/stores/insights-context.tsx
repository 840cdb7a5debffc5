import { createStoreContext } from './store-context.tsx';
import type { InsightsState } from './insights-store.ts';

const insights = createStoreContext<InsightsState>('insights');

export const InsightsProvider = insights.Provider;
/** The store itself, for actions and `getState()` in event handlers and effects. */
export const useInsightsStore = insights.useStoreApi;
/** A slice of the calls and figures; the component re-renders when the slice changes. */
export const useInsights = insights.useSlice;
