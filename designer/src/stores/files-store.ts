import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FlowListEntry, FlowVersionContent, FlowVersionEntry } from '../../../core/designer-api/types.ts';
import { importFlow } from '../../../core/import/index.ts';
import type { Finding } from '../../../core/lint/types.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { toFlowFileText } from '../../../core/schema/flow-file-text.ts';
import { parseJsonText } from '../../../core/schema/json-text.ts';
import { createStarterFlow } from '../model/starter-flow.ts';
import type { DesignerStore } from './designer-store.ts';
import { followLine } from './line-follower.ts';
import { api, ApiError } from '../api/api-client.ts';
import { getFreeFlowId, toFlowId } from '../model/flow-id.ts';
import { countOf } from '../../../core/format/words.ts';
import { diffFlows } from '../../../core/diff/diff-flows.ts';
import { parseFlow } from '../../../core/schema/parse.ts';
import { toDiffView, type DiffView } from '../model/diff-view.ts';
import { isTestReport, keepExistingMarks, readCoverageReport, type CoverageMarks } from '../model/coverage-marks.ts';

// The flows folder as the designer sees it, and the file actions: open,
// create, save, publish, rename, duplicate, delete, import, export. Every
// action says how it went in `notice`; none throws at a component.

export type AuthState = 'checking' | 'ok' | 'needsLogin' | 'offline';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  /** findings to list under the text: a refused publish, or what an import could not map */
  findings?: Finding[];
}

/** An import whose export looks already imported: the flow it would duplicate, waiting for the user's choice. */
export interface PendingImport {
  fileName: string;
  data: unknown;
  /** the flow of the same name (or the file's id) */
  existingId: string;
  name: string;
}

