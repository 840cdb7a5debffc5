import type {
  ApiErrorBody,
  DeletedFlow,
  DiscardedDraft,
  FlowListEntry,
  FlowVersionContent,
  FlowVersions,
  ImportedFlow,
  NewFlowId,
  OpenedFlow,
  PublishedFlow,
  RolledBackFlow,
  SavedFlow,
  FlowTests,
  SavedScenarioFile,
} from '../../../core/designer-api/types.ts';
import type { RecordedScenario } from '../../../core/testing/recorded-call.ts';
import type { Finding } from '../../../core/lint/types.ts';
import type { MeasuredEvidence } from '../../../core/profiles/measures.ts';

// The runtime's designer API (runtime/designer-api), its answers typed by the
// contract in core. The admin token travels in the HttpOnly cookie the login
// URL set, so scripts here never hold it.

/** A refusal from the API, with what it said. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly findings?: Finding[],
  ) {
    super(message);
  }
}

/** A JSON request to the runtime's designer API; a refusal throws `ApiError` with the runtime's own `error` text, which says what to do. */
export async function requestApi<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let data: unknown;
  try {
    data = text === '' ? undefined : JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    // a proxy's error page or an empty answer has no body of ours
    const error = data as Partial<ApiErrorBody> | undefined;
    throw new ApiError(response.status, error?.error ?? `${method} ${url} failed with ${response.status}`, error?.findings);
  }
  return data as T;
}

const flowUrl = (id: string) => `/api/flows/${encodeURIComponent(id)}`;

export const api = {
  listFlows: () => requestApi<FlowListEntry[]>('GET', '/api/flows'),
  openFlow: (id: string) => requestApi<OpenedFlow>('GET', flowUrl(id)),
  saveFlow: (id: string, flow: unknown) => requestApi<SavedFlow>('PUT', flowUrl(id), { flow }),
  publishFlow: (id: string, note: string) => requestApi<PublishedFlow>('POST', `${flowUrl(id)}/publish`, note.trim() === '' ? {} : { note }),
  listVersions: (id: string) => requestApi<FlowVersions>('GET', `${flowUrl(id)}/versions`),
  getVersion: (id: string, version: number) => requestApi<FlowVersionContent>('GET', `${flowUrl(id)}/versions/${version}`),
  rollbackFlow: (id: string, version: number) => requestApi<RolledBackFlow>('POST', `${flowUrl(id)}/rollback`, { version }),
  discardDraft: (id: string) => requestApi<DiscardedDraft>('POST', `${flowUrl(id)}/discard-draft`, {}),
  renameFlow: (id: string, to: string) => requestApi<NewFlowId>('POST', `${flowUrl(id)}/rename`, { to }),
  duplicateFlow: (id: string, to: string) => requestApi<NewFlowId>('POST', `${flowUrl(id)}/duplicate`, { to }),
  deleteFlow: (id: string) => requestApi<DeletedFlow>('DELETE', flowUrl(id)),
  /** the compliance measures over the runtime's default period, the last 30 days */
  getMeasures: (id: string) => requestApi<MeasuredEvidence>('GET', `${flowUrl(id)}/measures`),
  listFlowTests: (id: string) => requestApi<FlowTests>('GET', `${flowUrl(id)}/tests`),
  /** 409 when a test file of that name exists; `overwrite` once the user agreed to replace it */
  saveFlowTest: (id: string, scenario: RecordedScenario, overwrite: boolean) => requestApi<SavedScenarioFile>('POST', `${flowUrl(id)}/tests`, { scenario, ...(overwrite ? { overwrite } : {}) }),
  /** `target`: a new flow's id, or `{ replace }` to overwrite an existing flow's draft */
  importFlow: (target: string | { replace: string }, data: unknown, from?: 'twilio-studio' | 'amazon-connect') =>
    requestApi<ImportedFlow>('POST', '/api/import', { ...(typeof target === 'string' ? { id: target } : target), data, ...(from ? { from } : {}) }),
};
