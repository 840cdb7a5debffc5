import type { CallEvent, Wait } from '../../core/interpreter/types.ts';

/** The HTTP client the runtime uses for look-ups: `fetch`, or a test's stand-in. */
export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

type LookupWait = Extract<Wait, { kind: 'lookup' }>;
type LookupEvent = Extract<CallEvent, { type: 'lookup' }>;

/** A look-up never takes longer than this, whatever the node says: Twilio waits 15 s for the whole answer. */
export const LOOKUP_LIMIT_MS = 8000;

/** The largest look-up answer read: a flow reads a few fields, and a runaway answer must not take the runtime's memory. */
export const LOOKUP_ANSWER_LIMIT_BYTES = 256 * 1024;

const TIMED_OUT = Symbol('timed out');

/** The body as text, read as a stream and given up past `limitBytes` (undefined then): never held whole when too large. */
export async function readBounded(response: Response, limitBytes: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > limitBytes) return undefined;
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      // stop the sender too: the rest is never read
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Performs a flow's look-up inside the webhook with a hard timeout: at most the
 * node's timeout, the runtime's limit and what is left of the webhook's time.
 * A slow or failing look-up comes back as its outcome, never as an exception;
 * an answer larger than `answerLimitBytes` is a failed one.
 */
export async function performLookup(
  wait: LookupWait,
  fetcher: Fetcher,
  remainingMs: number,
  answerLimitBytes = LOOKUP_ANSWER_LIMIT_BYTES,
): Promise<LookupEvent> {
  const limitMs = Math.max(0, Math.min(wait.timeout * 1000, LOOKUP_LIMIT_MS, remainingMs));
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // a fetcher that ignores the signal still loses the race
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(TIMED_OUT);
    }, limitMs);
  });
  const init: RequestInit = { method: wait.method, headers: { ...wait.headers }, signal: controller.signal };
  if (wait.method === 'POST' && wait.body !== undefined) {
    init.body = JSON.stringify(wait.body);
    init.headers = { 'Content-Type': 'application/json', ...wait.headers };
  }
  const request = (async (): Promise<LookupEvent> => {
    const response = await fetcher(wait.url, init);
    const text = response.ok ? await readBounded(response, answerLimitBytes) : undefined;
    if (text === undefined) {
      // an error page or an answer past the limit: the rest is not read (the connection is dropped)
      controller.abort();
      return { type: 'lookup', outcome: 'failed' };
    }
    if (text.trim() === '') return { type: 'lookup', outcome: 'ok' };
    try {
      return { type: 'lookup', outcome: 'ok', data: JSON.parse(text) as unknown };
    } catch {
      return { type: 'lookup', outcome: 'ok', data: text };
    }
  })();
  try {
    const result = await Promise.race([request, timeout]);
    return result === TIMED_OUT ? { type: 'lookup', outcome: 'timeout' } : result;
  } catch (error) {
    return controller.signal.aborted ? { type: 'lookup', outcome: 'timeout' } : { type: 'lookup', outcome: 'failed' };
  } finally {
    clearTimeout(timer);
    request.catch(() => undefined);
  }
}
