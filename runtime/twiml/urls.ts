// The follow-up URLs of a wait carry the flow id (for the fallback when a
// call's state is lost) and the seq of the wait they answer, so a duplicate
// webhook is recognised and answered again from the store.

/** The follow-up URLs of one wait. */
export interface WaitUrls {
  /** Gather, Dial, Enqueue and Record actions: the wait's outcome */
  step: string;
  /** Enqueue's waitUrl: hold announcements and the callback offer */
  queueWait: string;
  /** the wait URL's Gather action: the callback key */
  queueKey: string;
  /** Number / Sip / Client url: the whisper the agent hears */
  whisper: string;
}

/** Absolute when the public base URL is known (what Twilio calls and signs), else paths. */
export function getWaitUrls(baseUrl: string | undefined, flowId: string, seq: number): WaitUrls {
  const at = (kind: string) => `${baseUrl ?? ''}/twilio/${kind}/${encodeURIComponent(flowId)}/${seq}`;
  return { step: at('step'), queueWait: at('queue-wait'), queueKey: at('queue-key'), whisper: at('whisper') };
}

/**
 * The <Queue url> of an agent's dial: it names the caller the agent was whispered about (`none` when nobody
 * held), so the request on the caller's leg can tell whether the agent got that caller.
 */
export function getQueueConnectUrl(baseUrl: string | undefined, whisperedCallSid: string | undefined): string {
  return `${baseUrl ?? ''}/twilio/queue-connect/${whisperedCallSid ?? NOBODY_WHISPERED}`;
}

/** The queue-connect path's word for an agent who heard that nobody was waiting. */
export const NOBODY_WHISPERED = 'none';
