import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { BROWSER_CALL_VARIABLES, type BrowserCallCredentials } from '../config.ts';

/** Long enough to place a test call; a leaked token is soon worthless. The designer renews it while a call lasts. */
export const VOICE_TOKEN_TTL_SECONDS = 600;

/** What `POST /api/voice/token` answers. */
export interface VoiceToken {
  /** the access token (a JWT) for `new Device(token)` */
  token: string;
  /** who the call comes from: Twilio sends it as `From=client:<identity>` */
  identity: string;
  expiresInSeconds: number;
}

/** What `GET /api/voice/status` answers: whether the designer can place calls, and which variables are not set. */
export interface BrowserCallStatus {
  configured: boolean;
  missing: string[];
}

export function getBrowserCallStatus(credentials: BrowserCallCredentials | undefined): BrowserCallStatus {
  // the configuration refuses a partial set at start, so it is all four or none
  return credentials === undefined ? { configured: false, missing: [...BROWSER_CALL_VARIABLES] } : { configured: true, missing: [] };
}

/** The answer when credentials are missing: what to set and where the TwiML App must point. */
export const BROWSER_CALL_SETUP =
  `calls from the browser are not configured: set ${BROWSER_CALL_VARIABLES.join(', ')} in the runtime's environment ` +
  "(with TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL), and set the TwiML App's Voice URL to <PUBLIC_BASE_URL>/twilio/client";

/** An access token that may only place calls to the TwiML App, for a fresh identity per call. */
export function createVoiceToken(credentials: BrowserCallCredentials): VoiceToken {
  const identity = `designer-${randomBytes(8).toString('hex')}`;
  const accessToken = new twilio.jwt.AccessToken(credentials.accountSid, credentials.apiKeySid, credentials.apiKeySecret, {
    identity,
    ttl: VOICE_TOKEN_TTL_SECONDS,
  });
  // outgoing only: the designer calls its flows and is never rung
  accessToken.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ outgoingApplicationSid: credentials.twimlAppSid, incomingAllow: false }));
  return { token: accessToken.toJwt(), identity, expiresInSeconds: VOICE_TOKEN_TTL_SECONDS };
}
