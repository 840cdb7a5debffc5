import type { Finding, LintResult } from '../lint/types.ts';
import type { Scenario } from '../testing/scenario.ts';

// What the runtime's designer API (`/api`, runtime/designer-api/) answers, as
// the designer's client reads it: the contract between the two, written once.
// Types only: the runtime checks each answer against these with `satisfies`.

/** `GET /api/flows`: one entry per flow in the flows folder or the drafts. */
export interface FlowListEntry {
  id: string;
  /** the flow's `name`; null when the file has no string name (an unfinished draft, a file that is not JSON) */
  name: string | null;
  published: boolean;
  draft: boolean;
  errorCount: number;
  warningCount: number;
}

/** `GET /api/flows/:id`: the draft when there is one, else the published file. */
export interface OpenedFlow {
  id: string;
  /** null when the stored file is not JSON */
  flow: unknown;
  source: 'draft' | 'published';
  lint: LintResult;
}

/** `PUT /api/flows/:id`: the draft was saved; what the linter says about it. */
export interface SavedFlow {
  lint: LintResult;
}

/** `POST /api/flows/:id/publish` */
export interface PublishedFlow {
  published: true;
}

/** One publish of a flow, as its history lists it. */
export interface FlowVersionEntry {
  /** 1 for the oldest publish kept, counting up: what "rollback to v3" names */
  version: number;
  /** the content's hash: a rollback publishes an old content again under a new number */
  versionId: string;
  /** ISO time */
  publishedAt: string;
  /** the admin token's holder (`admin` for HUMANLINE_ADMIN_TOKEN), `flows folder` for a file written there */
  by: string;
  note?: string;
}

/** `GET /api/flows/:id/versions`: the flow's publishes, newest first. */
export interface FlowVersions {
  versions: FlowVersionEntry[];
}

/** `GET /api/flows/:id/versions/:version`: a publish and the flow it put live. */
export interface FlowVersionContent extends FlowVersionEntry {
  flow: unknown;
}

/** `POST /api/flows/:id/rollback`: the old version is live again, as this new version. */
export interface RolledBackFlow {
  published: true;
  version: number;
}

/** `POST /api/flows/:id/discard-draft`: the draft is gone; the flow opens as published. */
export interface DiscardedDraft {
  discarded: true;
}

/** Longest publish note, in characters. */
export const PUBLISH_NOTE_MAX_LENGTH = 500;

/** `POST /api/flows/:id/rename` and `/duplicate`: the id the flow (or its copy) has now. */
export interface NewFlowId {
  id: string;
}

/** `DELETE /api/flows/:id` */
export interface DeletedFlow {
  deleted: true;
}

/** `POST /api/import`: the draft's id (new, or the flow it replaced), its name (made distinct from the other flows' when new), and what could not be mapped. */
export interface ImportedFlow {
  id: string;
  name: string;
  findings: Finding[];
}

/** `POST /api/flows/:id/tests`: the scenario file written, its name inside the tests folder. */
export interface SavedScenarioFile {
  file: string;
}

/** `GET /api/flows/:id/tests`: the scenario files whose `flow` is this flow, each with its scenarios. */
export interface FlowTests {
  files: Array<{ file: string; scenarios: Scenario[] }>;
}

/** Every refusal (4xx, 500): what went wrong in words that say what to do, and findings where a lint refused. */
export interface ApiErrorBody {
  error: string;
  findings?: Finding[];
}

/** `GET /api/voice/status`: whether calls from the browser are set up, and which variables are not. */
export interface BrowserCallStatus {
  configured: boolean;
  missing: string[];
}

/** `POST /api/voice/token`: a short-lived Twilio access token for one call. */
export interface VoiceToken {
  /** the access token (a JWT) for `new Device(token)` */
  token: string;
  /** who the call comes from: Twilio sends it as `From=client:<identity>` */
  identity: string;
  expiresInSeconds: number;
}

// ---- Calls and analytics (what real callers lived through) ----

/**
 * How a call ended, for the call list, the filters and the dashboard:
 * `person` reached a person (a transfer or queue answered);
 * `followUp` reached a follow-up (voicemail, callback) and no person;
 * `callerChoice` ended in self-service by the caller's own choice (a goodbye node, not a hang-up mid-menu);
 * `hungUp` the caller hung up before a person or follow-up (`endNodeId` says where);
 * `fallback` the runtime's fallback took the call (an error, the guard, a missing flow);
 * `inProgress` not ended yet.
 */
