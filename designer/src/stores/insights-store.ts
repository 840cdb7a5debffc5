import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallDetail, CallListEntry, FlowAnalytics } from '../../../core/designer-api/types.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { parseFlow } from '../../../core/schema/parse.ts';
import { DEFAULT_TARGET_SECONDS, getRecentDays, NO_FILTERS, type AnalyticsRange, type CallFilters } from '../model/insights-query.ts';
import { insightsApi, type InsightsApi } from '../api/insights-api.ts';

// What real callers lived through, for the open flow: the calls list with
// its filters and pages, the call opened from it, and the figures the
// dashboard and the canvas overlay draw. Kept apart from the designer store:
// none of it is an edit, and undo never touches it.

export type MainView = 'design' | 'calls' | 'dashboard';

/** A call opened from the list: its detail, and the version it ran parsed for the canvas and the simulator. */
export interface OpenedCall {
  detail: CallDetail;
  /** null when the version is no longer stored or no longer parses */
  flow: Flow | null;
}

export interface InsightsState {
  view: MainView;
  /** the flow the list and the figures are for */
  flowId: string | null;
  filters: CallFilters;
  calls: CallListEntry[];
  /** calls matching the filters, all pages */
  total: number;
  nextCursor: string | null;
  loadingCalls: boolean;
  openedCall: OpenedCall | null;
  range: AnalyticsRange;
  analytics: FlowAnalytics | null;
  loadingAnalytics: boolean;
  /** what the last request that failed said */
  error: string | null;

  showView(view: MainView): void;
  /** Shows the first page of `flowId`'s calls matching `filters` (the current ones when absent). */
  loadCalls(flowId: string, filters?: CallFilters): Promise<void>;
  loadMoreCalls(): Promise<void>;
  openCall(callSid: string): Promise<void>;
  closeCall(): void;
  /** Loads the figures of `flowId` for `range` (the current one when absent). */
  loadAnalytics(flowId: string, range?: AnalyticsRange): Promise<void>;
}

export type InsightsStore = StoreApi<InsightsState>;

/** The days the dashboard and the overlay open on. */
export const RECENT_DAYS = 30;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createInsightsStore(api: InsightsApi = insightsApi, today: () => Date = () => new Date()): InsightsStore {
  // Each kind of request counts its own: an answer to an older request (a filter changed meanwhile) is dropped.
  const latest = { calls: 0, call: 0, analytics: 0 };

  return createStore<InsightsState>()((set, get) => ({
    view: 'design',
    flowId: null,
    filters: NO_FILTERS,
    calls: [],
    total: 0,
    nextCursor: null,
    loadingCalls: false,
    openedCall: null,
    range: { ...getRecentDays(today(), RECENT_DAYS), version: '', targetSeconds: DEFAULT_TARGET_SECONDS },
    analytics: null,
    loadingAnalytics: false,
    error: null,

    showView: (view) => set({ view }),

    async loadCalls(flowId, filters = get().filters) {
      const request = ++latest.calls;
      const sameList = flowId === get().flowId;
      set({ flowId, filters, loadingCalls: true, error: null, ...(sameList ? {} : { calls: [], total: 0, nextCursor: null, analytics: null }) });
      try {
        const page = await api.listCalls(flowId, filters, null);
        if (request === latest.calls) set({ calls: page.calls, total: page.total, nextCursor: page.nextCursor });
      } catch (error) {
        if (request === latest.calls) set({ error: describe(error) });
      } finally {
        if (request === latest.calls) set({ loadingCalls: false });
      }
    },

    async loadMoreCalls() {
      const { flowId, filters, nextCursor, loadingCalls } = get();
      if (flowId === null || nextCursor === null || loadingCalls) return;
      const request = ++latest.calls;
      set({ loadingCalls: true, error: null });
      try {
        const page = await api.listCalls(flowId, filters, nextCursor);
        if (request === latest.calls) set({ calls: [...get().calls, ...page.calls], total: page.total, nextCursor: page.nextCursor });
      } catch (error) {
        if (request === latest.calls) set({ error: describe(error) });
      } finally {
        if (request === latest.calls) set({ loadingCalls: false });
      }
    },

    async openCall(callSid) {
      const request = ++latest.call;
      set({ error: null });
      try {
        const detail = await api.getCall(callSid, get().filters.showNumbers);
        if (request !== latest.call) return;
        const parsed = detail.flow === null ? undefined : parseFlow(detail.flow);
        set({ openedCall: { detail, flow: parsed?.ok ? parsed.flow : null } });
      } catch (error) {
        if (request === latest.call) set({ error: describe(error) });
      }
    },

    closeCall() {
      latest.call++;
      set({ openedCall: null });
    },

    async loadAnalytics(flowId, range = get().range) {
      const request = ++latest.analytics;
      set({ range, loadingAnalytics: true, error: null, ...(flowId === get().flowId ? {} : { flowId, analytics: null, calls: [], total: 0, nextCursor: null }) });
      try {
        const analytics = await api.getAnalytics(flowId, range);
        if (request === latest.analytics) set({ analytics });
      } catch (error) {
        if (request === latest.analytics) set({ error: describe(error) });
      } finally {
        if (request === latest.analytics) set({ loadingAnalytics: false });
      }
    },
  }));
}
