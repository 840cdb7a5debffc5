import type { CallListEntry, CallOutcome, CallTimelineEvent, FlowAnalytics } from '../../core/designer-api/types.ts';
import type { CallState, Wait } from '../../core/interpreter/types.ts';
import type { MeasuredEvidence } from '../../core/profiles/measures.ts';

// Where the runtime keeps calls between webhooks. The embedded implementation
// is SQLite (one process); every method is async so a Redis one can fill it
// for several replicas without touching the callers.

/** A call between two webhooks: its state, and what it waits for (which the next webhook answers). */
export interface CallRecord {
  callSid: string;
  /** the flow file's id (its name without extension) */
  flowId: string;
  state: CallState;
  wait: Wait;
  /** epoch ms the runtime answered with this wait: a queue's person answered this plus the seconds held (getPersonAnsweredAt); absent in records saved before it was kept */
  waitSinceMs?: number;
}

/** Saves a step: the new record and the TwiML answered, in one transaction. */
export interface SavedStep {
  record: CallRecord;
  /** the seq the stored record must still have; undefined for a new call */
  expectedSeq: number | undefined;
  /** the seq of the webhook answered (ENTRY_SEQ for the call's first webhook) */
  answerSeq: number;
  twiml: string;
  /** the webhook's analytics events, written with the step (one commit per webhook, not one per event) */
  events?: { list: CallEventRecord[]; at: Date };
  /** what the webhook tells of the call for the call list and analytics, merged into its summary with the step */
  summary?: CallSummaryUpdate;
}

/** What the caller did at a node, one row each: entered it, asked for a person, stayed silent, answered nothing that matched; `person` marks where the first person answered. */
export type CallNodeMarkKind = 'visit' | 'zeroOut' | 'noInput' | 'noMatch' | 'person';

export interface CallNodeMark {
  nodeId: string;
  mark: CallNodeMarkKind;
  /** the flow and version the node is in (a goto moves a call to another flow); absent in marks kept before it was: the call's entry flow */
  flowId?: string;
  versionId?: string;
  /** visits: the node the call came from in the same flow (an edge of the canvas); undefined for the first node of a flow */
  from?: string;
  /** caller steps taken before this (for `person`, before the person: the call's steps to a person) */
  steps: number;
}

/**
 * What one webhook or status callback tells of its call. The store merges it
 * into the call's summary so that a duplicate or a late one changes nothing
 * twice: the latest `at` is the last activity, `start` and every ending keep
 * their first value, the flags only ever turn on.
 */
export interface CallSummaryUpdate {
  at: Date;
  /** the call's first webhook: the summary starts here (a second start is ignored) */
  start?: { flowId: string; versionId: string; caller: string };
  /** the first person answered here (kept once); `answeredAt`: the instant the person answered, when the action webhook tells it (getPersonAnsweredAt) */
  person?: { nodeId: string; flowId?: string; steps: number; answeredAt?: Date };
  /** the flows a goto moved the call to in this webhook, each in the version the call is pinned to (the first kept per flow) */
  linked?: LinkedFlow[];
  /** the caller asked for a person at `at`: a zero-out, or the call entered a transfer or a queue; the first stays */
  personAsked?: true;
  /** the line, not the caller, ended the call while it waited for a person: a queue or a transfer that ended into a hang-up; only turns on */
  lineEndedWait?: true;
  followUp?: true;
  /** the runtime's fallback took the call (the guard, an error, a missing flow) */
  fallback?: true;
  /** the flow ended the call: `choice` at an end the caller chose (a goodbye the flow routes to), `noChoice` after silence or no match ran out, or with no route; the first end stays */
  flowEnd?: { kind: 'choice' | 'noChoice'; nodeId: string | null; flowId?: string };
  /** the call ended (the caller hung up, a final status) while it waited at `nodeId`; the first stays */
  hangup?: { nodeId: string | null; flowId?: string; inQueue: boolean };
  /** 1-5 */
  surveyScore?: number;
  /** in the order they happened */
  nodes?: CallNodeMark[];
}

