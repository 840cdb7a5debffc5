import type { BrowserCallStatus, VoiceToken } from '../../../core/designer-api/types.ts';
import { requestApi } from './api-client.ts';

// The runtime's /api/voice routes, as the designer calls them, through the
// designer's one API client (the login cookie authenticates).

export function getBrowserCallStatus(): Promise<BrowserCallStatus> {
  return requestApi<BrowserCallStatus>('GET', '/api/voice/status');
}

export function getVoiceToken(flowId: string): Promise<VoiceToken> {
  return requestApi<VoiceToken>('POST', '/api/voice/token', { flow: flowId });
}
