import http from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';

// A caller for the runtime benchmark: walks a whole call by following the
// action URLs of the TwiML it gets back, signing every request as Twilio does.

export interface Target {
  /** http://127.0.0.1:PORT, where requests go; also the address signed unless `publicBaseUrl` */
  baseUrl: string;
  authToken: string;
  agent: http.Agent;
  /** the PUBLIC_BASE_URL Twilio calls and signs, when the replica sits behind a balancer at another address */
  publicBaseUrl?: string;
  /** no whole answer within this: the request fails, as Twilio's does after 15 s */
  timeoutMs?: number;
  /** replicas behind one public address: each webhook goes to the next one in turn, as a balancer without sticky sessions sends them */
  replicaUrls?: readonly string[];
}

/** Where the next webhook goes: `baseUrl`, or the replicas in turn. */
const nextTurn = new WeakMap<Target, number>();
function pickBaseUrl(target: Target): string {
  const replicas = target.replicaUrls;
  if (replicas === undefined || replicas.length === 0) return target.baseUrl;
  const turn = nextTurn.get(target) ?? 0;
  nextTurn.set(target, turn + 1);
  return replicas[turn % replicas.length]!;
}

/** Why a webhook got no TwiML: as Twilio tells them apart before it tries the Fallback URL. */
export type WebhookFailure = 'refused' | 'reset' | 'status' | 'timeout';

export class WebhookError extends Error {
  override name = 'WebhookError';
  constructor(
    readonly failure: WebhookFailure,
    message: string,
    /** the HTTP status, for `status` */
    readonly status?: number,
  ) {
    super(message);
  }
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

/** Sends one signed webhook; resolves with the body and the latency in ms, rejects with a WebhookError. */
export function postWebhook(target: Target, path: string, params: Record<string, string>): Promise<{ body: string; ms: number }> {
  const body = new URLSearchParams(params).toString();
  // Action URLs may be absolute (PUBLIC_BASE_URL + path) or paths; Twilio signs the full URL it calls.
  const signedUrl = new URL(path, target.publicBaseUrl ?? target.baseUrl);
  const url = new URL(signedUrl.pathname + signedUrl.search, pickBaseUrl(target));
  const signature = twilio.getExpectedTwilioSignature(target.authToken, signedUrl.href, params);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent: target.agent,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), 'X-Twilio-Signature': signature },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => reject(new WebhookError('reset', `${path}: ${error.message}`)));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 200) reject(new WebhookError('status', `${path}: HTTP ${response.statusCode}: ${text.slice(0, 200)}`, response.statusCode));
          else resolve({ body: text, ms: performance.now() - start });
        });
      },
    );
    // the whole answer, not an idle socket: Twilio gives up 15 s after asking, however the bytes trickle
    const timer =
      target.timeoutMs === undefined
        ? undefined
        : setTimeout(() => request.destroy(new WebhookError('timeout', `${path}: no answer within ${target.timeoutMs} ms`)), target.timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof WebhookError) reject(error);
      else reject(new WebhookError(error.code === 'ECONNREFUSED' ? 'refused' : 'reset', `${path}: ${error.message}`));
    });
    request.on('socket', (socket) => socket.setNoDelay(true));
    request.end(body);
  });
}

/** The next webhook a caller's phone would send after this TwiML, or undefined when the call ends. */
export function nextWebhook(twiml: string, digits: string[]): { path: string; params: Record<string, string> } | undefined {
  const response = (parser.parse(twiml) as { Response?: Record<string, any> }).Response ?? {};
  const actionOf = (element: any) => (Array.isArray(element) ? element[0] : element)?.action as string | undefined;
  if (response.Gather) return { path: actionOf(response.Gather)!, params: { Digits: digits.shift() ?? '' } };
  if (response.Dial) return { path: actionOf(response.Dial)!, params: { DialCallStatus: 'completed', DialCallDuration: '42' } };
  if (response.Enqueue) return { path: actionOf(response.Enqueue)!, params: { QueueResult: 'bridged', QueueTime: '30' } };
  if (response.Record) return { path: actionOf(response.Record)!, params: { RecordingUrl: 'https://api.twilio.com/recording', RecordingDuration: '12' } };
  if (response.Redirect) return { path: String(response.Redirect['#text'] ?? response.Redirect), params: {} };
  return undefined;
}

/** One whole call: the entry webhook, then whatever the TwiML asks for, then the completed status callback. */
export async function walkCall(
  target: Target,
  entryPath: string,
  script: string[],
  callSid: string,
  onRequest: (ms: number) => void,
  pace?: () => Promise<void>,
): Promise<number> {
  const caller = { CallSid: callSid, AccountSid: 'AC00000000000000000000000000000000', From: '+34600000001', To: '+34910000000', CallStatus: 'in-progress' };
  const digits = [...script];
  let next: { path: string; params: Record<string, string> } | undefined = { path: entryPath, params: {} };
  let requests = 0;
  while (next) {
    const { body, ms } = await postWebhook(target, next.path, { ...caller, ...next.params });
    onRequest(ms);
    requests++;
    next = requests < 20 ? nextWebhook(body, digits) : undefined;
    // The floor answers the same Gather forever: stop it after the same number of webhooks.
    if (digits.length === 0 && next?.params.Digits === '') next = undefined;
    if (next && pace) await pace();
  }
  if (pace) await pace();
  const { ms } = await postWebhook(target, '/twilio/status', { ...caller, CallStatus: 'completed', CallDuration: '60' });
  onRequest(ms);
  return requests + 1;
}
