import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallDetail } from '../../../core/designer-api/types.ts';
import type { Path } from '../../../core/graph/path.ts';

// What the screens share that is not the flow: which side panel shows, the
// simulator's place on the canvas, a counterexample to replay, and the status
// line. Kept apart from the designer store so undo never touches it; one per
// app, as the designer and files stores are.

export type SidePanel = 'inspector' | 'simulator' | 'history' | 'compliance';

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
  /** a recorded call the call view asked the simulator to replay; taken and cleared like `replayRequest` */
  callReplayRequest: CallDetail | null;
  /** nodes a recorded call went through, in order, highlighted on its canvas */
  callPath: string[];
  /** the canvas shows the measured figures (visits, drop-off) on its nodes and edges */
  overlay: boolean;
  status: StatusMessage | null;
  /** how many times a screen asked to bring the problems panel into view; the panel scrolls to itself and takes the focus when it grows */
  problemsFocus: number;
  /** the profiles the compliance panel judges by, as chosen this session; null until chosen (the flow's own `extends`, else every profile) */
  complianceProfiles: string[] | null;

  showPanel(panel: SidePanel): void;
  showSimulation(nodeId: string | null, trail: string[]): void;
  requestReplay(request: NonNullable<UiState['replayRequest']>): void;
  takeReplayRequest(): UiState['replayRequest'];
  requestCallReplay(detail: CallDetail): void;
  takeCallReplayRequest(): CallDetail | null;
  showCallPath(path: string[]): void;
  setOverlay(on: boolean): void;
  setStatus(status: StatusMessage | null): void;
  focusProblems(): void;
  chooseComplianceProfiles(profileIds: string[]): void;
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(): UiStore {
  return createStore<UiState>()((set, get) => ({
    sidePanel: 'inspector',
    simulatorNodeId: null,
    simulatorTrail: [],
    replayRequest: null,
    callReplayRequest: null,
    callPath: [],
    overlay: false,
    status: null,
    problemsFocus: 0,
    complianceProfiles: null,
    showPanel: (sidePanel) => set({ sidePanel }),
    showSimulation: (simulatorNodeId, simulatorTrail) => set({ simulatorNodeId, simulatorTrail }),
    requestReplay: (replayRequest) => set({ replayRequest, sidePanel: 'simulator' }),
    takeReplayRequest() {
      const request = get().replayRequest;
      if (request !== null) set({ replayRequest: null });
      return request;
    },
    requestCallReplay: (callReplayRequest) => set({ callReplayRequest, sidePanel: 'simulator' }),
    takeCallReplayRequest() {
      const request = get().callReplayRequest;
      if (request !== null) set({ callReplayRequest: null });
      return request;
    },
    showCallPath: (callPath) => set({ callPath }),
    focusProblems: () => set({ problemsFocus: get().problemsFocus + 1 }),
    setOverlay: (overlay) => set({ overlay }),
    setStatus: (status) => set({ status }),
    chooseComplianceProfiles: (complianceProfiles) => set({ complianceProfiles }),
  }));
}
