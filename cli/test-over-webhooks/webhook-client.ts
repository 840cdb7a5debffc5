import twilio from 'twilio';
import type { TestCallTrace } from '../../runtime/call/test-call.ts';
import { readBounded } from '../../runtime/call/perform-lookup.ts';
import { TEST_CALLS_OFF_REFUSAL, TEST_TRACE_HEADER } from '../../runtime/webhooks/test-call.ts';
import { FatalError } from '../io.ts';
import { parseTwimlDocument, type TwimlVerb } from './twiml-document.ts';

// Posts webhooks to a running runtime as Twilio does: form parameters, signed
// with the auth token over the public URL the runtime checks against.

/** A TwiML answer is a few kilobytes; anything far beyond is not a runtime's answer. */
const MAX_ANSWER_BYTES = 256 * 1024;

export interface WebhookClientOptions {
  /** where the runtime is reached, without a trailing slash */
  url: string;
  /** the runtime's PUBLIC_BASE_URL (what Twilio signs), without a trailing slash */
  publicUrl: string;
  authToken: string;
  timeoutMs: number;
}

export interface WebhookAnswer {
  document: TwimlVerb;
  /** the public URL answered, for resolving relative URLs in it */
  url: string;
  trace: TestCallTrace | undefined;
}

/** The runtime cannot be tested: one line for the user, exit 2. */
export class RuntimeUnusableError extends FatalError {
  override name = 'RuntimeUnusableError';
}

function parseTrace(header: string | null): TestCallTrace | undefined {
  if (header === null) return undefined;
  try {
    return JSON.parse(decodeURIComponent(header)) as TestCallTrace;
  } catch {
    return undefined;
  }
}

export function createWebhookClient(options: WebhookClientOptions) {
  const { url, publicUrl, authToken, timeoutMs } = options;

  /** Where a public URL of the runtime is reached; refuses URLs outside it, so a runtime's answer never sends requests elsewhere. */
  function toSendUrl(signedUrl: string): string {
    if (signedUrl !== publicUrl && !signedUrl.startsWith(`${publicUrl}/`)) {
      throw new RuntimeUnusableError(`the runtime sent the call to ${new URL(signedUrl).origin}, outside ${publicUrl}: give its PUBLIC_BASE_URL as --public-url`);
    }
    return `${url}${signedUrl.slice(publicUrl.length)}`;
  }

  return {
    /** POSTs `params` to a URL the runtime gave (absolute, or relative to `base`), signed as Twilio signs it. */
    async post(target: string, base: string, params: Record<string, string>): Promise<WebhookAnswer> {
      const signedUrl = new URL(target, base).toString();
      const sendUrl = toSendUrl(signedUrl);
      const headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(authToken, signedUrl, params) };
      let response: Response;
      try {
        response = await fetch(sendUrl, { method: 'POST', headers, body: new URLSearchParams(params).toString(), redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        throw new RuntimeUnusableError(timedOut ? `${url} did not answer within ${timeoutMs / 1000} s: is humanline serve running there?` : `cannot reach ${url}: is humanline serve running there? (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`);
      }
      const text = await readBounded(response, MAX_ANSWER_BYTES).catch(() => undefined);
      if (response.status === 403) {
        if (text === TEST_CALLS_OFF_REFUSAL) throw new RuntimeUnusableError(`${url} does not take test calls: start the server with HUMANLINE_TEST_CALLS=on`);
        throw new RuntimeUnusableError(`${url} refused the signature (403): give the server's TWILIO_AUTH_TOKEN as --auth-token, and its PUBLIC_BASE_URL as --public-url when it is not --url`);
      }
      if (text === undefined) throw new RuntimeUnusableError(`${url} answered more than ${MAX_ANSWER_BYTES / 1024} KB: not a humanline runtime`);
      const document = response.ok && response.headers.get('content-type')?.startsWith('text/xml') ? parseTwimlDocument(text) : undefined;
      if (document === undefined) throw new RuntimeUnusableError(`${url} answered ${new URL(sendUrl).pathname} with HTTP ${response.status} and no TwiML: is it humanline serve?`);
      return { document, url: signedUrl, trace: parseTrace(response.headers.get(TEST_TRACE_HEADER)) };
    },
  };
}

export type WebhookClient = ReturnType<typeof createWebhookClient>;
