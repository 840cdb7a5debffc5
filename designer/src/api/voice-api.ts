import { requestApi } from './api-client.ts';

// The runtime's /api/voice routes, as the designer calls them, through the
// designer's one API client (the login cookie authenticates).

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

export function getBrowserCallStatus(): Promise<BrowserCallStatus> {
  return requestApi<BrowserCallStatus>('GET', '/api/voice/status');
}

export function getVoiceToken(flowId: string): Promise<VoiceToken> {
  return requestApi<VoiceToken>('POST', '/api/voice/token', { flow: flowId });
}
