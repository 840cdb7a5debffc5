import { Redis, type Result } from 'ioredis';
import type { Logger } from 'pino';
import { StoreError, StoreOpenError } from '../errors.ts';
import type { CallTimelineEvent } from '../../core/designer-api/types.ts';
import { createMeasureTally } from './measured-evidence.ts';
import { computeFlowAnalytics, getCallFlows, getCallFlowVersion, isMarkOfFlow, toCallListEntry, toHourRange, toOutcome, type CallSummaryFields, type StoredNodeMark } from './call-figures.ts';
import { parseCallRecord } from './parse-call-record.ts';
import { isHoldingIn } from './queue-head.ts';
import { getRedisOptions, toRedactedRedisUrl } from './redis-options.ts';
import {
  CALL_STATUSES,
  FINAL_STATUSES,
  STATUS_RANK,
  type CallEventRecord,
  type CallRecord,
  type CallFilter,
  type CallStatus,
  type CallSummaryUpdate,
  type CallStore,
  type FlowVersionRecord,
  PUBLISH_HISTORY_LENGTH,
  QUEUE_HEAD_SCAN,
  type PublishRecord,
  type QueueLeaveReason,
} from './types.ts';

// The store for several replicas: every call's state lives in one Redis, so
// whichever replica Twilio's next webhook lands on reads it there. Nothing of a
// call is kept only in this process's memory.
//
// Keys (all under the key prefix, `humanline:` by default):
//   call:{sid}          hash: seq, record (JSON)            TTL: CALL_TTL_SECONDS, refreshed by each step
//   answers:{sid}       hash: answer seq -> TwiML answered  same TTL (every answer of a live call, for replays)
//   status:{sid}        string: the call's status           same TTL
//   queue-leave:{sid}   hash: seq -> reason                 same TTL
//   events:{sid}        list: one JSON {at, events} per webhook, in order   TTL: EVENTS_TTL_SECONDS
//   flow-version:{flowId}:{versionId}  string: the flow's JSON as served  (kept: calls stay pinned to it)
//   flow-latest:{flowId}  string: the version id saved last  (kept: a restart serves it when the flow's file is broken)
//   flow-publishes:{flowId}  list: JSON publish records, newest first, trimmed to PUBLISH_HISTORY_LENGTH  (kept)
//   summary:{sid}       hash: the call's summary, merged at write time (call-figures.ts CallSummaryFields),
//                       with `linked:{flowId}` -> version for each flow a goto moved the call to     TTL: the retention
//   nodes:{sid}         list: JSON node marks, in order                                                same TTL
//   flow-summaries:{flowId}  sorted set: call sids by start (ms, the runtime's clock), of the calls started in the
//                       flow and of those a goto moved to it; purgeCalls trims it
//   summary-flows       set: the flows that have summaries (what purgeCalls walks)
//   queue-calls:{queue} sorted set: "{seq}:{sid}" of each call that entered the queue at wait seq, by queue-order  TTL: CALL_TTL_SECONDS
//   queue-order         counter: the order calls entered queues in (first in, first out across replicas)
// A queue's entries are checked against the call's record when read: one whose call moved on, ended or was taken goes then.
// The call list and analytics read at most CALL_QUERY_LIMIT calls of a range (the newest): bounded reads.
// One Redis (or a primary with Sentinel), not Cluster: a step's script touches the call's keys and its flow's index.

/** Twilio ends a call after 4 hours by default; a call is kept that long after its last step, and more. */
export const CALL_TTL_SECONDS = 6 * 60 * 60;
/** Analytics read a week of events from Redis. */
export const EVENTS_TTL_SECONDS = 7 * 24 * 60 * 60;
/** Calls whose last saved record this replica keeps, to answer their next step without a read. */
const SAVED_HERE_MAX_CALLS = 10_000;
/** The most calls one call-list or analytics request reads from Redis: the newest of the range; SQLite has no such limit. */
export const CALL_QUERY_LIMIT = 50_000;
/** Summaries read per round trip. */
const READ_BATCH = 1000;

/**
 * Merges a CallSummaryUpdate (as flat JSON) into summary:{sid}, first values
 * kept, so a duplicate or late webhook changes nothing twice; a call never
 * started gets nothing. Included in the step's script, so it commits with it.
 */
