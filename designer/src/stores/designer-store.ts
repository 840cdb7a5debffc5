import { createStore, type StoreApi } from 'zustand/vanilla';
import { toNodeIds } from '../../../core/graph/path.ts';
import { getExits } from '../../../core/nodes/registry.ts';
import type { Calendar, Flow, NodeKind } from '../../../core/schema/flow.ts';
import { toFirstIssueText } from '../../../core/schema/issue-text.ts';
import { parseFlow } from '../../../core/schema/parse.ts';
import * as calendarEdits from '../model/calendar-edits.ts';
import * as canvasEdits from '../model/canvas-edits.ts';
import { parseEdgeId, toEdgeId, type Position } from '../model/canvas-types.ts';
import { copyNodes, pasteNodes, type Clipboard } from '../model/clipboard.ts';
import type { EditResult } from '../model/edit-result.ts';
import * as edits from '../model/flow-edits.ts';
import { getFlowFindings, haveSameFindings, type FlowFindings } from '../model/findings.ts';
import { emptyHistory, HISTORY_LIMIT, recordEdit, redoEdit, undoEdit, type History } from '../model/history.ts';
import { layoutFlow, placeUnplacedNodes, type LayoutOptions } from '../model/layout.ts';
import { toOpenFile, type LinkedFlows } from '../model/line.ts';
import { createStarterFlow } from '../model/starter-flow.ts';
import { getTargetFields } from '../model/target-fields.ts';

// The designer's one store, as React Flow's guides keep it: the flow in our
// schema is the source of truth; the canvas is drawn from it and every
// gesture comes back as an action here. Vanilla zustand, so it runs and is
// tested without React; components read slices with `useStore`.

export interface Selection {
  nodeIds: string[];
  /** edge ids as the canvas makes them (`toEdgeId` in ../model/canvas-types.ts): `source:handle` */
  edgeIds: string[];
}

/** A new connection, shaped like React Flow's `Connection` so `onConnect` can pass it on. */
export interface ConnectionRequest {
  source: string;
  /** handle id = exit id (`options.0.next`); null for a node with a single exit */
  sourceHandle?: string | null;
  target: string;
}

/** An exit to unconnect, shaped like the edge React Flow hands back. */
export interface EdgeRequest {
  source: string;
  sourceHandle?: string | null;
}

export interface DesignerState extends FlowFindings {
  /** the flow's name in the flows folder; null for a flow not yet saved */
  flowId: string | null;
  /** the flow being edited, in our schema: the source of truth; always passes `parseFlow` */
  flow: Flow;
  /** the flow as last loaded or saved */
  savedFlow: Flow;
  /** the flow changed since it was loaded or saved */
  dirty: boolean;
  /** counts `load` calls: the canvas fits a newly opened flow to the screen, and only that */
  loadCount: number;
  selection: Selection;
  /** node ids of the counterexample picked in the problems panel; cleared when the findings change */
  highlightedPath: string[];
  /** why the last action was refused; null after an action that succeeded */
  lastError: string | null;
  history: History;
  clipboard: Clipboard | null;
  /** the flows the open flow's links reach, as the runtime gave them; emptied when another flow opens */
  linkedFlows: LinkedFlows;