/** A flow a call entered, in the version the call ran it in. */
export interface LinkedFlow {
  flowId: string;
  versionId: string;
}

/** A flow's calls, filtered: those started in it and those a goto moved to it (call-figures.ts getCallFlows); `from` inclusive, `to` exclusive; a version is the one each call ran the flow in. */
export interface CallFilter {
  flowId: string;
  from: Date;
  to: Date;
  versionId?: string;
  outcome?: CallOutcome;
}

/** Where a page of the call list starts: after this call (newest first). */
export interface CallCursor {
  startedMs: number;
  callSid: string;
}

/** A page of the call list as the store keeps it: caller numbers whole (the API masks them). */
export interface StoredCallPage {
  calls: CallListEntry[];
  total: number;
  next: CallCursor | null;
}

/** A call's timeline and path, as recorded. */
export interface StoredCallDetail {
  call: CallListEntry;
  timeline: CallTimelineEvent[];
  /** the nodes of the flow the call started in that it went through, in order: a node of a linked flow is not on that flow's canvas */
  path: string[];
}

/** A call's statuses as status callbacks report them; the one list the webhook schema and the store share. */
export const CALL_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;

export type CallStatus = (typeof CALL_STATUSES)[number];

/** What happened on a call, kept for analytics. */
export type CallEventRecord =
  | { type: 'nodeEntered'; nodeId: string }
  | { type: 'input'; nodeId: string; digits?: string; speech?: string }
  /** the answer at `nodeId` matched no option or was not valid (silence is an `input` without digits or speech) */
  | { type: 'noMatch'; nodeId: string }
  | { type: 'outcome'; nodeId: string; outcome: string }
  | { type: 'personReached'; nodeId: string }
  | { type: 'hangup'; nodeId?: string; reason: string }
  /** `target`: the queue name, or the number, SIP address or client a transfer dialled, whose agent call was rated (absent for a survey no agent call led to) */
  | { type: 'surveyScore'; nodeId: string; score: number; target?: string }
  | { type: 'fallback'; reason: string }
  /** the goto `nodeId` continued the call in flow `flowId`, version `versionId` (the call's pin for that flow) */
  | { type: 'flowLinked'; nodeId: string; flowId: string; versionId: string };

/** Why a caller left a queue from the wait URL, for the Enqueue action (which only hears `leave`). */
export type QueueLeaveReason = 'callback' | 'timeout';

export interface FlowVersionRecord {
  flowId: string;
  versionId: string;
  /** the flow as served (JSON of the parsed or imported flow) */
  flowJson: string;
}