const MERGE_SUMMARY_LUA = `
local function mergeSummary(summaryKey, nodesKey, flowKey, flowsKey, text, sid, ttl, linkKeys)
  local u = cjson.decode(text)
  if u.flowId and redis.call('EXISTS', summaryKey) == 0 then
    redis.call('HSET', summaryKey, 'flowId', u.flowId, 'versionId', u.versionId, 'startedMs', u.at, 'lastMs', u.at, 'caller', u.caller)
    redis.call('ZADD', flowKey, u.at, sid)
    redis.call('SADD', flowsKey, u.flowId)
  end
  if redis.call('EXISTS', summaryKey) == 0 then return 0 end
  if tonumber(u.at) > tonumber(redis.call('HGET', summaryKey, 'lastMs')) then redis.call('HSET', summaryKey, 'lastMs', u.at) end
  if u.personNode and redis.call('HEXISTS', summaryKey, 'personMs') == 0 then
    redis.call('HSET', summaryKey, 'personMs', u.at, 'personSteps', u.personSteps, 'personNode', u.personNode, 'personFlowId', u.personFlow or '')
    if u.personAnsweredMs then redis.call('HSET', summaryKey, 'personAnsweredMs', u.personAnsweredMs) end
  end
  if u.personAsked then redis.call('HSETNX', summaryKey, 'personAskedMs', u.at) end
  if u.lineEndedWait then redis.call('HSET', summaryKey, 'lineEndedWait', '1') end
  if u.followUp then redis.call('HSET', summaryKey, 'followUp', '1') end
  if u.fallback then redis.call('HSET', summaryKey, 'fallback', '1') end
  if u.flowEnd and redis.call('HEXISTS', summaryKey, 'flowEnd') == 0 then
    redis.call('HSET', summaryKey, 'flowEnd', u.flowEnd, 'flowEndNode', u.flowEndNode or '', 'endFlowId', u.flowEndFlow or '')
  end
  if u.hangup and redis.call('HEXISTS', summaryKey, 'hangupMs') == 0 then
    redis.call('HSET', summaryKey, 'hangupMs', u.at, 'hangupNode', u.hangupNode or '', 'hangupInQueue', u.hangupInQueue)
    if redis.call('HEXISTS', summaryKey, 'flowEnd') == 0 then redis.call('HSET', summaryKey, 'endFlowId', u.hangupFlow or '') end
  end
  if u.linked then
    local entryFlow = redis.call('HGET', summaryKey, 'flowId')
    local startedMs = redis.call('HGET', summaryKey, 'startedMs')
    for i, link in ipairs(u.linked) do
      if link.flowId ~= entryFlow and redis.call('HSETNX', summaryKey, 'linked:' .. link.flowId, link.versionId) == 1 then
        redis.call('ZADD', linkKeys[i], startedMs, sid)
        redis.call('SADD', flowsKey, link.flowId)
      end
    end
  end
  if u.surveyScore then redis.call('HSETNX', summaryKey, 'surveyScore', u.surveyScore) end
  for _, mark in ipairs(u.marks) do redis.call('RPUSH', nodesKey, mark) end
  redis.call('EXPIRE', summaryKey, ttl)
  if redis.call('EXISTS', nodesKey) == 1 then redis.call('EXPIRE', nodesKey, ttl) end
  return 1
end
`;

const STATUS_RANKS_LUA = `{${CALL_STATUSES.map((status) => `['${status}']=${STATUS_RANK[status]}`).join(',')}}`;
const FINAL_STATUSES_LUA = `{${[...FINAL_STATUSES].map((status) => `['${status}']=true`).join(',')}}`;

/**
 * A step is saved only when the call is still at the seq the webhook was
 * answered from (compare-and-set): of two replicas answering the same webhook,
 * one saves and the other gets 0 ('conflict') and replays the saved answer.
 * KEYS: call, answers, events, summary, nodes, flow-summaries, summary-flows,
 * queue-calls (the queue the call now holds in, if any), queue-order, then the
 * flow-summaries of each flow the summary update's `linked` names, in its order.
 * ARGV: expected seq ('' for a new call), new seq, record, answer seq, TwiML,
 * call TTL, events entry ('' for none), events TTL, call sid, summary update
 * JSON ('' for none), summary TTL, queue entry ('' when the call holds in no
 * queue). The summary's start indexes the call in flow-summaries: the one
 * index of a flow's calls.
 */