  /**
   * Opens a flow; refuses (false, `lastError`) one that does not pass the schema. `linkedFlows`: the
   * line it is known to be in already (a recorded call's versions), judged with it from the start.
   */
  load(flowId: string | null, flow: Flow, linkedFlows?: LinkedFlows): boolean;
  /** Adds a node from the palette and selects it; returns its fresh id. */
  addNode(kind: NodeKind, position: Position): string;
  /**
   * Patches a node's top-level fields. With `typing`, edits of the same fields of the same node merge
   * into one undo entry (a word typed is one undo, not one per key) until another action or selection.
   */
  updateNode(id: string, patch: Readonly<Record<string, unknown>>, options?: { typing?: boolean }): boolean;
  renameNode(oldId: string, newId: string): boolean;
  setEntry(id: string): boolean;
  connect(connection: ConnectionRequest): boolean;
  disconnect(edge: EdgeRequest): boolean;
  /** Deletes the selected nodes and unconnects the selected edges, as one undo entry. */
  removeSelection(): void;
  /** Moves nodes; moves of the same nodes merge into one undo entry until `dragEnded`. */
  moveNodes(moves: ReadonlyArray<{ id: string; position: Position }>, options?: { dragEnded?: boolean }): void;
  copySelection(): void;
  /** Pastes the clipboard, selects the copies and returns their ids. */
  paste(): string[];
  setMaxSteps(maxSteps: number): boolean;
  setFlowName(name: string): boolean;
  /** Patches the flow's own fields (name, description, settings, rules); `typing` merges as in `updateNode`. */
  updateFlow(patch: Readonly<Record<string, unknown>>, options?: { typing?: boolean }): boolean;
  /** Adds business hours named `name` (closed until set); returns their id, or null when refused. */
  addCalendar(name: string): string | null;
  /** Replaces one calendar; `typing` merges edits of the same calendar into one undo entry, as in `updateNode`. */
  updateCalendar(id: string, calendar: Calendar, options?: { typing?: boolean }): boolean;
  /** Removes a calendar; refused while an hours check names it. */
  removeCalendar(id: string): boolean;
  /** Points an hours check at a calendar, or (null) gives it hours of its own. */
  setHoursSource(nodeId: string, calendarId: string | null): boolean;
  /** Moves an hours check's own hours into a new calendar named `name` it then names; returns the id, or null. */
  moveHoursToCalendar(nodeId: string, name: string): string | null;
  /** Places every node with dagre, entry on top, as one undo entry. */
  autoLayout(options?: LayoutOptions): void;
  select(selection: Partial<Selection>): void;
  /** Selects the finding's node and highlights its counterexample. */
  selectFinding(index: number): void;
  /** Selects `nodeIds` and highlights `path`: a compliance finding's node and counterexample, which the problems list does not hold. */
  highlight(nodeIds: string[], path: string[]): void;
  undo(): void;
  redo(): void;
  /** The flow as sent to the server (default: as it is now) is saved; edits made since stay unsaved. */
  markSaved(flow?: Flow): void;
  /** The open flow's file was renamed: only its id changes; the edits, unsaved ones too, stay. */
  setFlowId(flowId: string): void;
  /** The linked flows loaded so far (null: the runtime has no such flow); the open flow is judged again within its line. */
  setLinkedFlows(linkedFlows: LinkedFlows): void;
}

export type DesignerStore = StoreApi<DesignerState>;

export interface DesignerStoreOptions {
  flowId?: string;
  flow?: Flow;
  /** undo entries kept (default 200) */
  historyLimit?: number;
  /** the flows the initial flow's links reach, known already (see `load`) */
  linkedFlows?: LinkedFlows;
}

const noSelection = (): Selection => ({ nodeIds: [], edgeIds: [] });

/** The selection without what no longer exists (after an undo, a delete). */
function pruneSelection(flow: Flow, selection: Selection): Selection {
  const nodeIds = selection.nodeIds.filter((id) => Object.hasOwn(flow.nodes, id));
  const edgeIds = selection.edgeIds.filter((edgeId) => {
    const edge = parseEdgeId(edgeId);
    const node = edge && flow.nodes[edge.source];
    return node !== undefined && node !== null && getTargetFields(node).some((field) => field.path === edge!.exitId);
  });
  return nodeIds.length === selection.nodeIds.length && edgeIds.length === selection.edgeIds.length ? selection : { nodeIds, edgeIds };
}

/** React Flow sends a null handle for a node drawn with one unnamed handle. */
function resolveHandle(flow: Flow, source: string, handle: string | null | undefined): string | null {
  if (handle) return handle;
  const node = flow.nodes[source];
  const exits = node ? getExits(node) : [];
  return exits.length === 1 ? exits[0]!.id : null;
}

