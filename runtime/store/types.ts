import type { CallState, Wait } from '../../core/interpreter/types.ts';

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
}

/** A call's statuses as status callbacks report them; the one list the webhook schema and the store share. */
export const CALL_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;

export type CallStatus = (typeof CALL_STATUSES)[number];

/** What happened on a call, kept for analytics. */
export type CallEventRecord =
  | { type: 'nodeEntered'; nodeId: string }
  | { type: 'input'; nodeId: string; digits?: string; speech?: string }
  | { type: 'outcome'; nodeId: string; outcome: string }
  | { type: 'personReached'; nodeId: string }
  | { type: 'hangup'; nodeId?: string; reason: string }
  /** `target`: the queue name, or the number, SIP address or client a transfer dialled, whose agent call was rated (absent for a survey no agent call led to) */
  | { type: 'surveyScore'; nodeId: string; score: number; target?: string }
  | { type: 'fallback'; reason: string };

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
   */
  setStatus(callSid: string, status: CallStatus, at: Date, event?: CallEventRecord): Promise<{ applied: boolean; status: CallStatus }>;
  getStatus(callSid: string): Promise<CallStatus | undefined>;
  setQueueLeave(callSid: string, seq: number, reason: QueueLeaveReason): Promise<void>;
  getQueueLeave(callSid: string, seq: number): Promise<QueueLeaveReason | undefined>;
  /** keeps a version calls may be pinned to, and makes it the flow's latest (see getLatestFlowVersion) */
  saveFlowVersion(version: FlowVersionRecord, at: Date): Promise<void>;
  getFlowVersion(flowId: string, versionId: string): Promise<FlowVersionRecord | undefined>;
  /** the version saved last for the flow: what a restart serves when the flow's file has become invalid */
  getLatestFlowVersion(flowId: string): Promise<FlowVersionRecord | undefined>;
  /** adds a publish to the flow's history */
  savePublish(publish: PublishRecord): Promise<void>;
  /** the flow's publishes, newest first (at most PUBLISH_HISTORY_LENGTH) */
  listPublishes(flowId: string): Promise<PublishRecord[]>;
  close(): Promise<void>;
}

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
