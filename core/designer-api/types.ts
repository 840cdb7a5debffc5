import type { Finding, LintResult } from '../lint/types.ts';

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

/** `GET /api/flows/:id/versions`: the flow's publishes, newest first. */
export interface FlowVersions {
  versions: Array<{
    versionId: string;
    /** ISO time */
    publishedAt: string;
    /** `admin` for the designer, `flows folder` for a file written there */
    by: string;
    note?: string;
  }>;
}

/** `POST /api/flows/:id/rename` and `/duplicate`: the id the flow (or its copy) has now. */
export interface NewFlowId {
  id: string;
}

/** `DELETE /api/flows/:id` */
export interface DeletedFlow {
  deleted: true;
}

/** `POST /api/import`: the new draft's id, and what could not be mapped. */
export interface ImportedFlow {
  id: string;
  findings: Finding[];
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
