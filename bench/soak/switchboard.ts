import http from 'node:http';
import { WebhookError, postWebhook, type Target } from '../call-walker.ts';
import { AUTH_TOKEN, PUBLIC_BASE_URL, type SoakCluster } from './cluster.ts';
import { readTwiml } from '../../cli/simulate/twiml.ts';

// Twilio, as the replicas meet it: each webhook goes to one replica (a load
// balancer's pick), is given up after 15 s, and when it fails is sent again to
// the Fallback URL on another replica. Every attempt is timed and counted.

/** Twilio gives up on a webhook after this. */
export const TWILIO_TIMEOUT_MS = 15_000;
const SLOW_MS = 2000;

export class SoakStats {
  /** ms of every webhook attempt, answered or failed */
  readonly latencies: number[] = [];
  over2s = 0;
  over15s = 0;
  webhooks = 0;
  fallbacksTaken = 0;
  /** problems by kind, each counted once per occurrence */
  readonly errors = new Map<string, number>();
  /** answers where the runtime apologised and routed the caller to a person, by circumstance */
  readonly apologies = new Map<string, number>();

  addError(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  addApology(circumstance: string): void {
    this.apologies.set(circumstance, (this.apologies.get(circumstance) ?? 0) + 1);
  }

  addLatency(ms: number): void {
    this.webhooks++;
    this.latencies.push(ms);
    if (ms > SLOW_MS) this.over2s++;
    if (ms > TWILIO_TIMEOUT_MS) this.over15s++;
  }
}

/** One request of a call as the soak saw it, for the stranded callers' report. */
function toTrailLine(atSeconds: number, replica: number, url: string, params: Record<string, string>, outcome: string): string {
  const { CallSid: _sid, AccountSid: _account, From: _from, To: _to, CallStatus: _status, Direction: _direction, ...asked } = params;
  const shown = Object.entries(asked)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  return `${atSeconds.toFixed(1).padStart(6)} s  r${replica} ${new URL(url, PUBLIC_BASE_URL).pathname}${shown === '' ? '' : ` ${shown}`} -> ${outcome}`;
}

/** What a TwiML answer says and does, in a few words. */
export function toAnswerSummary(twiml: string): string {
  const answer = readTwiml(twiml);
  const firstSay = answer.says[0] === undefined ? '' : ` "${answer.says[0].slice(0, 60)}${answer.says[0].length > 60 ? '...' : ''}"`;
  return `${answer.verbs.join(',') || '(empty)'}${firstSay}`;
}

function toFailureKind(error: unknown): string {
  if (!(error instanceof WebhookError)) return `webhook failed: ${String(error)}`;
  return error.failure === 'status' ? `webhook answered HTTP ${error.status}` : `webhook ${error.failure === 'timeout' ? 'timed out (15 s)' : `connection ${error.failure}`}`;
}

export interface SendOptions {
  /** the same signed request to two replicas at once, as Twilio's retries sometimes do */
  duplicate?: boolean;
  /** Twilio's Fallback URL on failure: the call's own webhooks, not status callbacks or hold music */
  fallback?: boolean;
}

/** A webhook's TwiML, from the URL asked or from Twilio's Fallback URL. */
export interface Delivered {
  twiml: string;
  viaFallback: boolean;
}

export class Switchboard {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    private readonly cluster: SoakCluster,
    readonly stats: SoakStats,
    private readonly random: () => number,
    /** seconds since traffic started, for the trails */
    private readonly clock: () => number,
  ) {}

  private toTarget(replica: number): Target {
    const { port } = this.cluster.replicas[replica]!;
    return { baseUrl: `http://127.0.0.1:${port}`, publicBaseUrl: PUBLIC_BASE_URL, authToken: AUTH_TOKEN, agent: this.agent, timeoutMs: TWILIO_TIMEOUT_MS };
  }

  /** A replica at random, other than `except`: the balancer does not know which are up. */
  private pickReplica(except?: number): number {
    const count = this.cluster.replicas.length;
    if (except === undefined) return Math.floor(this.random() * count);
    return (except + 1 + Math.floor(this.random() * (count - 1))) % count;
  }

  /** One attempt at one replica: the TwiML, or the failure counted and undefined. */
  private async attempt(replica: number, url: string, params: Record<string, string>, trail: string[]): Promise<string | undefined> {
    const start = performance.now();
    try {
      const { body } = await postWebhook(this.toTarget(replica), url, params);
      this.stats.addLatency(performance.now() - start);
      trail.push(toTrailLine(this.clock(), replica, url, params, toAnswerSummary(body)));
      return body;
    } catch (error) {
      this.stats.addLatency(performance.now() - start);
      const kind = toFailureKind(error);
      this.stats.addError(kind);
      trail.push(toTrailLine(this.clock(), replica, url, params, `FAILED: ${kind}`));
      return undefined;
    }
  }

  /** Sends a webhook as Twilio does; the TwiML the call goes on with (and whether the Fallback URL gave it), or undefined when even the fallback failed. */
  async send(url: string, params: Record<string, string>, trail: string[], options: SendOptions = {}): Promise<Delivered | undefined> {
    const first = this.pickReplica();
    let answered: { replica: number; twiml: string | undefined };
    if (options.duplicate) {
      const second = this.pickReplica(first);
      const [a, b] = await Promise.all([this.attempt(first, url, params, trail), this.attempt(second, url, params, trail)]);
      if (a !== undefined && b !== undefined && a !== b) this.stats.addError('duplicate webhooks answered differently');
      answered = a !== undefined ? { replica: first, twiml: a } : { replica: second, twiml: b };
    } else {
      answered = { replica: first, twiml: await this.attempt(first, url, params, trail) };
    }
    if (answered.twiml !== undefined) return { twiml: answered.twiml, viaFallback: false };
    if (!options.fallback) return undefined;
    this.stats.fallbacksTaken++;
    const errorUrl = new URL(url, PUBLIC_BASE_URL).href;
    const fallback = await this.attempt(this.pickReplica(answered.replica), '/twilio/fallback', { ...params, ErrorCode: '11200', ErrorUrl: errorUrl }, trail);
    if (fallback === undefined) this.stats.addError('fallback URL failed too: the caller hears an application error');
    return fallback === undefined ? undefined : { twiml: fallback, viaFallback: true };
  }

  close(): void {
    this.agent.destroy();
  }
}