const SAVE_STEP_LUA = `${MERGE_SUMMARY_LUA}
local current = redis.call('HGET', KEYS[1], 'seq')
if ARGV[1] == '' then
  if current then return 0 end
elseif current ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'record', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[6])
redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[6])
if ARGV[7] ~= '' then
  redis.call('RPUSH', KEYS[3], ARGV[7])
  redis.call('EXPIRE', KEYS[3], ARGV[8])
end
local linkKeys = {}
for i = 10, #KEYS do linkKeys[#linkKeys + 1] = KEYS[i] end
if ARGV[10] ~= '' then mergeSummary(KEYS[4], KEYS[5], KEYS[6], KEYS[7], ARGV[10], ARGV[9], ARGV[11], linkKeys) end
if ARGV[12] ~= '' then
  redis.call('ZADD', KEYS[8], redis.call('INCR', KEYS[9]), ARGV[12])
  redis.call('EXPIRE', KEYS[8], ARGV[6])
end
return 1
`;

/**
 * KEYS: summary, nodes, flow-summaries, summary-flows (the flow's, unused without a start), then the
 * flow-summaries of each flow the update's `linked` names. ARGV: update JSON, sid, TTL.
 */
const UPDATE_SUMMARY_LUA = `${MERGE_SUMMARY_LUA}
local linkKeys = {}
for i = 5, #KEYS do linkKeys[#linkKeys + 1] = KEYS[i] end
return mergeSummary(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], linkKeys)
`;

/**
 * A status callback, atomically: a final status stays, and a late lower one
 * (ringing after in-progress) is ignored; its event, if any, is recorded only
 * when it is applied, and a final one ends the call's summary where the call
 * waited (as getHangupSummary does). Returns {applied, kept status}.
 * KEYS: status, events, call, summary, nodes, flow-summaries, summary-flows.
 * ARGV: status, TTL, events entry ('' for none), events TTL, ms, call sid, summary TTL.
 */
const SET_STATUS_LUA = `${MERGE_SUMMARY_LUA}
local ranks = ${STATUS_RANKS_LUA}
local finals = ${FINAL_STATUSES_LUA}
local current = redis.call('GET', KEYS[1])
if current and (finals[current] or ranks[ARGV[1]] < ranks[current]) then
  return {0, current}
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
if ARGV[3] ~= '' then
  redis.call('RPUSH', KEYS[2], ARGV[3])
  redis.call('EXPIRE', KEYS[2], ARGV[4])
end
if finals[ARGV[1]] then
  local update = {at = ARGV[5], hangup = true, hangupInQueue = '0', marks = {}}
  local text = redis.call('HGET', KEYS[3], 'record')
  if text then
    local record = cjson.decode(text)
    local wait = record.wait
    if wait and wait.kind ~= 'end' then
      update.hangupNode = wait.nodeId
      update.hangupFlow = record.flowId
      if wait.kind == 'queue' then update.hangupInQueue = '1' end
    end
  end
  mergeSummary(KEYS[4], KEYS[5], KEYS[6], KEYS[7], cjson.encode(update), ARGV[6], ARGV[7], {})
end
return {1, ARGV[1]}
`;

/** A summary update as the merge script reads it: flat, absent fields left out. */
function toSummaryJson(update: CallSummaryUpdate): string {
  return JSON.stringify({
    at: String(update.at.getTime()),
    ...(update.start ? { flowId: update.start.flowId, versionId: update.start.versionId, caller: update.start.caller } : {}),
    ...(update.person ? { personNode: update.person.nodeId, personSteps: String(update.person.steps), ...(update.person.flowId === undefined ? {} : { personFlow: update.person.flowId }) } : {}),
    ...(update.person?.answeredAt ? { personAnsweredMs: String(update.person.answeredAt.getTime()) } : {}),
    ...(update.personAsked ? { personAsked: true } : {}),
    ...(update.lineEndedWait ? { lineEndedWait: true } : {}),
    ...(update.followUp ? { followUp: true } : {}),
    ...(update.fallback ? { fallback: true } : {}),
    ...(update.flowEnd
      ? { flowEnd: update.flowEnd.kind, ...(update.flowEnd.nodeId === null ? {} : { flowEndNode: update.flowEnd.nodeId }), ...(update.flowEnd.flowId === undefined ? {} : { flowEndFlow: update.flowEnd.flowId }) }
      : {}),
    ...(update.hangup
      ? {
          hangup: true,
          hangupInQueue: update.hangup.inQueue ? '1' : '0',
          ...(update.hangup.nodeId === null ? {} : { hangupNode: update.hangup.nodeId }),
          ...(update.hangup.flowId === undefined ? {} : { hangupFlow: update.hangup.flowId }),
        }
      : {}),
    // the script indexes each in the flow-summaries key passed for it, in this order (toLinkKeys)
    ...(update.linked?.length ? { linked: update.linked.map(({ flowId, versionId }) => ({ flowId, versionId })) } : {}),
    ...(update.surveyScore === undefined ? {} : { surveyScore: String(update.surveyScore) }),
    // cjson reads an empty array as an object: a list of strings it iterates either way
    marks: (update.nodes ?? []).map((mark) => JSON.stringify({ ...mark, atMs: update.at.getTime() } satisfies StoredNodeMark)),
  });
}

