export { createDesignerStore, createStarterFlow } from './designer-store.ts';
export type { ConnectionRequest, DesignerState, DesignerStore, DesignerStoreOptions, EdgeRequest, Selection } from './designer-store.ts';
export type { StepBadge } from '../model/verdict.ts';
export { HISTORY_LIMIT } from '../model/history.ts';
