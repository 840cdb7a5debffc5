// The runtime's /api/voice routes, as the designer calls them. The login cookie
// authenticates, so every request stays same-origin.

/** `GET /api/voice/status`: whether calls from the browser are set up, and which variables are not. */
export interface BrowserCallStatus {
  configured: boolean;
  missing: string[];
}

/** `POST /api/voice/token`: a short-lived Twilio access token for one call. */
export interface VoiceToken {
  token: string;
  identity: string;
  expiresInSeconds: number;
}

/** Fetches JSON; a refusal throws the runtime's own `error` text, which says what to do. */
async function requestJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { ...init, credentials: 'same-origin' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: unknown } | null)?.error;
    throw new Error(typeof error === 'string' ? error : `${path} answered ${response.status}`);
  }
  return body as T;
}

export function getBrowserCallStatus(): Promise<BrowserCallStatus> {
  return requestJson<BrowserCallStatus>('/api/voice/status');
}

export function getVoiceToken(flowId: string): Promise<VoiceToken> {
  return requestJson<VoiceToken>('/api/voice/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ flow: flowId }),
  });
}