function toSummaryFields(callSid: string, fields: Record<string, string>): CallSummaryFields | undefined {
  if (fields.flowId === undefined) return undefined;
  const numberOrNull = (value: string | undefined) => (value === undefined ? null : Number(value));
  const textOrNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);
  return {
    callSid,
    flowId: fields.flowId,
    versionId: fields.versionId ?? '',
    startedMs: Number(fields.startedMs),
    lastMs: Number(fields.lastMs),
    caller: fields.caller ?? '',
    personMs: numberOrNull(fields.personMs),
    personSteps: numberOrNull(fields.personSteps),
    personNode: textOrNull(fields.personNode),
    personAskedMs: numberOrNull(fields.personAskedMs),
    personAnsweredMs: numberOrNull(fields.personAnsweredMs),
    lineEndedWait: fields.lineEndedWait === '1',
    followUp: fields.followUp === '1',
    fallback: fields.fallback === '1',
    flowEnd: (textOrNull(fields.flowEnd) as CallSummaryFields['flowEnd']) ?? null,
    flowEndNode: textOrNull(fields.flowEndNode),
    hangupMs: numberOrNull(fields.hangupMs),
    hangupNode: textOrNull(fields.hangupNode),
    hangupInQueue: fields.hangupInQueue === '1',
    surveyScore: numberOrNull(fields.surveyScore),
    linkedFlows: Object.entries(fields).flatMap(([field, versionId]) => (field.startsWith(LINKED_FIELD) ? [{ flowId: field.slice(LINKED_FIELD.length), versionId }] : [])),
    personFlowId: textOrNull(fields.personFlowId),
    endFlowId: textOrNull(fields.endFlowId),
  };
}

/** A summary's field per flow a goto moved the call to, holding the version. */
const LINKED_FIELD = 'linked:';

/** The flow-summaries keys of a summary update's linked flows, in its order: the save script indexes the call in each. */
const toLinkKeys = (update: CallSummaryUpdate | undefined) => (update?.linked ?? []).map((link) => `flow-summaries:${link.flowId}`);

/** A queue-calls member: the wait's seq first, as a call sid has no colon. */
function toQueueEntry(seq: number, callSid: string): string {
  return `${seq}:${callSid}`;
}

function parseQueueEntry(entry: string): { seq: number; callSid: string } {
  const colon = entry.indexOf(':');
  return { seq: Number(entry.slice(0, colon)), callSid: entry.slice(colon + 1) };
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    humanlineSaveStep(...args: [number, ...string[]]): Result<number, Context>;
    humanlineSetStatus(...args: string[]): Result<[number, string], Context>;
    humanlineUpdateSummary(...args: [number, ...string[]]): Result<number, Context>;
  }
}

export interface RedisStoreOptions {
  /** redis:// or rediss:// */
  url: string;
  logger: Logger;
  /** several runtimes (or test suites) can share one Redis under different prefixes */
  keyPrefix?: string;
  /** how long call summaries are kept (HUMANLINE_RETENTION_DAYS; default 90) */
  retentionDays?: number;
}

export type RedisStore = CallStore & {
  /** a call's events in the order they happened (what analytics read) */
  getEvents(callSid: string): Promise<CallEventRecord[]>;
};

