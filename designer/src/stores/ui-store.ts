import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Path } from '../../../core/graph/path.ts';

// What the screens share that is not the flow: which side panel shows, the
// simulator's place on the canvas, a counterexample to replay, and the status
// line. Kept apart from the designer store so undo never touches it; one per
// app, as the designer and files stores are.

export type SidePanel = 'inspector' | 'simulator';

export interface StatusMessage {
  kind: 'info' | 'error';
  text: string;
}

export interface UiState {
  sidePanel: SidePanel;
  /** the node the simulated call is at; null when no call runs */
  simulatorNodeId: string | null;
  /** nodes the simulated call went through, in order */
  simulatorTrail: string[];
  /** a counterexample the problems panel asked the simulator to replay; the simulator takes it and clears it */
  replayRequest: { path: Path; ruleId: string; message: string } | null;
  status: StatusMessage | null;

  showPanel(panel: SidePanel): void;
  showSimulation(nodeId: string | null, trail: string[]): void;
  requestReplay(request: NonNullable<UiState['replayRequest']>): void;
  takeReplayRequest(): UiState['replayRequest'];
  setStatus(status: StatusMessage | null): void;
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(): UiStore {
  return createStore<UiState>()((set, get) => ({
    sidePanel: 'inspector',
    simulatorNodeId: null,
    simulatorTrail: [],
    replayRequest: null,
    status: null,
    showPanel: (sidePanel) => set({ sidePanel }),
    showSimulation: (simulatorNodeId, simulatorTrail) => set({ simulatorNodeId, simulatorTrail }),
    requestReplay: (replayRequest) => set({ replayRequest, sidePanel: 'simulator' }),
    takeReplayRequest() {
      const request = get().replayRequest;
      if (request !== null) set({ replayRequest: null });
      return request;
    },
    setStatus: (status) => set({ status }),
  }));
}