export interface CallStore {
  /**
   * The call's record. With `stepSeq` (the wait a step answers) a store may answer from the record it saved
   * itself at that seq, without reading: the step made from it must be saved with expectedSeq `stepSeq`, whose
   * compare-and-set refuses it when another replica moved the call on meanwhile.
   */
  getCall(callSid: string, stepSeq?: number): Promise<CallRecord | undefined>;
  /** 'conflict' when another request saved first (a duplicate webhook racing this one) */
  saveStep(step: SavedStep): Promise<'saved' | 'conflict'>;
  /** the TwiML answered to the webhook (callSid, seq), to replay a duplicate */
  getAnswer(callSid: string, seq: number): Promise<string | undefined>;
  recordEvent(callSid: string, event: CallEventRecord, at: Date): Promise<void>;
  /**
   * records a status callback; `applied: false` when it came after the final status (or out of order).
   * `event` is recorded with the status, in the same write, and only when the status is applied.
   * A final status applied also ends the call's summary where the call waited (getHangupSummary),
   * unless an earlier end stands: a status may come before the last action webhook, whose own end then wins.
   */
  setStatus(callSid: string, status: CallStatus, at: Date, event?: CallEventRecord): Promise<{ applied: boolean; status: CallStatus }>;
  getStatus(callSid: string): Promise<CallStatus | undefined>;
  setQueueLeave(callSid: string, seq: number, reason: QueueLeaveReason): Promise<void>;
  getQueueLeave(callSid: string, seq: number): Promise<QueueLeaveReason | undefined>;
  /**
   * The call holding longest in the queue named `queue`, whatever its flow: the caller Twilio hands the next
   * agent who dials that queue (first in, first out). A call counts while its record waits at a queue node of
   * that name and it has no final status; it stops counting once removeFromQueue says an agent took it.
   * Reads a bounded number of entries: undefined when nobody holds (or only stale entries were found).
   */
  getQueueHead(queue: string): Promise<CallRecord | undefined>;
  /** an agent took the call out of its queue (Twilio bridged them): it is no longer anyone's next caller */
  removeFromQueue(callSid: string): Promise<void>;
  /** keeps a version calls may be pinned to, and makes it the flow's latest (see getLatestFlowVersion) */
  saveFlowVersion(version: FlowVersionRecord, at: Date): Promise<void>;
  getFlowVersion(flowId: string, versionId: string): Promise<FlowVersionRecord | undefined>;
  /** the version saved last for the flow: what a restart serves when the flow's file has become invalid */
  getLatestFlowVersion(flowId: string): Promise<FlowVersionRecord | undefined>;
  /** adds a publish to the flow's history */
  savePublish(publish: PublishRecord): Promise<void>;
  /** the flow's publishes, newest first (at most PUBLISH_HISTORY_LENGTH) */
  listPublishes(flowId: string): Promise<PublishRecord[]>;
  /** merges what a status callback, a hang-up at a wait or the fallback tells of a started call (see CallSummaryUpdate) */
  updateCallSummary(callSid: string, update: CallSummaryUpdate): Promise<void>;
  /** a flow's calls, newest first, `limit` of them after `cursor`, with the total matching the filter */
  listCalls(filter: CallFilter, page: { cursor?: CallCursor; limit: number }): Promise<StoredCallPage>;
  /** a call's summary, timeline and path; undefined for a call never started (or purged) */
  getCallDetail(callSid: string): Promise<StoredCallDetail | undefined>;
  /** the dashboard's and the overlay's figures for a flow's calls started in the filter's range */
  getFlowAnalytics(filter: Omit<CallFilter, 'outcome'>, targetSeconds: number): Promise<FlowAnalytics>;
  /** the run-time measures of a flow's calls (as CallFilter counts them) started in [from, to) (see measured-evidence.ts for each one's definition) */
  getMeasuredEvidence(flowId: string, from: Date, to: Date): Promise<MeasuredEvidence>;
  /** deletes up to `limit` calls started before `before` with everything kept of them; returns how many went */
  purgeCalls(before: Date, limit: number): Promise<number>;
  close(): Promise<void>;
}

/** Queue entries a head look-up reads at most: stale ones (a caller who hung up unseen) are dropped on the way. */
export const QUEUE_HEAD_SCAN = 20;

/** The answer key of a call's first webhook (the Voice URL), below every wait's seq. */
export const ENTRY_SEQ = -1;

/** Statuses after which nothing changes; later callbacks are ignored. */
export const FINAL_STATUSES: ReadonlySet<CallStatus> = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/** Order of the non-final statuses, so a late `ringing` does not overwrite `in-progress`. */
/** Publishes kept per flow: years of daily publishing. */
export const PUBLISH_HISTORY_LENGTH = 1000;

/** One publish of a flow: the version put live, when, by whom, and (when given) why. */
export interface PublishRecord {
  flowId: string;
  versionId: string;
  /** ISO time */
  publishedAt: string;
  /** who published: the designer's user, or the flows folder for a file */
  by: string;
  note?: string;
}

export const STATUS_RANK: Record<CallStatus, number> = {
  queued: 0,
  initiated: 1,
  ringing: 2,
  'in-progress': 3,
  completed: 4,
  busy: 4,
  failed: 4,
  'no-answer': 4,
  canceled: 4,
};