export const CALL_OUTCOMES = ['person', 'followUp', 'callerChoice', 'hungUp', 'fallback', 'inProgress'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** One call in a flow's call list. */
export interface CallListEntry {
  callSid: string;
  flowId: string;
  versionId: string;
  /** ISO time of the first webhook */
  startedAt: string;
  /** seconds from the first to the last webhook (or final status); null while in progress */
  durationSeconds: number | null;
  /** masked as `+34 6•• ••• •01` unless the request asked for `numbers=shown` and the runtime allows it */
  caller: string;
  outcome: CallOutcome;
  /** where the call ended (for `hungUp`, the node the caller hung up at); null while in progress */
  endNodeId: string | null;
  /** seconds from the call's start to the first person; null when none was reached */
  secondsToPerson: number | null;
  /** caller steps (menu and input visits) before the first person; null when none was reached */
  stepsToPerson: number | null;
  /** 1-5, null when the caller gave none */
  surveyScore: number | null;
}

/** `GET /api/flows/:id/calls?outcome&from&to&version&cursor&limit&numbers`: newest first, paginated on the server. */
export interface CallListPage {
  calls: CallListEntry[];
  /** calls matching the filters, all pages */
  total: number;
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

/** One thing that happened on a call, in order, with its time. */
export type CallTimelineEvent = { at: string } & (
  | { type: 'nodeEntered'; nodeId: string }
  /** neither digits nor speech: silence (no input) */
  | { type: 'input'; nodeId: string; digits?: string; speech?: string }
  /** the answer at `nodeId` matched no option or was not valid */
  | { type: 'noMatch'; nodeId: string }
  /** a transfer, queue, recording, callback number or look-up outcome (the interpreter's words: answered, busy, noAnswer, failed, full, timeout, callback, ok...) */
  | { type: 'outcome'; nodeId: string; outcome: string }
  | { type: 'personReached'; nodeId: string }
  /** `target`: the queue, or the number the transfer dialled, whose agent the score rates */
  | { type: 'surveyScore'; nodeId: string; score: number; target?: string }
  | { type: 'fallback'; reason: string }
  | { type: 'hangup'; nodeId?: string; reason: string }
  /** the goto `nodeId` continued the call in flow `flowId` (version `versionId`); the nodes after it are that flow's */
  | { type: 'flowLinked'; nodeId: string; flowId: string; versionId: string }
);

/** `GET /api/calls/:sid`: the call, its timeline, and the prompts it heard. */
export interface CallDetail {
  call: CallListEntry;
  /** every event in order, duplicates of a retried webhook counted once */
  timeline: CallTimelineEvent[];
  /** the nodes of its own flow the call went through, in order: the path to highlight on the canvas of `call.versionId` (nodes of linked flows are left out) */
  path: string[];
  /** the flow as that version ran, to draw the canvas and replay in the simulator; null when the version is no longer stored */
  flow: unknown;
  /** each other flow a goto continued the call in, once per version, as that version ran (null: no longer stored): the transcript words its nodes from them */
  linkedFlows: Array<{ flowId: string; versionId: string; flow: unknown }>;
}

/** Per node of a flow, what callers did there. */
export interface NodeAnalytics {
  visits: number;
  /** calls that ended at this node by the caller hanging up */
  dropOffs: number;
  /** pressed 0 or asked for an agent here */
  zeroOuts: number;
  /** waits here that ended in silence */
  noInputs: number;
  /** answers here that matched no option */
  noMatches: number;
  /** of the calls that passed here and reached a person: the median caller steps and seconds from here to the person; null without such calls */
  medianStepsToPerson: number | null;
  medianSecondsToPerson: number | null;
}

/** `GET /api/flows/:id/analytics?from&to&version&target`: the dashboard's and the canvas overlay's figures. */
export interface FlowAnalytics {
  flowId: string;
  /** ISO, the range asked for */
  from: string;
  to: string;
  /** null: every version */
  versionId: string | null;
  calls: number;
  /** calls by outcome (every outcome present, 0 when none) */
  outcomes: Record<CallOutcome, number>;
  timeToPerson: { p50: number | null; p90: number | null; p95: number | null; targetSeconds: number; withinTarget: number };
  /** callers who hung up before a person: inside the menus, and while waiting in a queue */
  abandonment: { inMenu: number; inQueue: number };
  /** calls ended in self-service by the caller's own choice, over all ended calls (0-1) */
  containment: number;
  survey: {
    /** counts of scores 1..5 */
    distribution: [number, number, number, number, number];
    mean: number | null;
    /** by the queue or transfer target the caller had just spoken to */
    byTarget: Array<{ target: string; count: number; mean: number }>;
  };
  fallbacks: number;
  nodes: Record<string, NodeAnalytics>;
  /** calls that went from one node straight to the next (each pair counted once per call) */
  edges: Array<{ from: string; to: string; calls: number }>;
}
