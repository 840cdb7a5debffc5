import express, { type Request, type Router } from 'express';
import type { CallDetail, CallListEntry, CallListPage, CallTimelineEvent, FlowAnalytics } from '../../core/designer-api/types.ts';
import type { MeasuredEvidence } from '../../core/profiles/measures.ts';
import { maskCallerNumber } from '../../core/calls/mask-caller-number.ts';
import type { CallCursor, CallFilter, CallStore } from '../store/types.ts';
import { DesignerApiError, parseWith } from './api-error.ts';
import { toCsv, type CsvValue } from './csv.ts';
import { AnalyticsQuerySchema, CallCsvQuerySchema, CallDetailQuerySchema, CallListQuerySchema, CallSidSchema, FlowIdSchema, MeasuresQuerySchema } from './schemas.ts';

// What real callers lived through: the call list, a call's detail, the
// analytics, their CSV, and a compliance report's measured evidence. Behind the admin token with the rest of /api.
// Caller numbers leave masked unless the request asks (`numbers=shown`) and
// HUMANLINE_SHOW_CALLER_NUMBERS allows it; none is ever logged.

export interface CallRoutesDeps {
  store: Pick<CallStore, 'listCalls' | 'getCallDetail' | 'getFlowAnalytics' | 'getFlowVersion' | 'getMeasuredEvidence'>;
  /** HUMANLINE_SHOW_CALLER_NUMBERS */
  showCallerNumbers: boolean;
  now: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Without `from`, the range is the 30 days before `to`. */
const DEFAULT_RANGE_DAYS = 30;
/** The longest range one request reads. */
const MAX_RANGE_DAYS = 400;
/** The longest period of a compliance report's measures: a year, leap or not. */
const MAX_MEASURES_DAYS = 366;
/** The most calls one CSV export holds; a longer range is refused with what to do. */
const CSV_MAX_CALLS = 100_000;
const CSV_PAGE = 1000;

/** The cursor as the client sees it: opaque, URL-safe. */
const toCursorText = (cursor: CallCursor) => Buffer.from(JSON.stringify([cursor.startedMs, cursor.callSid])).toString('base64url');

function toCursor(text: string): CallCursor {
  try {
    const [startedMs, callSid] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (Number.isSafeInteger(startedMs) && typeof callSid === 'string' && callSid.length <= 64) return { startedMs: startedMs as number, callSid };
  } catch {
    // refused below, as any other cursor this API did not write
  }
  throw new DesignerApiError(400, 'bad query: cursor: must be the nextCursor of the previous page');
}

/** The range asked for, defaulted and bounded. */
function toRange(query: { from?: Date | undefined; to?: Date | undefined }, now: Date, maxDays = MAX_RANGE_DAYS): { from: Date; to: Date } {
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) throw new DesignerApiError(400, 'bad query: from: must be before to');
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) throw new DesignerApiError(400, `bad query: from: must be at most ${maxDays} days before to`);
  return { from, to };
}

// flowId: the flow the call started in, whose version versionId is (a call a goto brought here started in another flow)
/** The most linked flows one call's detail carries, so its answer stays bounded; a call rarely enters more than a few. */
const MAX_LINKED_FLOWS = 20;

/** The flows the call's gotos continued it in, each version once (the call pins one version per flow), as they ran; past MAX_LINKED_FLOWS without their content. */
async function readLinkedFlows(store: CallRoutesDeps['store'], call: CallListEntry, timeline: readonly CallTimelineEvent[]): Promise<CallDetail['linkedFlows']> {
  const versions = new Map<string, { flowId: string; versionId: string }>();
  for (const event of timeline) {
    if (event.type !== 'flowLinked' || (event.flowId === call.flowId && event.versionId === call.versionId)) continue;
    versions.set(JSON.stringify([event.flowId, event.versionId]), { flowId: event.flowId, versionId: event.versionId });
  }
  return Promise.all(
    [...versions.values()].map(async ({ flowId, versionId }, index) => {
      const version = index < MAX_LINKED_FLOWS ? await store.getFlowVersion(flowId, versionId) : undefined;
      return { flowId, versionId, flow: version === undefined ? null : (JSON.parse(version.flowJson) as unknown) };
    }),
  );
}

const CALL_CSV_HEADER = ['callSid', 'startedAt', 'durationSeconds', 'caller', 'flowId', 'versionId', 'outcome', 'endNodeId', 'secondsToPerson', 'stepsToPerson', 'surveyScore'];
const toCallCsvRow = (call: CallListEntry): CsvValue[] => [
  call.callSid,
  call.startedAt,
  call.durationSeconds,
  call.caller,
  call.flowId,
  call.versionId,
  call.outcome,
  call.endNodeId,
  call.secondsToPerson,
  call.stepsToPerson,
  call.surveyScore,
];

const NODE_CSV_HEADER = ['nodeId', 'visits', 'dropOffs', 'zeroOuts', 'noInputs', 'noMatches', 'medianStepsToPerson', 'medianSecondsToPerson'];

