import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FlowListEntry } from '../../../core/designer-api/types.ts';
import type { Finding } from '../../../core/lint/types.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { toFlowFileText } from '../../../core/schema/flow-file-text.ts';
import { parseJsonText } from '../../../core/schema/json-text.ts';
import { createStarterFlow } from '../model/starter-flow.ts';
import type { DesignerStore } from './designer-store.ts';
import { api, ApiError } from '../api/api-client.ts';
import { getFreeFlowId, toFlowId } from '../model/flow-id.ts';
import { countOf } from '../../../core/format/words.ts';

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

export interface FilesState {
  auth: AuthState;
  flows: FlowListEntry[];
  busy: boolean;
  notice: Notice | null;
  refresh(): Promise<void>;
  open(id: string): Promise<boolean>;
  create(name: string): Promise<void>;
  save(): Promise<boolean>;
  publish(): Promise<boolean>;
  rename(id: string, to: string): Promise<void>;
  duplicate(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  importFile(fileName: string, text: string): Promise<void>;
  /** The flow as the file the designer saves, for a download. */
  exportJson(): { fileName: string; text: string };
  dismissNotice(): void;
}

export type FilesStore = StoreApi<FilesState>;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createFilesStore(designer: DesignerStore): FilesStore {
  return createStore<FilesState>()((set, get) => {
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

    /** Loads a stored flow into the designer; throws what went wrong, for the action around it to report. */
    async function load(id: string): Promise<void> {
      const opened = await api.openFlow(id);
      if (opened.flow === null) throw new Error(`${id}.json is not valid JSON: ${opened.lint.findings[0]?.message ?? ''}`);
      if (!designer.getState().load(id, opened.flow as Flow)) throw new Error(designer.getState().lastError ?? `cannot open ${id}`);
    }

    async function open(id: string): Promise<boolean> {
      return run(async () => {
        await load(id);
        set({ notice: null });
        return true;
      }, false);
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

    return {
      auth: 'checking',
      flows: [],
      busy: false,
      notice: null,
      refresh,
      open,
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

      async publish() {
        const { flowId } = designer.getState();
        if (flowId === null) return fail(new Error('Save the flow before publishing it.'));
        // The runtime publishes the stored draft, so what is on screen is saved first.
        if (designer.getState().dirty && !(await save())) return false;
        return run(async () => {
          await api.publishFlow(flowId);
          set({ notice: { kind: 'info', text: `Published ${flowId}: calls from now on get this version.` } });
          await refresh();
          return true;
        }, false);
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
          const data = parsed.data;
          const id = getFreeFlowId(toFlowId(fileName), takenIds());
          const imported = await api.importFlow(id, data);
          await refresh();
          await load(id);
          const unmapped = imported.findings.length;
          set({
            notice: {
              kind: 'info',
              text: unmapped === 0 ? `Imported ${fileName} as ${id}; everything was mapped.` : `Imported ${fileName} as ${id}; ${countOf(unmapped, 'thing')} could not be mapped:`,
              findings: imported.findings,
            },
          });
        }, undefined);
      },

      exportJson() {
        const { flowId, flow } = designer.getState();
        // written as the runtime writes drafts and published files, so an export diffs cleanly against them
        return { fileName: `${flowId ?? toFlowId(flow.name)}.json`, text: toFlowFileText(flow) };
      },

      dismissNotice: () => set({ notice: null }),
    };
  });
}
