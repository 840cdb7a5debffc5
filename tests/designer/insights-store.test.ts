import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CallDetail, CallListEntry, CallListPage, FlowAnalytics } from '../../core/designer-api/types.ts';
import type { InsightsApi } from '../../designer/src/api/insights-api.ts';
import { NO_FILTERS, type CallFilters } from '../../designer/src/model/insights-query.ts';
import { createInsightsStore } from '../../designer/src/stores/insights-store.ts';

// The calls list, the opened call and the figures, with the API answering
// as the test decides: pages follow their cursor, a late answer to an older
// filter never replaces the newer one.

const bank = JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8'));

const entry = (callSid: string): CallListEntry => ({
  callSid,
  flowId: 'bank',
  versionId: 'v1',
  startedAt: '2026-03-10T15:00:00.000Z',
  durationSeconds: 30,
  caller: '+34 6•• ••• •01',
  outcome: 'person',
  endNodeId: 'goodbye',
  secondsToPerson: 20,
  stepsToPerson: 1,
  surveyScore: null,
});

/** An API whose answers the test releases by hand, in any order. */
function createHeldApi() {
  const pending: Array<{ filters: CallFilters; cursor: string | null; answer(page: CallListPage): void }> = [];
  const api: InsightsApi = {
    listCalls: (_flowId, filters, cursor) => new Promise((resolve) => pending.push({ filters, cursor, answer: resolve })),
    getCall: async (callSid) => ({ call: entry(callSid), timeline: [], path: ['main_menu'], flow: callSid === 'CAgone' ? null : bank, linkedFlows: [] }) satisfies CallDetail,
    getAnalytics: async (flowId) => ({ flowId, calls: 7 }) as FlowAnalytics,
  };
  return { api, pending };
}

describe('the insights store', () => {
  it('appends the next page by its cursor and stops on the last', async () => {
    const { api, pending } = createHeldApi();
    const store = createInsightsStore(api);
    const first = store.getState().loadCalls('bank');
    pending[0]!.answer({ calls: [entry('CA1'), entry('CA2')], total: 3, nextCursor: 'c2' });
    await first;
    const more = store.getState().loadMoreCalls();
    expect(pending[1]!.cursor).toBe('c2');
    pending[1]!.answer({ calls: [entry('CA3')], total: 3, nextCursor: null });
    await more;
    expect(store.getState().calls.map((call) => call.callSid)).toEqual(['CA1', 'CA2', 'CA3']);
    await store.getState().loadMoreCalls();
    expect(pending).toHaveLength(2);
  });

  it('keeps the list of the newest filters when an older answer comes late', async () => {
    const { api, pending } = createHeldApi();
    const store = createInsightsStore(api);
    const all = store.getState().loadCalls('bank', NO_FILTERS);
    const hungUp = store.getState().loadCalls('bank', { ...NO_FILTERS, outcome: 'hungUp' });
    pending[1]!.answer({ calls: [entry('CAhung')], total: 1, nextCursor: null });
    await hungUp;
    pending[0]!.answer({ calls: [entry('CA1'), entry('CA2')], total: 2, nextCursor: null });
    await all;
    expect(store.getState().calls.map((call) => call.callSid)).toEqual(['CAhung']);
    expect(store.getState()).toMatchObject({ total: 1, loadingCalls: false, filters: { outcome: 'hungUp' } });
  });

  it('opens a call with the version it ran, and says when that version is gone', async () => {
    const store = createInsightsStore(createHeldApi().api);
    await store.getState().openCall('CA1');
    expect(store.getState().openedCall?.flow?.entry).toBe('greeting');
    await store.getState().openCall('CAgone');
    expect(store.getState().openedCall).toMatchObject({ flow: null, detail: { call: { callSid: 'CAgone' } } });
    store.getState().closeCall();
    expect(store.getState().openedCall).toBeNull();
  });

  it('reports a refusal in words and clears another flow\'s figures', async () => {
    const { api } = createHeldApi();
    const store = createInsightsStore({ ...api, getAnalytics: async () => Promise.reject(new Error('from must be before to')) }, () => new Date(2026, 2, 10));
    expect(store.getState().range).toMatchObject({ fromDay: '2026-02-09', toDay: '2026-03-10', targetSeconds: 180 });
    await store.getState().loadAnalytics('bank');
    expect(store.getState()).toMatchObject({ error: 'from must be before to', analytics: null, loadingAnalytics: false });
  });
});
