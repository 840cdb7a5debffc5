import type { CallDetail, CallListPage, FlowAnalytics } from '../../../core/designer-api/types.ts';
import { toAnalyticsUrl, toCallUrl, toCallsUrl, type AnalyticsRange, type CallFilters } from '../model/insights-query.ts';
import { requestApi } from './api-client.ts';

// What real callers lived through, as the runtime's designer API answers it:
// the call list a page at a time, one call with its timeline, and a flow's figures.

export const insightsApi = {
  listCalls: (flowId: string, filters: CallFilters, cursor: string | null) => requestApi<CallListPage>('GET', toCallsUrl(flowId, filters, { cursor })),
  getCall: (callSid: string, showNumbers: boolean) => requestApi<CallDetail>('GET', toCallUrl(callSid, showNumbers)),
  getAnalytics: (flowId: string, range: AnalyticsRange) => requestApi<FlowAnalytics>('GET', toAnalyticsUrl(flowId, range)),
};

export type InsightsApi = typeof insightsApi;