export function createDesignerStore(initial: DesignerStoreOptions = {}): DesignerStore {
  const historyLimit = initial.historyLimit ?? HISTORY_LIMIT;

  const store = createStore<DesignerState>()((set, get) => {
    const refuse = (error: string): false => {
      set({ lastError: error });
      return false;
    };

    /** State after the flow became `flow`: findings recomputed only if the validator could say something new. */
    const withFlow = (flow: Flow) => {
      const state = get();
      const { flow: before, savedFlow, selection, highlightedPath } = state;
      // An empty path stays the same array: a new one would make the canvas restyle every edge after each edit.
      const findings = haveSameFindings(before, flow) ? {} : { ...getFlowFindings(flow, state, state), highlightedPath: highlightedPath.length === 0 ? highlightedPath : [] };
      return { flow, dirty: flow !== savedFlow, selection: pruneSelection(flow, selection), lastError: null, ...findings };
    };

    /** Makes `next` the flow as one undo entry (or part of the open one, for the same `mergeKey`). */
    const commit = (next: Flow, mergeKey: string | null = null, extra: Partial<DesignerState> = {}): boolean => {
      const { flow, history } = get();
      if (next === flow) {
        set({ lastError: null, ...extra });
        return true;
      }
      // Edits are built to keep the flow valid; this is the guard that the saved file always parses.
      const parsed = parseFlow(next);
      if (!parsed.ok) return refuse(`That edit would break the flow file: ${toFirstIssueText(parsed.issues)}`);
      set({ ...withFlow(next), history: recordEdit(history, flow, mergeKey, historyLimit), ...extra });
      return true;
    };

    /** Commits an edit's flow, or shows why the edit was refused. */
    const apply = (result: EditResult, mergeKey: string | null = null, extra: Partial<DesignerState> = {}): boolean =>
      result.ok ? commit(result.flow, mergeKey, extra) : refuse(result.error);

    const load = (flowId: string | null, opened: Flow, linkedFlows: LinkedFlows = new Map()): boolean => {
      const parsed = parseFlow(opened);
      if (!parsed.ok) return refuse(`Cannot open this flow: ${toFirstIssueText(parsed.issues)}`);
      // Nodes the file gives no place are placed as it opens, not as an edit: the places are saved with the next save.
      const flow = placeUnplacedNodes(opened);
      set({
        flowId,
        flow,
        savedFlow: flow,
        dirty: false,
        loadCount: get().loadCount + 1,
        selection: noSelection(),
        highlightedPath: [],
        lastError: null,
        history: emptyHistory(),
        // a flow opened again fetches its line again: the linked flows may have changed meanwhile
        linkedFlows,
        ...getFlowFindings(flow, undefined, { flowId, linkedFlows }),
      });
      return true;
    };

    const starter = createStarterFlow();
    const initialState = {
      flowId: initial.flowId ?? null,
      flow: starter,
      savedFlow: starter,
      dirty: false,
      loadCount: 0,
      selection: noSelection(),
      highlightedPath: [],
      lastError: null,
      history: emptyHistory(),
      clipboard: null,
      linkedFlows: new Map() as LinkedFlows,
      ...getFlowFindings(starter),
    };
    return {
      ...initialState,
      load,

      addNode(kind, position) {
        const { flow, id } = edits.addNode(get().flow, kind, position);
        commit(flow, null, { selection: { nodeIds: [id], edgeIds: [] } });
        return id;
      },

      updateNode(id, patch, options = {}) {
        return apply(edits.updateNode(get().flow, id, patch), options.typing ? `update:${id}:${Object.keys(patch).sort().join(',')}` : null);
      },

      renameNode(oldId, newId) {
        // A selected node stays selected under its new name.
        const { flow, selection } = get();
        return apply(edits.renameNode(flow, oldId, newId), null, { selection: { ...selection, nodeIds: selection.nodeIds.map((id) => (id === oldId ? newId : id)) } });
      },

      setEntry: (id) => apply(edits.setEntry(get().flow, id)),

      connect({ source, sourceHandle, target }) {
        const flow = get().flow;
        const handle = resolveHandle(flow, source, sourceHandle);
        if (handle === null) return refuse(`Pick which exit of "${source}" to connect.`);
        return apply(canvasEdits.connect(flow, { source, sourceHandle: handle, target }));
      },

      disconnect({ source, sourceHandle }) {
        const flow = get().flow;
        const handle = resolveHandle(flow, source, sourceHandle);
        if (handle === null) return refuse(`Pick which exit of "${source}" to unconnect.`);
        return apply(canvasEdits.disconnect(flow, toEdgeId(source, handle)));
      },

      removeSelection() {
        const { flow, selection } = get();
        apply(canvasEdits.removeSelection(flow, selection.nodeIds, selection.edgeIds), null, { selection: noSelection() });
      },

      moveNodes(moves, options = {}) {
        const mergeKey = `move:${moves.map((move) => move.id).sort().join(',')}`;
        const positions = Object.fromEntries(moves.map(({ id, position }) => [id, { x: position.x, y: position.y }]));
        apply(canvasEdits.moveNodes(get().flow, positions), mergeKey);
        // The drop ends the drag: the next drag of the same nodes is an undo entry of its own.
        if (options.dragEnded) set({ history: { ...get().history, openMerge: null } });
      },

      copySelection() {
        const { flow, selection } = get();
        const clipboard = copyNodes(flow, selection.nodeIds);
        if (clipboard !== null) set({ clipboard, lastError: null });
      },

      paste() {
        const { flow, clipboard } = get();
        if (clipboard === null) return [];
        const pasted = pasteNodes(flow, clipboard);
        const ok = commit(pasted.flow, null, {
          selection: { nodeIds: pasted.ids, edgeIds: [] },
          clipboard: { ...clipboard, pastes: clipboard.pastes + 1 },
        });
        return ok ? pasted.ids : [];
      },

      setMaxSteps: (maxSteps) => apply(edits.setMaxSteps(get().flow, maxSteps)),

      setFlowName: (name) => apply(edits.setFlowName(get().flow, name)),

      updateFlow(patch, options = {}) {
        return apply(edits.updateFlowFields(get().flow, patch), options.typing ? `flow:${Object.keys(patch).sort().join(',')}` : null);
      },

      addCalendar(name) {
        const { result, id } = calendarEdits.addCalendar(get().flow, name);
        return apply(result) ? id : null;
      },

      updateCalendar(id, calendar, options = {}) {
        return apply(calendarEdits.updateCalendar(get().flow, id, calendar), options.typing ? `calendar:${id}` : null);
      },

      removeCalendar: (id) => apply(calendarEdits.removeCalendar(get().flow, id)),

      setHoursSource: (nodeId, calendarId) => apply(calendarEdits.setHoursSource(get().flow, nodeId, calendarId)),

      moveHoursToCalendar(nodeId, name) {
        const { result, id } = calendarEdits.moveHoursToCalendar(get().flow, nodeId, name);
        return apply(result) ? id : null;
      },

      autoLayout(options) {
        commit(layoutFlow(get().flow, options));
      },

      select(selection) {
        const current = get().selection;
        // A new selection ends a typing run: the next edit is an undo entry of its own.
        set({
          selection: { nodeIds: selection.nodeIds ?? current.nodeIds, edgeIds: selection.edgeIds ?? current.edgeIds },
          highlightedPath: [],
          history: { ...get().history, openMerge: null },
        });
      },

      selectFinding(index) {
        const finding = get().findings[index];
        if (finding === undefined) return;
        const nodeIds = finding.nodeId !== undefined ? [finding.nodeId] : [];
        // a walk across the line steps through other flows' nodes, which this canvas does not show
        const openFile = toOpenFile(get().flowId);
        const path = finding.path && { ...finding.path, steps: finding.path.steps.filter((step) => step.file === undefined || step.file === openFile) };
        set({ selection: { nodeIds, edgeIds: [] }, highlightedPath: path ? toNodeIds(path) : nodeIds });
      },

      highlight(nodeIds, path) {
        const { flow } = get();
        const present = (ids: string[]) => ids.filter((id) => Object.hasOwn(flow.nodes, id));
        set({ selection: { nodeIds: present(nodeIds), edgeIds: [] }, highlightedPath: present(path), history: { ...get().history, openMerge: null } });
      },

      undo() {
        const { history, flow } = get();
        const undone = undoEdit(history, flow);
        if (undone) set({ ...withFlow(undone.flow), history: undone.history });
      },

      redo() {
        const { history, flow } = get();
        const redone = redoEdit(history, flow);
        if (redone) set({ ...withFlow(redone.flow), history: redone.history });
      },

      markSaved(saved = get().flow) {
        set({ savedFlow: saved, dirty: get().flow !== saved });
      },

      setFlowId(flowId) {
        set({ flowId, ...getFlowFindings(get().flow, get(), { flowId, linkedFlows: get().linkedFlows }) });
      },

      setLinkedFlows(linkedFlows) {
        const state = get();
        set({ linkedFlows, ...getFlowFindings(state.flow, state, { flowId: state.flowId, linkedFlows }) });
      },
    };
  });
  // Through `load`, so an initial flow is checked like any other: an invalid one leaves the starter and `lastError`.
  if (initial.flow) store.getState().load(initial.flowId ?? null, initial.flow, initial.linkedFlows);
  return store;
}