/** Connects to Redis (refusing to start when it cannot) and returns the store. */
export async function createRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const { logger } = options;
  const shownUrl = toRedactedRedisUrl(options.url);
  const client = new Redis(options.url, {
    ...getRedisOptions(options.keyPrefix),
    scripts: {
      // nine keys, then one per linked flow: the count comes first
      humanlineSaveStep: { lua: SAVE_STEP_LUA },
      // four keys, then one per linked flow
      humanlineUpdateSummary: { lua: UPDATE_SUMMARY_LUA },
      humanlineSetStatus: { lua: SET_STATUS_LUA, numberOfKeys: 7 },
    },
  });
  let connection: 'connecting' | 'up' | 'down' = 'connecting';
  let closing = false;
  let lastError: Error | undefined;
  // Each failed reconnect emits an error; the outage is logged once, when the connection goes.
  client.on('error', (error: Error) => (lastError = error));
  client.on('close', () => {
    if (connection !== 'up' || closing) return;
    connection = 'down';
    logger.error({ redis: shownUrl }, 'Redis unreachable: callers go to the fallback until it is back');
  });
  client.on('ready', () => {
    if (connection === 'down') logger.info({ redis: shownUrl }, 'Redis reachable again');
    connection = 'up';
  });
  try {
    await client.connect();
  } catch (error) {
    closing = true;
    client.disconnect();
    throw new StoreOpenError(`cannot reach Redis at ${shownUrl} (HUMANLINE_REDIS_URL): ${(lastError ?? (error as Error)).message}`);
  }

  /** Runs a command, turning a Redis failure into a StoreError (its caller goes to a person). */
  const guard = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const callTtl = String(CALL_TTL_SECONDS);
  const eventsTtl = String(EVENTS_TTL_SECONDS);
  const toEventsEntry = (list: CallEventRecord[], at: Date) => JSON.stringify({ at: at.toISOString(), events: list });
  // The record each call last saved from this replica. A step answering the wait it is at starts from it instead
  // of a read (a round trip is most of a webhook's cost on Redis); the step's save compares the seq in Redis, so
  // a call another replica moved on meanwhile is refused (and replayed) as before. Never used for reads alone.
  const savedHere = new Map<string, CallRecord>();
  const rememberSaved = (record: CallRecord) => {
    savedHere.delete(record.callSid);
    savedHere.set(record.callSid, record);
    if (savedHere.size > SAVED_HERE_MAX_CALLS) savedHere.delete(savedHere.keys().next().value as string);
  };
  const summaryTtl = String(Math.round((options.retentionDays ?? 90) * 24 * 60 * 60));

  /** The summaries of the filter's calls (the newest CALL_QUERY_LIMIT of its range), version filtered. */
  const readSummaries = async (filter: Omit<CallFilter, 'outcome'>): Promise<CallSummaryFields[]> => {
    const sids = await client.zrevrangebyscore(`flow-summaries:${filter.flowId}`, `(${filter.to.getTime()}`, filter.from.getTime(), 'LIMIT', 0, CALL_QUERY_LIMIT);
    const summaries: CallSummaryFields[] = [];
    for (let start = 0; start < sids.length; start += READ_BATCH) {
      const batch = sids.slice(start, start + READ_BATCH);
      const pipeline = client.pipeline();
      for (const sid of batch) pipeline.hgetall(`summary:${sid}`);
      const results = (await pipeline.exec()) ?? [];
      batch.forEach((sid, index) => {
        const summary = toSummaryFields(sid, (results[index]?.[1] as Record<string, string> | undefined) ?? {});
        // the version the call ran this flow in: a call a goto moved here has the linked flow's
        if (summary !== undefined && (filter.versionId === undefined || getCallFlowVersion(summary, filter.flowId) === filter.versionId)) summaries.push(summary);
      });
    }
    return summaries;
  };

  return {
    getCall: (callSid, stepSeq) =>
      guard('get call', async () => {
        const savedRecord = stepSeq === undefined ? undefined : savedHere.get(callSid);
        if (savedRecord !== undefined && savedRecord.state.seq === stepSeq) return savedRecord;
        const text = await client.hget(`call:${callSid}`, 'record');
        return text === null ? undefined : parseCallRecord(text, callSid);
      }),
    saveStep: (step) =>
      guard('save step', async () => {
        const { record, expectedSeq, answerSeq, twiml, events } = step;
        const callSid = record.callSid;
        const linkKeys = toLinkKeys(step.summary);
        const saved = await client.humanlineSaveStep(
          9 + linkKeys.length,
          `call:${callSid}`,
          `answers:${callSid}`,
          `events:${callSid}`,
          `summary:${callSid}`,
          `nodes:${callSid}`,
          `flow-summaries:${record.flowId}`,
          'summary-flows',
          // with no queue the key goes unused
          `queue-calls:${record.wait.kind === 'queue' ? record.wait.queue : ''}`,
          'queue-order',
          ...linkKeys,
          expectedSeq === undefined ? '' : String(expectedSeq),
          String(record.state.seq),
          JSON.stringify(record),
          String(answerSeq),
          twiml,
          callTtl,
          events?.list.length ? toEventsEntry(events.list, events.at) : '',
          eventsTtl,
          callSid,
          step.summary === undefined ? '' : toSummaryJson(step.summary),
          summaryTtl,
          record.wait.kind === 'queue' ? toQueueEntry(record.state.seq, callSid) : '',
        );
        if (saved !== 1) {
          savedHere.delete(callSid);
          return 'conflict';
        }
        rememberSaved(record);
        return 'saved';
      }),
    updateCallSummary: (callSid, update) =>
      guard('update call summary', async () => {
        const flowId = update.start?.flowId ?? '';
        const linkKeys = toLinkKeys(update);
        await client.humanlineUpdateSummary(
          4 + linkKeys.length,
          `summary:${callSid}`,
          `nodes:${callSid}`,
          `flow-summaries:${flowId}`,
          'summary-flows',
          ...linkKeys,
          toSummaryJson(update),
          callSid,
          summaryTtl,
        );
      }),
    listCalls: (filter, page) =>
      guard('list calls', async () => {
        const summaries = (await readSummaries(filter)).filter((summary) => filter.outcome === undefined || toOutcome(summary) === filter.outcome);
        summaries.sort((a, b) => b.startedMs - a.startedMs || (a.callSid < b.callSid ? 1 : a.callSid > b.callSid ? -1 : 0));
        const { cursor } = page;
        const after = cursor === undefined ? summaries : summaries.filter((s) => s.startedMs < cursor.startedMs || (s.startedMs === cursor.startedMs && s.callSid < cursor.callSid));
        const shown = after.slice(0, page.limit);
        const last = after.length > page.limit ? shown.at(-1) : undefined;
        return { calls: shown.map(toCallListEntry), total: summaries.length, next: last === undefined ? null : { startedMs: last.startedMs, callSid: last.callSid } };
      }),
    getCallDetail: (callSid) =>
      guard('get call detail', async () => {
        const [fields, events, marks] = await Promise.all([
          client.hgetall(`summary:${callSid}`),
          client.lrange(`events:${callSid}`, 0, -1),
          client.lrange(`nodes:${callSid}`, 0, -1),
        ]);
        const summary = toSummaryFields(callSid, fields);
        if (summary === undefined) return undefined;
        const timeline = events.flatMap((entry) => {
          const { at, events: list } = JSON.parse(entry) as { at: string; events: CallEventRecord[] };
          return list.map((event) => ({ at, ...event }) as CallTimelineEvent);
        });
        const path = marks
          .map((mark) => JSON.parse(mark) as StoredNodeMark)
          .filter((mark) => mark.mark === 'visit' && isMarkOfFlow(summary, mark, summary.flowId))
          .map((mark) => mark.nodeId);
        return { call: toCallListEntry(summary), timeline, path };
      }),
    getFlowAnalytics: (asked, targetSeconds) =>
      guard('get flow analytics', async () => {
        const filter = toHourRange(asked);
        const summaries = await readSummaries(filter);
        const calls: Array<{ summary: CallSummaryFields; marks: StoredNodeMark[] }> = [];
        for (let start = 0; start < summaries.length; start += READ_BATCH) {
          const batch = summaries.slice(start, start + READ_BATCH);
          const pipeline = client.pipeline();
          for (const summary of batch) pipeline.lrange(`nodes:${summary.callSid}`, 0, -1);
          const results = (await pipeline.exec()) ?? [];
          batch.forEach((summary, index) => {
            const marks = (results[index]?.[1] as string[] | undefined) ?? [];
            calls.push({ summary, marks: marks.map((mark) => JSON.parse(mark) as StoredNodeMark) });
          });
        }
        return computeFlowAnalytics(filter, targetSeconds, calls);
      }),
    getMeasuredEvidence: (flowId, from, to) =>
      guard('get measured evidence', async () => {
        // every call of the period, not the newest CALL_QUERY_LIMIT: a page at a time by start, four fields each
        const tally = createMeasureTally();
        const numberOrNull = (value: string | null | undefined) => (value === null || value === undefined ? null : Number(value));
        let min = from.getTime();
        let skip = 0;
        for (;;) {
          const page = await client.zrangebyscore(`flow-summaries:${flowId}`, min, `(${to.getTime()}`, 'WITHSCORES', 'LIMIT', skip, READ_BATCH);
          const pipeline = client.pipeline();
          for (let index = 0; index < page.length; index += 2) pipeline.hmget(`summary:${page[index]}`, 'startedMs', 'personAskedMs', 'personAnsweredMs', 'lineEndedWait');
          const results = (await pipeline.exec()) ?? [];
          for (const [error, fields] of results) {
            const [startedMs, askedMs, answeredMs, lineEnded] = (error === null ? fields : []) as Array<string | null>;
            // a summary purged or expired since the page was read has no start
            if (startedMs === null || startedMs === undefined) continue;
            tally.add({ startedMs: Number(startedMs), personAskedMs: numberOrNull(askedMs), personAnsweredMs: numberOrNull(answeredMs), lineEndedWait: lineEnded === '1' });
          }
          if (page.length < READ_BATCH * 2) break;
          // the next page starts at the last start read, past the calls already read at that start
          const lastMs = Number(page.at(-1));
          let ties = 0;
          for (let index = page.length - 1; index > 0 && Number(page[index]) === lastMs; index -= 2) ties++;
          skip = lastMs === min ? skip + ties : ties;
          min = lastMs;
        }
        return tally.toEvidence(flowId, from, to);
      }),
    purgeCalls: (before, limit) =>
      guard('purge calls', async () => {
        let purged = 0;
        for (const flowId of await client.smembers('summary-flows')) {
          if (purged >= limit) break;
          const sids = await client.zrangebyscore(`flow-summaries:${flowId}`, '-inf', `(${before.getTime()}`, 'LIMIT', 0, limit - purged);
          if (sids.length === 0) continue;
          // a call a goto moved between flows is in each of their indexes: it goes from all of them at once
          const read = client.pipeline();
          for (const sid of sids) read.hgetall(`summary:${sid}`);
          const summaries = ((await read.exec()) ?? []).map(([, fields], index) => toSummaryFields(sids[index]!, (fields as Record<string, string> | null) ?? {}));
          const transaction = client.multi().zrem(`flow-summaries:${flowId}`, ...sids);
          for (const summary of summaries) {
            if (summary === undefined) continue;
            for (const flow of getCallFlows(summary)) if (flow.flowId !== flowId) transaction.zrem(`flow-summaries:${flow.flowId}`, summary.callSid);
          }
          for (const sid of sids) transaction.del(`summary:${sid}`, `nodes:${sid}`, `events:${sid}`, `call:${sid}`, `answers:${sid}`, `status:${sid}`, `queue-leave:${sid}`);
          await transaction.exec();
          purged += sids.length;
        }
        return purged;
      }),
    getQueueHead: (queue) =>
      guard('get queue head', async () => {
        const key = `queue-calls:${queue}`;
        const entries = (await client.zrange(key, '0', String(QUEUE_HEAD_SCAN - 1))).map((entry) => ({ entry, ...parseQueueEntry(entry) }));
        if (entries.length === 0) return undefined;
        const pipeline = client.pipeline();
        for (const { callSid } of entries) pipeline.hget(`call:${callSid}`, 'record').get(`status:${callSid}`);
        const results = (await pipeline.exec()) ?? [];
        const stale: string[] = [];
        let head: CallRecord | undefined;
        for (const [index, { entry, callSid, seq }] of entries.entries()) {
          const text = results[index * 2]?.[1] as string | null | undefined;
          const status = (results[index * 2 + 1]?.[1] as CallStatus | null | undefined) ?? undefined;
          const record = typeof text === 'string' ? parseCallRecord(text, callSid) : undefined;
          if (isHoldingIn(record, status, queue, seq)) {
            head = record;
            break;
          }
          stale.push(entry);
        }
        if (stale.length > 0) await client.zrem(key, ...stale);
        return head;
      }),
    removeFromQueue: (callSid) =>
      guard('remove from queue', async () => {
        const text = await client.hget(`call:${callSid}`, 'record');
        const record = text === null ? undefined : parseCallRecord(text, callSid);
        if (record?.wait.kind === 'queue') await client.zrem(`queue-calls:${record.wait.queue}`, toQueueEntry(record.state.seq, callSid));
      }),
    getAnswer: (callSid, seq) => guard('get answer', async () => (await client.hget(`answers:${callSid}`, String(seq))) ?? undefined),
    recordEvent: (callSid, event, at) =>
      guard('record event', async () => {
        await client.multi().rpush(`events:${callSid}`, toEventsEntry([event], at)).expire(`events:${callSid}`, EVENTS_TTL_SECONDS).exec();
      }),
    setStatus: (callSid, status, at, event) =>
      guard('set status', async () => {
        const eventsEntry = event === undefined ? '' : toEventsEntry([event], at);
        const [applied, kept] = await client.humanlineSetStatus(
          `status:${callSid}`,
          `events:${callSid}`,
          `call:${callSid}`,
          `summary:${callSid}`,
          `nodes:${callSid}`,
          // unused: a status never starts a summary
          'flow-summaries:',
          'summary-flows',
          status,
          callTtl,
          eventsEntry,
          eventsTtl,
          String(at.getTime()),
          callSid,
          summaryTtl,
        );
        // a finished call gets no more steps
        if (FINAL_STATUSES.has(kept as CallStatus)) savedHere.delete(callSid);
        return { applied: applied === 1, status: kept as CallStatus };
      }),
    getStatus: (callSid) => guard('get status', async () => ((await client.get(`status:${callSid}`)) as CallStatus | null) ?? undefined),
    setQueueLeave: (callSid, seq, reason) =>
      guard('set queue leave', async () => {
        await client.multi().hset(`queue-leave:${callSid}`, String(seq), reason).expire(`queue-leave:${callSid}`, CALL_TTL_SECONDS).exec();
      }),
    getQueueLeave: (callSid, seq) =>
      guard('get queue leave', async () => ((await client.hget(`queue-leave:${callSid}`, String(seq))) as QueueLeaveReason | null) ?? undefined),
    // A version's id is its content's hash: the first save stands; the latest pointer moves with every save.
    saveFlowVersion: (version: FlowVersionRecord) =>
      guard('save flow version', async () => {
        await client
          .multi()
          .set(`flow-version:${version.flowId}:${version.versionId}`, version.flowJson, 'NX')
          .set(`flow-latest:${version.flowId}`, version.versionId)
          .exec();
      }),
    getFlowVersion: (flowId, versionId) =>
      guard('get flow version', async () => {
        const flowJson = await client.get(`flow-version:${flowId}:${versionId}`);
        return flowJson === null ? undefined : { flowId, versionId, flowJson };
      }),
    getLatestFlowVersion: (flowId) =>
      guard('get latest flow version', async () => {
        const versionId = await client.get(`flow-latest:${flowId}`);
        if (versionId === null) return undefined;
        const flowJson = await client.get(`flow-version:${flowId}:${versionId}`);
        return flowJson === null ? undefined : { flowId, versionId, flowJson };
      }),
    savePublish: (publish) =>
      guard('save publish', async () => {
        const key = `flow-publishes:${publish.flowId}`;
        await client.multi().lpush(key, JSON.stringify(publish)).ltrim(key, 0, PUBLISH_HISTORY_LENGTH - 1).exec();
      }),
    listPublishes: (flowId) =>
      guard('list publishes', async () => {
        const entries = await client.lrange(`flow-publishes:${flowId}`, 0, PUBLISH_HISTORY_LENGTH - 1);
        return entries.map((entry) => JSON.parse(entry) as PublishRecord);
      }),
    getEvents: (callSid) =>
      guard('get events', async () => {
        const entries = await client.lrange(`events:${callSid}`, 0, -1);
        return entries.flatMap((entry) => (JSON.parse(entry) as { events: CallEventRecord[] }).events);
      }),
    close: async () => {
      closing = true;
      await client.quit().catch(() => client.disconnect());
    },
  };
}