export function createCallRoutes(deps: CallRoutesDeps): Router {
  const { store } = deps;
  const router = express.Router();

  /** Whole numbers only when asked and allowed; asking without the operator's leave is refused, not silently masked. */
  function getCallerView(numbers: 'masked' | 'shown'): (call: CallListEntry) => CallListEntry {
    if (numbers === 'shown' && !deps.showCallerNumbers) {
      throw new DesignerApiError(403, 'caller numbers are masked on this runtime: numbers=shown needs HUMANLINE_SHOW_CALLER_NUMBERS=true');
    }
    return numbers === 'shown' ? (call) => call : (call) => ({ ...call, caller: maskCallerNumber(call.caller) });
  }

  function getFilter(req: Request, query: { from?: Date | undefined; to?: Date | undefined; version?: string | undefined }): Omit<CallFilter, 'outcome'> {
    const flowId = parseWith(FlowIdSchema, req.params.id, 'flow id');
    return { flowId, ...toRange(query, deps.now()), ...(query.version === undefined ? {} : { versionId: query.version }) };
  }

  /** Analytics count per hour of the calls' start: whole hours only (none is rounded silently); by default the 30 days to the end of this hour. */
  function getHourFilter(req: Request, query: { from?: Date | undefined; to?: Date | undefined; version?: string | undefined }): Omit<CallFilter, 'outcome'> {
    for (const name of ['from', 'to'] as const) {
      const time = query[name];
      if (time !== undefined && time.getTime() % HOUR_MS !== 0) {
        throw new DesignerApiError(400, `bad query: ${name}: analytics count per hour of the calls' start: give a whole hour such as 2026-03-01 or 2026-03-01T09:00:00Z`);
      }
    }
    const endOfHour = new Date(Math.ceil((deps.now().getTime() + 1) / HOUR_MS) * HOUR_MS);
    return getFilter(req, { ...query, to: query.to ?? endOfHour });
  }

  router.get('/flows/:id/calls', async (req, res) => {
    const query = parseWith(CallListQuerySchema, req.query, 'query');
    const view = getCallerView(query.numbers);
    const filter: CallFilter = { ...getFilter(req, query), ...(query.outcome === undefined ? {} : { outcome: query.outcome }) };
    const page = await store.listCalls(filter, { limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: toCursor(query.cursor) }) });
    res.json({ calls: page.calls.map(view), total: page.total, nextCursor: page.next === null ? null : toCursorText(page.next) } satisfies CallListPage);
  });

  router.get('/flows/:id/calls.csv', async (req, res) => {
    const query = parseWith(CallCsvQuerySchema, req.query, 'query');
    const view = getCallerView(query.numbers);
    const filter: CallFilter = { ...getFilter(req, query), ...(query.outcome === undefined ? {} : { outcome: query.outcome }) };
    const rows: CsvValue[][] = [];
    let cursor: CallCursor | undefined;
    do {
      const page = await store.listCalls(filter, { limit: CSV_PAGE, ...(cursor === undefined ? {} : { cursor }) });
      if (page.total > CSV_MAX_CALLS) throw new DesignerApiError(400, `bad query: the range holds ${page.total} calls, more than the ${CSV_MAX_CALLS} one export takes: narrow from and to`);
      rows.push(...page.calls.map((call) => toCallCsvRow(view(call))));
      cursor = page.next ?? undefined;
    } while (cursor !== undefined);
    res.type('text/csv; charset=utf-8').attachment(`${filter.flowId}-calls.csv`).send(toCsv(CALL_CSV_HEADER, rows));
  });

  router.get('/calls/:sid', async (req, res) => {
    const callSid = parseWith(CallSidSchema, req.params.sid, 'call sid');
    const query = parseWith(CallDetailQuerySchema, req.query, 'query');
    const view = getCallerView(query.numbers);
    const detail = await store.getCallDetail(callSid);
    if (detail === undefined) throw new DesignerApiError(404, `no call ${callSid} (never started here, or older than the retention)`);
    const version = await store.getFlowVersion(detail.call.flowId, detail.call.versionId);
    const linkedFlows = await readLinkedFlows(store, detail.call, detail.timeline);
    res.json({ call: view(detail.call), timeline: detail.timeline, path: detail.path, flow: version === undefined ? null : JSON.parse(version.flowJson), linkedFlows } satisfies CallDetail);
  });

  router.get('/flows/:id/analytics', async (req, res) => {
    const query = parseWith(AnalyticsQuerySchema, req.query, 'query');
    res.json((await store.getFlowAnalytics(getHourFilter(req, query), query.target)) satisfies FlowAnalytics);
  });

  /** A compliance report's measured evidence: the calls started in [from, to), by default the 30 days to now. */
  router.get('/flows/:id/measures', async (req, res) => {
    const query = parseWith(MeasuresQuerySchema, req.query, 'query');
    const flowId = parseWith(FlowIdSchema, req.params.id, 'flow id');
    const { from, to } = toRange(query, deps.now(), MAX_MEASURES_DAYS);
    res.json((await store.getMeasuredEvidence(flowId, from, to)) satisfies MeasuredEvidence);
  });

  router.get('/flows/:id/analytics/nodes.csv', async (req, res) => {
    const query = parseWith(AnalyticsQuerySchema, req.query, 'query');
    const filter = getHourFilter(req, query);
    const { nodes } = await store.getFlowAnalytics(filter, query.target);
    const rows = Object.entries(nodes)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([nodeId, node]): CsvValue[] => [nodeId, node.visits, node.dropOffs, node.zeroOuts, node.noInputs, node.noMatches, node.medianStepsToPerson, node.medianSecondsToPerson]);
    res.type('text/csv; charset=utf-8').attachment(`${filter.flowId}-nodes.csv`).send(toCsv(NODE_CSV_HEADER, rows));
  });

  return router;
}