export interface FilesState {
  auth: AuthState;
  flows: FlowListEntry[];
  busy: boolean;
  notice: Notice | null;
  /** the open flow's publishes, newest first; null until loaded */
  versions: FlowVersionEntry[] | null;
  /** a version opened read-only from the history */
  viewedVersion: FlowVersionContent | null;
  pendingImport: PendingImport | null;
  /** the diff shown in the history: two versions, or the canvas against what is live */
  comparison: Comparison | null;
  /** what a loaded coverage report marks on the open flow: exits and nodes no test walked; null when none is loaded */
  coverage: CoverageMarks | null;
  /** the flow asked for last while its file is on its way; null when none is */
  opening: string | null;
  refresh(): Promise<void>;
  open(id: string): Promise<boolean>;
  /** Opens flow `id` (unless it is open) and selects `nodeId`, or its entry when none is named or the flow has no such node (said in a notice). */
  openAt(id: string, nodeId: string | null): Promise<boolean>;
  create(name: string): Promise<void>;
  save(): Promise<boolean>;
  /** saves what is on screen, then publishes it with the note for the history */
  publish(note?: string): Promise<boolean>;
  loadVersions(): Promise<void>;
  openVersion(version: number): Promise<void>;
  closeVersion(): void;
  /** diffs two published versions, the older first */
  compareVersions(older: number, newer: number): Promise<void>;
  /** diffs the canvas's flow, unsaved edits included, against the live version */
  compareWithLive(): Promise<void>;
  closeComparison(): void;
  /** publishes an old version again, through the publish lint gate */
  rollback(version: number): Promise<void>;
  /** drops the draft: the flow opens as published */
  discardDraft(): Promise<void>;
  /** the user's answer to a pending import: replace the existing draft, keep both, or import nothing */
  resolveImport(choice: 'replace' | 'keepBoth' | 'cancel'): Promise<void>;
  rename(id: string, to: string): Promise<void>;
  duplicate(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  importFile(fileName: string, text: string): Promise<void>;
  /** Marks on the canvas what a coverage report of `humanline test` says no test walked; refuses any other file with a notice. */
  loadCoverageReport(fileName: string, text: string): void;
  clearCoverage(): void;
  /** A file dropped on the designer: a coverage report is loaded, anything else imported. */
  openDroppedFile(fileName: string, text: string): Promise<void>;
  /** The flow as the file the designer saves, for a download. */
  exportJson(): { fileName: string; text: string };
  dismissNotice(): void;
}

/** A diff the history shows, and what its two sides are. */
export interface Comparison {
  kind: 'versions' | 'canvas';
  /** e.g. `v2`, `v3 (live)`, `your edits` */
  beforeTitle: string;
  afterTitle: string;
  /** the "after" side is the flow on the canvas: a node of the diff can be selected there */
  afterOnCanvas: boolean;
  view: DiffView;
}

export type FilesStore = StoreApi<FilesState>;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createFilesStore(designer: DesignerStore): FilesStore {
  const store = createStore<FilesState>()((set, get) => {
    const fail = (error: unknown): false => {
      if (error instanceof ApiError && error.status === 401) set({ auth: 'needsLogin' });
      set({ notice: { kind: 'error', text: describe(error), ...(error instanceof ApiError && error.findings ? { findings: error.findings } : {}) } });
      return false;
    };
    const takenIds = () => new Set(get().flows.map((entry) => entry.id));

    /** Runs one file action at a time, with the busy flag on. */
    async function run<T>(action: () => Promise<T>, onError: T): Promise<T> {
      set({ busy: true });
      try {
        return await action();
      } catch (error) {
        fail(error);
        return onError;
      } finally {
        set({ busy: false });
      }
    }

    async function refresh() {
      try {
        const flows = await api.listFlows();
        set({ flows, auth: 'ok' });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) set({ auth: 'needsLogin' });
        else if (error instanceof TypeError) set({ auth: 'offline', notice: { kind: 'error', text: 'The humanline runtime does not answer. Is `npm start` running?' } });
        else fail(error);
      }
    }

    // Each flow asked for is numbered: the one asked for last is the one that opens, whichever file comes
    // back first (back pressed twice, or a flow chosen while the first one still loads, opened the earlier one).
    let lastAsked = 0;

    /** Numbers a wish to open flow `id`, which is from now on the flow on its way. */
    function ask(id: string): number {
      set({ opening: id });
      return ++lastAsked;
    }

    /**
     * Loads a stored flow into the designer, unless another flow was asked for since (false);
     * throws what went wrong, for the action around it to report.
     */
    async function load(id: string, ticket = ask(id)): Promise<boolean> {
      let opened: Awaited<ReturnType<typeof api.openFlow>>;
      try {
        opened = await api.openFlow(id);
      } finally {
        if (ticket === lastAsked) set({ opening: null });
      }
      if (ticket !== lastAsked) return false;
      if (opened.flow === null) throw new Error(`${id}.json is not valid JSON: ${opened.lint.findings[0]?.message ?? ''}`);
      if (!designer.getState().load(id, opened.flow as Flow)) throw new Error(designer.getState().lastError ?? `cannot open ${id}`);
      return true;
    }

    /** True once the flow is open, or when another flow asked for since opens instead; false (with a notice) when it cannot be opened. */
    async function open(id: string, ticket = ask(id)): Promise<boolean> {
      return run(async () => {
        if (await load(id, ticket)) set({ notice: null });
        return true;
      }, false);
    }

    async function openAt(id: string, nodeId: string | null): Promise<boolean> {
      // on screen already, unless another flow is on its way: it would replace this one when it comes
      const onScreen = designer.getState().flowId === id && get().opening === null;
      const ticket = ask(id);
      const isListed = () => get().flows.some((entry) => entry.id === id);
      // the list may be older than the flow (made elsewhere since, or a moment ago): ask again before refusing
      if (!isListed()) await refresh();
      // another flow asked for since opens instead: nothing more to do for this one
      if (ticket !== lastAsked) return true;
      if (!isListed()) {
        set({ opening: null });
        return fail(new Error(`${id} is not among the runtime’s flows.`));
      }
      if (onScreen) set({ opening: null });
      else if (!(await open(id, ticket))) return false;
      if (designer.getState().flowId !== id || ticket !== lastAsked) return true;
      const { flow } = designer.getState();
      const found = nodeId !== null && Object.hasOwn(flow.nodes, nodeId);
      designer.getState().select({ nodeIds: [found ? nodeId : flow.entry], edgeIds: [] });
      if (nodeId !== null && !found) set({ notice: { kind: 'info', text: `${id} has no node ${nodeId}: its entry is selected.` } });
      return true;
    }

    async function save(): Promise<boolean> {
      const { flowId, flow } = designer.getState();
      if (flowId === null) return fail(new Error('This flow has no file yet: create it with "New flow".'));
      return run(async () => {
        await api.saveFlow(flowId, flow);
        // what was sent: an edit made while the request ran is still unsaved
        designer.getState().markSaved(flow);
        set({ notice: { kind: 'info', text: `Saved ${flowId} (draft).` } });
        await refresh();
        return true;
      }, false);
    }

    async function loadVersions(): Promise<void> {
      const { flowId } = designer.getState();
      if (flowId === null) {
        set({ versions: [] });
        return;
      }
      try {
        set({ versions: (await api.listVersions(flowId)).versions });
      } catch (error) {
        fail(error);
      }
    }

    /** The flow an export was imported as before: one of the same name, else one with the file's id. */
    function findImportedBefore(fileName: string, data: unknown): { id: string; name: string } | undefined {
      const converted = importFlow(data);
      // an export the importer refuses gets the runtime's own message on import
      if (!converted.ok) return undefined;
      const { flows } = get();
      const byName = flows.find((entry) => entry.name === converted.flow.name);
      const byId = flows.find((entry) => entry.id === toFlowId(fileName));
      const existing = byName ?? byId;
      return existing === undefined ? undefined : { id: existing.id, name: existing.name ?? existing.id };
    }

    /** Imports as a new flow, or over `replace`'s draft; opens it and says what could not be mapped. */
    async function importData(fileName: string, data: unknown, replace: string | undefined): Promise<void> {
      const imported = await api.importFlow(replace === undefined ? getFreeFlowId(toFlowId(fileName), takenIds()) : { replace }, data);
      const { id } = imported;
      await refresh();
      await load(id);
      const unmapped = imported.findings.length;
      const as = replace === undefined ? `as ${id} ("${imported.name}")` : `over the draft of ${id}`;
      set({
        notice: {
          kind: 'info',
          text: unmapped === 0 ? `Imported ${fileName} ${as}; everything was mapped.` : `Imported ${fileName} ${as}; ${countOf(unmapped, 'thing')} could not be mapped:`,
          findings: imported.findings,
        },
      });
    }

    /** A stored version's flow; throws when it no longer passes the schema. */
    async function getVersionFlow(flowId: string, version: number): Promise<Flow> {
      const parsed = parseFlow((await api.getVersion(flowId, version)).flow);
      if (!parsed.ok) throw new Error(`v${version} of ${flowId} is not a valid flow: it cannot be compared`);
      return parsed.flow;
    }

    // Counts comparisons asked for: an answer arriving after a newer request is dropped.
    let comparisonRequest = 0;

    async function compare(load: () => Promise<Omit<Comparison, 'view'> & { before: Flow; after: Flow }>): Promise<void> {
      const request = ++comparisonRequest;
      await run(async () => {
        const { before, after, ...titles } = await load();
        if (request === comparisonRequest) set({ comparison: { ...titles, view: toDiffView(diffFlows(before, after), before, after) } });
      }, undefined);
    }

    return {
      auth: 'checking',
      flows: [],
      busy: false,
      notice: null,
      versions: null,
      viewedVersion: null,
      pendingImport: null,
      comparison: null,
      coverage: null,
      opening: null,
      refresh,
      open,
      openAt,
      save,

      async create(name) {
        await run(async () => {
          const id = getFreeFlowId(toFlowId(name), takenIds());
          const flow = { ...createStarterFlow(), name: name.trim() || 'New flow' };
          await api.saveFlow(id, flow);
          await refresh();
          await load(id);
          set({ notice: { kind: 'info', text: `Created ${id}.` } });
        }, undefined);
      },

      async publish(note = '') {
        const { flowId } = designer.getState();
        if (flowId === null) return fail(new Error('Save the flow before publishing it.'));
        // The runtime publishes the stored draft, so what is on screen is saved first.
        if (designer.getState().dirty && !(await save())) return false;
        return run(async () => {
          await api.publishFlow(flowId, note);
          set({ notice: { kind: 'info', text: `Published ${flowId}: calls from now on get this version.` } });
          await refresh();
          await loadVersions();
          return true;
        }, false);
      },

      loadVersions,

      async openVersion(version) {
        const { flowId } = designer.getState();
        if (flowId === null) return;
        await run(async () => set({ viewedVersion: await api.getVersion(flowId, version) }), undefined);
      },

      closeVersion: () => set({ viewedVersion: null }),

      async compareVersions(older, newer) {
        const { flowId } = designer.getState();
        if (flowId === null) return;
        const live = get().versions?.[0]?.version;
        await compare(async () => ({
          kind: 'versions',
          beforeTitle: `v${older}`,
          afterTitle: newer === live ? `v${newer} (live)` : `v${newer}`,
          afterOnCanvas: false,
          before: await getVersionFlow(flowId, older),
          after: await getVersionFlow(flowId, newer),
        }));
      },

      async compareWithLive() {
        const { flowId } = designer.getState();
        const live = get().versions?.[0]?.version;
        if (flowId === null || live === undefined) return;
        // the flow as it is on the canvas now: a later edit needs another click
        const { flow: after, dirty } = designer.getState();
        await compare(async () => ({
          kind: 'canvas',
          beforeTitle: `v${live} (live)`,
          afterTitle: dirty ? 'your unsaved edits' : 'the draft',
          afterOnCanvas: true,
          before: await getVersionFlow(flowId, live),
          after,
        }));
      },

      closeComparison: () => {
        comparisonRequest += 1;
        set({ comparison: null });
      },

      async rollback(version) {
        const { flowId } = designer.getState();
        if (flowId === null) return;
        await run(async () => {
          const rolledBack = await api.rollbackFlow(flowId, version);
          await refresh();
          await loadVersions();
          // without a draft the canvas shows what is published: the version just put back
          const entry = get().flows.find((each) => each.id === flowId);
          if (entry !== undefined && !entry.draft && !designer.getState().dirty) await load(flowId);
          const draftNote = entry?.draft ? ' Your draft is kept: "Discard draft" returns to it.' : '';
          set({ notice: { kind: 'info', text: `Rolled ${flowId} back to v${version}: it is live again as v${rolledBack.version}.${draftNote}` } });
        }, undefined);
      },

      async discardDraft() {
        const { flowId } = designer.getState();
        if (flowId === null) return;
        await run(async () => {
          await api.discardDraft(flowId);
          await refresh();
          await load(flowId);
          set({ notice: { kind: 'info', text: `Discarded the draft of ${flowId}: it shows what is published.` } });
        }, undefined);
      },

      async resolveImport(choice) {
        const pending = get().pendingImport;
        set({ pendingImport: null });
        if (pending === null || choice === 'cancel') return;
        await run(() => importData(pending.fileName, pending.data, choice === 'replace' ? pending.existingId : undefined), undefined);
      },

      async rename(id, to) {
        await run(async () => {
          await api.renameFlow(id, to);
          await refresh();
          // the open flow keeps its unsaved edits: only its file name changed
          if (designer.getState().flowId === id) designer.getState().setFlowId(to);
          set({ notice: { kind: 'info', text: `Renamed ${id} to ${to}.` } });
        }, undefined);
      },

      async duplicate(id) {
        await run(async () => {
          const to = getFreeFlowId(`${id}-copy`, takenIds());
          await api.duplicateFlow(id, to);
          await refresh();
          set({ notice: { kind: 'info', text: `Duplicated ${id} as ${to} (a draft).` } });
        }, undefined);
      },

      async remove(id) {
        await run(async () => {
          await api.deleteFlow(id);
          await refresh();
          if (designer.getState().flowId === id) designer.getState().load(null, createStarterFlow());
          set({ notice: { kind: 'info', text: `Deleted ${id}.` } });
        }, undefined);
      },

      async importFile(fileName, text) {
        await run(async () => {
          // core's parser names the line and column of the mistake, as `humanline lint` does
          const parsed = parseJsonText(text);
          if (!parsed.ok) throw new Error(`${fileName} is not JSON: ${parsed.message}`);
          const existing = findImportedBefore(fileName, parsed.data);
          // the same export again: the user says whether it replaces the draft or comes beside it
          if (existing !== undefined) set({ pendingImport: { fileName, data: parsed.data, existingId: existing.id, name: existing.name } });
          else await importData(fileName, parsed.data, undefined);
        }, undefined);
      },

      loadCoverageReport(fileName, text) {
        const { flowId, flow } = designer.getState();
        const reading = readCoverageReport(fileName, text, flowId, flow);
        if (!reading.ok) {
          set({ notice: { kind: 'error', text: reading.message } });
          return;
        }
        const marked = reading.marks.uncoveredExits.size;
        set({
          coverage: reading.marks,
          notice: { kind: 'info', text: marked === 0 ? `Loaded ${fileName}: tests walk every exit of ${flowId}.` : `Loaded ${fileName}: ${countOf(marked, 'exit')} no test walked ${marked === 1 ? 'is' : 'are'} marked.` },
        });
      },

      clearCoverage: () => set({ coverage: null }),

      async openDroppedFile(fileName, text) {
        const parsed = parseJsonText(text);
        if (parsed.ok && isTestReport(parsed.data)) get().loadCoverageReport(fileName, text);
        else await get().importFile(fileName, text);
      },

      exportJson() {
        const { flowId, flow } = designer.getState();
        // written as the runtime writes drafts and published files, so an export diffs cleanly against them
        return { fileName: `${flowId ?? toFlowId(flow.name ?? '')}.json`, text: toFlowFileText(flow) };
      },

      dismissNotice: () => set({ notice: null }),
    };
  });

  followLine(designer, store);

  // The marks follow the flow: an edit that removes an exit or a node drops its mark, and another flow opened drops them all.
  designer.subscribe((state, previous) => {
    const { coverage } = store.getState();
    if (coverage === null) return;
    if (state.loadCount !== previous.loadCount && state.flowId !== previous.flowId) {
      store.setState({ coverage: null });
      return;
    }
    let kept = state.flow === previous.flow ? coverage : keepExistingMarks(coverage, state.flow);
    // a rename: the same flow under another file name keeps its marks
    if (state.flowId !== null && state.flowId !== coverage.flowId) kept = { ...kept, flowId: state.flowId };
    if (kept !== coverage) store.setState({ coverage: kept });
  });
  return store;
}
