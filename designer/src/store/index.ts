export { createDesignerStore, createStarterFlow } from './store.ts';
export type { ConnectionRequest, DesignerState, DesignerStore, DesignerStoreOptions, EdgeRequest, Selection } from './store.ts';
export type { StepBadge } from './verdict.ts';
export { HISTORY_LIMIT } from './history.ts';
