import { CALL_OUTCOMES, type CallOutcome } from '../../../core/designer-api/types.ts';

// What the calls list and the dashboard ask the API: the filters a designer
// sets, turned into the query string of the calls, analytics and CSV routes.

/** The calls list's filters as the form holds them; empty means "any". */
export interface CallFilters {
  outcome: CallOutcome | '';
  /** first day, `YYYY-MM-DD` in the designer's time zone */
  fromDay: string;
  /** last day, included */
  toDay: string;
  version: string;
  /** whole caller numbers, which the runtime shows only when its operator allows it (HUMANLINE_SHOW_CALLER_NUMBERS) */
  showNumbers: boolean;
}

export const NO_FILTERS: CallFilters = { outcome: '', fromDay: '', toDay: '', version: '', showNumbers: false };

/** Calls per page: the first page answers fast, "load more" asks for the next. */
export const CALLS_PAGE_SIZE = 50;

/** Twelve hours at most: more than any bound a person would wait for, less than absurd. */
export const MAX_TARGET_SECONDS = 12 * 3600;
/** Spain's three-minute rule for reaching a person. */
export const DEFAULT_TARGET_SECONDS = 180;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a local day starts (its midnight in the designer's zone); undefined for a malformed day. */
export function toDayStart(day: string): Date | undefined {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `YYYY-MM-DD` of a date in the designer's zone, for a date input. */
export function toDayText(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** From the start of `fromDay` to the start of the day after `toDay`, as ISO instants; a bound left empty is absent. */
export function toRange(fromDay: string, toDay: string): { from?: string; to?: string } {
  const from = toDayStart(fromDay);
  const lastDay = toDayStart(toDay);
  const to = lastDay && new Date(lastDay.getFullYear(), lastDay.getMonth(), lastDay.getDate() + 1);
  return { ...(from ? { from: from.toISOString() } : {}), ...(to ? { to: to.toISOString() } : {}) };
}

/** The last `days` days up to and including `today`, as the dashboard opens. */
export function getRecentDays(today: Date, days: number): { fromDay: string; toDay: string } {
  return { fromDay: toDayText(new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1))), toDay: toDayText(today) };
}

const isOutcome = (value: string): value is CallOutcome => (CALL_OUTCOMES as readonly string[]).includes(value);

/** The filters' query parameters, in a fixed order so one filter makes one URL. */
function toFilterParams(filters: CallFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (isOutcome(filters.outcome)) params.set('outcome', filters.outcome);
  const { from, to } = toRange(filters.fromDay, filters.toDay);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (filters.version.trim() !== '') params.set('version', filters.version.trim());
  if (filters.showNumbers) params.set('numbers', 'shown');
  return params;
}

const withQuery = (path: string, params: URLSearchParams) => (params.size === 0 ? path : `${path}?${params.toString()}`);
const flowPath = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}`;

/** `GET /api/flows/:id/calls`: one page of the filtered list; the next page by its cursor. */
export function toCallsUrl(flowId: string, filters: CallFilters, page: { cursor?: string | null; limit?: number } = {}): string {
  const params = toFilterParams(filters);
  if (page.cursor) params.set('cursor', page.cursor);
  params.set('limit', String(page.limit ?? CALLS_PAGE_SIZE));
  return withQuery(`${flowPath(flowId)}/calls`, params);
}

/** `GET /api/calls/:sid`: one call, its caller number as the list shows it. */
export const toCallUrl = (callSid: string, showNumbers: boolean): string => `/api/calls/${encodeURIComponent(callSid)}${showNumbers ? '?numbers=shown' : ''}`;

/** The filtered call list as a CSV file: every page, the same filters. */
export const toCallsCsvUrl = (flowId: string, filters: CallFilters): string => withQuery(`${flowPath(flowId)}/calls.csv`, toFilterParams(filters));

/** What the dashboard and the overlay look at: a flow's calls in a range of days, one version or all. */
export interface AnalyticsRange {
  fromDay: string;
  toDay: string;
  version: string;
  targetSeconds: number;
}

function toAnalyticsParams(range: AnalyticsRange): URLSearchParams {
  const params = toFilterParams({ ...NO_FILTERS, fromDay: range.fromDay, toDay: range.toDay, version: range.version });
  if (Number.isInteger(range.targetSeconds) && range.targetSeconds > 0 && range.targetSeconds <= MAX_TARGET_SECONDS) params.set('target', String(range.targetSeconds));
  return params;
}

/** `GET /api/flows/:id/analytics`: the dashboard's and the overlay's figures. */
export const toAnalyticsUrl = (flowId: string, range: AnalyticsRange): string => withQuery(`${flowPath(flowId)}/analytics`, toAnalyticsParams(range));

/** The per-node figures as a CSV file, for the same range. */
export const toNodesCsvUrl = (flowId: string, range: AnalyticsRange): string => withQuery(`${flowPath(flowId)}/analytics/nodes.csv`, toAnalyticsParams(range));

/** A target typed by the designer, in whole seconds within bounds; undefined for anything else. */
export function parseTargetSeconds(text: string): number | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 && value <= MAX_TARGET_SECONDS ? value : undefined;
}
