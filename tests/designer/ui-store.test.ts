import { describe, expect, it } from 'vitest';
import type { Path } from '../../core/graph/path.ts';
import { createUiStore } from '../../designer/src/stores/ui-store.ts';

const PATH: Path = { steps: [{ nodeId: 'start', exit: 'next', exitId: 'next' }, { nodeId: 'bye' }], callerSteps: 0, end: 'hangup' };
const REQUEST = { path: PATH, ruleId: 'dead-end', message: 'the caller is dropped' };

describe('the UI store', () => {
  it('is one per app: two designers on a page (or two tests) never share a panel or a replay', () => {
    const first = createUiStore();
    const second = createUiStore();
    first.getState().requestReplay(REQUEST);
    first.getState().showSimulation('menu', ['start', 'menu']);
    expect(first.getState()).toMatchObject({ sidePanel: 'simulator', simulatorNodeId: 'menu' });
    expect(second.getState()).toMatchObject({ sidePanel: 'inspector', simulatorNodeId: null, simulatorTrail: [], replayRequest: null });
  });

  it('hands a replay request over once', () => {
    const ui = createUiStore();
    ui.getState().requestReplay(REQUEST);
    expect(ui.getState().takeReplayRequest()).toBe(REQUEST);
    expect(ui.getState().takeReplayRequest()).toBeNull();
  });

  it('hands a recorded call to replay over once, and keeps the overlay and the lit call path per canvas', () => {
    const ui = createUiStore();
    const detail = { call: {}, timeline: [], path: ['main_menu'], flow: null } as never;
    ui.getState().requestCallReplay(detail);
    expect(ui.getState().sidePanel).toBe('simulator');
    expect(ui.getState().takeCallReplayRequest()).toBe(detail);
    expect(ui.getState().takeCallReplayRequest()).toBeNull();
    ui.getState().showCallPath(['greeting', 'main_menu']);
    ui.getState().setOverlay(true);
    expect(createUiStore().getState()).toMatchObject({ callPath: [], overlay: false });
    expect(ui.getState()).toMatchObject({ callPath: ['greeting', 'main_menu'], overlay: true });
  });
});

