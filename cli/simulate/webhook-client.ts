import twilio from 'twilio';
import type { Delivered } from './walk-call.ts';

// Sends a simulated call's webhooks as Twilio does: form-encoded POSTs signed
// with the auth token over the public URL the runtime checks, given up after
// 15 s, and on failure the same parameters to the Fallback URL.

/** Where webhooks go and how they are signed. */
export interface WebhookTarget {
  /** where requests go, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** the PUBLIC_BASE_URL the runtime checks signatures against */
  publicBaseUrl: string;
  authToken: string;
}

/** The runtime refused the signature: every other webhook would be refused too. */
export class SignatureRefusedError extends Error {
  override name = 'SignatureRefusedError';
}

/** Twilio gives up on a webhook after this. */
const TWILIO_TIMEOUT_MS = 15_000;
/** The part of an answer kept: TwiML of one wait is a few kilobytes. */
const ANSWER_LIMIT_CHARS = 256 * 1024;

/** One signed POST; the TwiML, or undefined when it failed (no answer, not 200). */
async function post(target: WebhookTarget, pathOrUrl: string, params: Record<string, string>, headers: Record<string, string>): Promise<string | undefined> {
  // action URLs in TwiML are absolute (PUBLIC_BASE_URL + path); Twilio signs the full URL it calls
  const url = new URL(pathOrUrl, target.publicBaseUrl);
  const path = `${url.pathname}${url.search}`;
  const signature = twilio.getExpectedTwilioSignature(target.authToken, `${target.publicBaseUrl}${path}`, params);
  let response: Response;
  try {
    response = await fetch(`${target.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature, ...headers },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(TWILIO_TIMEOUT_MS),
    });
  } catch {
    return undefined;
  }
  const text = (await response.text().catch(() => '')).slice(0, ANSWER_LIMIT_CHARS);
  if (response.status === 403) throw new SignatureRefusedError(text.trim() || 'Forbidden');
  return response.status === 200 ? text : undefined;
}

/** Sends a webhook; a failed call webhook goes on to the Fallback URL, as Twilio's does. */
export async function sendWebhook(
  target: WebhookTarget,
  pathOrUrl: string,
  params: Record<string, string>,
  options: { fallback: boolean; headers?: Record<string, string> },
): Promise<Delivered | undefined> {
  const headers = options.headers ?? {};
  const twiml = await post(target, pathOrUrl, params, headers);
  if (twiml !== undefined) return { twiml, viaFallback: false };
  if (!options.fallback) return undefined;
  const errorUrl = new URL(pathOrUrl, target.publicBaseUrl).href;
  const fallback = await post(target, '/twilio/fallback', { ...params, ErrorCode: '11200', ErrorUrl: errorUrl }, headers);
  return fallback === undefined ? undefined : { twiml: fallback, viaFallback: true };
}
