import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';
import { interpreter as realInterpreter } from '../../core/interpreter/index.ts';
import type { Interpreter } from '../../core/interpreter/types.ts';
import type { ProjectConfig } from '../../core/lint/config.ts';
import { parseRuntimeConfig, type RuntimeConfig } from '../../runtime/config.ts';
import type { Fetcher } from '../../runtime/call/perform-lookup.ts';
import { createLogger } from '../../runtime/logger.ts';
import { createRuntime, type Runtime } from '../../runtime/runtime.ts';
import { listen, type RunningServer } from '../../runtime/server.ts';
import type { CallStore } from '../../runtime/store/types.ts';
import { afterEach } from 'vitest';
import { SHIPPED_FLOWS_DIR } from '../helpers/shipped-flows.ts';

export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const PUBLIC_BASE_URL = 'https://ivr.example.test';

/** Tuesday 10 March 2026, 11:00 in New York: the bank is open. */
export const OPEN_HOURS = new Date('2026-03-10T15:00:00Z');
/** Sunday 15 March 2026, 12:00 in New York: the bank is closed. */
export const CLOSED_HOURS = new Date('2026-03-15T16:00:00Z');

const folders: string[] = [];

export function createTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `humanline-${prefix}-`));
  folders.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A flows folder holding copies of the shipped flows (by id), each optionally changed. */
export function createFlowsDir(flows: Record<string, (flow: any) => void> = { bank: () => undefined }): string {
  const dir = createTempDir('flows');
  for (const [flowId, change] of Object.entries(flows)) {
    const flow = JSON.parse(readFileSync(path.join(SHIPPED_FLOWS_DIR, `${flowId}.json`), 'utf8'));
    delete flow.$schema;
    change(flow);
    writeFlow(dir, flowId, flow);
  }
  return dir;
}

export function writeFlow(dir: string, flowId: string, flow: unknown): void {
  writeFileSync(path.join(dir, `${flowId}.json`), typeof flow === 'string' ? flow : `${JSON.stringify(flow, null, 2)}\n`);
}

export function readShippedFlow(flowId: string): any {
  return JSON.parse(readFileSync(path.join(SHIPPED_FLOWS_DIR, `${flowId}.json`), 'utf8'));
}

/** One element of a TwiML document. */
export interface XmlElement {
  tag: string;
  attributes: Record<string, string>;
  text?: string;
  children: XmlElement[];
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: false });

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElement(node: OrderedNode): XmlElement | undefined {
  const tag = Object.keys(node).find((key) => key !== ':@');
  if (tag === undefined || tag === '#text' || tag === '?xml') return undefined;
  const content = (node[tag] as OrderedNode[]) ?? [];
  const children: XmlElement[] = [];
  let text = '';
  for (const child of content) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return { tag, attributes: { ...(node[':@'] ?? {}) }, ...(text !== '' ? { text } : {}), children };
}

/** Parses a TwiML answer with a real XML parser; throws on a malformed document. */
export function parseTwiml(xml: string): XmlElement {
  const nodes = parser.parse(xml) as OrderedNode[];
  const elements = nodes.map(toElement).filter((element): element is XmlElement => element !== undefined);
  if (elements.length !== 1 || elements[0]!.tag !== 'Response') throw new Error(`not a TwiML document: ${xml}`);
  return elements[0]!;
}

/** Shorthand for expected documents: tag, attributes, then text or children. */
export function el(tag: string, attributes: Record<string, string | number | boolean> = {}, ...content: Array<XmlElement | string>): XmlElement {
  const children = content.filter((item): item is XmlElement => typeof item !== 'string');
  const text = content.filter((item): item is string => typeof item === 'string').join('');
  const stringAttributes = Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, String(value)]));
  return { tag, attributes: stringAttributes, ...(text !== '' ? { text } : {}), children };
}

/** Every element of a document, depth first. */
export function allElements(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(allElements)];
}

export function findElement(document: XmlElement, tag: string): XmlElement | undefined {
  return allElements(document).find((element) => element.tag === tag);
}

/** The spoken texts of a document, in order. */
export function spokenTexts(document: XmlElement): string[] {
  return allElements(document)
    .filter((element) => element.tag === 'Say')
    .map((element) => element.text ?? '');
}

export interface WebhookAnswer {
  status: number;
  contentType: string | null;
  contentLength: string | null;
  text: string;
  /** the parsed TwiML (only for text/xml answers) */
  document?: XmlElement;
}

/** Where a test call's webhooks go: one runtime, or several replicas behind a test's own balancer. */
export interface WebhookTarget {
  post(pathOrUrl: string, params: Record<string, string>): Promise<WebhookAnswer>;
}

/** POSTs form parameters to a server (the path of `pathOrUrl`), signed as Twilio signs the public URL. */
export async function postWebhook(
  serverUrl: string,
  pathOrUrl: string,
  params: Record<string, string>,
  signing: 'signed' | 'unsigned' | 'wrong' = 'signed',
): Promise<WebhookAnswer> {
  const url = new URL(pathOrUrl, PUBLIC_BASE_URL);
  const publicUrl = `${PUBLIC_BASE_URL}${url.pathname}${url.search}`;
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (signing === 'signed') headers['X-Twilio-Signature'] = twilio.getExpectedTwilioSignature(AUTH_TOKEN, publicUrl, params);
  if (signing === 'wrong') headers['X-Twilio-Signature'] = twilio.getExpectedTwilioSignature('not-the-token', publicUrl, params);
  const response = await fetch(`${serverUrl}${url.pathname}${url.search}`, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  return {
    status: response.status,
    contentType,
    contentLength: response.headers.get('content-length'),
    text,
    ...(contentType?.startsWith('text/xml') ? { document: parseTwiml(text) } : {}),
  };
}

export interface TestRuntimeOptions {
  flowsDir: string;
  dataDir?: string;
  now?: Date | (() => Date);
  fetch?: Fetcher;
  interpreter?: Interpreter;
  store?: CallStore;
  env?: Record<string, string | undefined>;
  deadlineMs?: number;
  /** a designer build to serve; none by default */
  designerDir?: string;
  /** the project's lint configuration, as `humanline serve` reads it from humanline.config.json */
  lintConfig?: ProjectConfig;
}

/** The real runtime on port 0 over loopback, with its log lines captured. */
export class TestRuntime {
  logs: string[] = [];
  runtime!: Runtime;
  server!: RunningServer;
  config!: RuntimeConfig;

  constructor(readonly options: TestRuntimeOptions) {}

  async start(): Promise<this> {
    const dataDir = this.options.dataDir ?? createTempDir('data');
    this.config = parseRuntimeConfig(
      {
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        PUBLIC_BASE_URL,
        HUMANLINE_FLOWS: this.options.flowsDir,
        HUMANLINE_DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        ...this.options.env,
      },
      process.cwd(),
      { port: 0, host: '127.0.0.1' },
    );
    const logger = createLogger(this.config.logLevel, { write: (line: string) => void this.logs.push(line) });
    const now = this.options.now;
    this.runtime = await createRuntime(this.config, {
      logger,
      interpreter: this.options.interpreter ?? realInterpreter,
      now: typeof now === 'function' ? now : () => now ?? OPEN_HOURS,
      random: () => 0.5,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.store ? { store: this.options.store } : {}),
      ...(this.options.deadlineMs !== undefined ? { deadlineMs: this.options.deadlineMs } : {}),
      ...(this.options.lintConfig ? { lintConfig: this.options.lintConfig } : {}),
      flowWatchDebounceMs: 50,
      designerDir: this.options.designerDir ?? createTempDir('no-designer'),
    });
    this.server = await listen(this.runtime.app, 0, '127.0.0.1');
    return this;
  }

  async stop(): Promise<void> {
    await this.server.close();
    await this.runtime.close();
  }

  /** POSTs form parameters to a path (or a full public URL from a TwiML answer), signed as Twilio signs. */
  post(pathOrUrl: string, params: Record<string, string>, signing: 'signed' | 'unsigned' | 'wrong' = 'signed'): Promise<WebhookAnswer> {
    return postWebhook(this.server.url, pathOrUrl, params, signing);
  }

  logText(): string {
    return this.logs.map((line) => JSON.parse(line).msg as string).join('\n');
  }
}

let callCounter = 0;

/** A caller walking a flow: each method answers the wait of the last TwiML document. */
export class TestCall {
  readonly callSid: string;
  last!: XmlElement;
  lastText = '';

  constructor(
    readonly runtime: WebhookTarget,
    readonly from = '+12125559876',
  ) {
    callCounter += 1;
    this.callSid = `CA${String(callCounter).padStart(4, '0')}${'0'.repeat(28)}`;
  }

  private async send(url: string, params: Record<string, string>): Promise<XmlElement> {
    const answer = await this.runtime.post(url, { CallSid: this.callSid, From: this.from, To: '+12125550000', ...params });
    if (answer.status !== 200 || answer.document === undefined) throw new Error(`webhook answered ${answer.status}: ${answer.text}`);
    this.last = answer.document;
    this.lastText = answer.text;
    return answer.document;
  }

  private action(tag: string, attribute = 'action'): string {
    const element = findElement(this.last, tag);
    const url = element?.attributes[attribute];
    if (url === undefined) throw new Error(`no <${tag} ${attribute}> in ${JSON.stringify(this.last)}`);
    return url;
  }

  start(flowId = 'bank'): Promise<XmlElement> {
    return this.send(`/twilio/voice/${flowId}`, {});
  }

  /** Keys at the current Gather ('' is silence). */
  press(digits: string): Promise<XmlElement> {
    return this.send(this.action('Gather'), { Digits: digits });
  }

  say(speech: string): Promise<XmlElement> {
    return this.send(this.action('Gather'), { SpeechResult: speech, Confidence: '0.9' });
  }

  /** The Dial action; `more`: further fields Twilio sends with it (DialCallDuration). */
  dialEnds(status: string, more: Record<string, string> = {}): Promise<XmlElement> {
    return this.send(this.action('Dial'), { DialCallStatus: status, ...more });
  }

  /** The Enqueue action; `more`: further fields Twilio sends with it (QueueTime). */
  queueEnds(result: string, more: Record<string, string> = {}): Promise<XmlElement> {
    return this.send(this.action('Enqueue'), { QueueResult: result, ...more });
  }

  /** Twilio fetching the Enqueue wait URL. */
  hold(place: Record<string, string>): Promise<XmlElement> {
    return this.runtime
      .post(this.action('Enqueue', 'waitUrl'), { CallSid: this.callSid, ...place })
      .then((answer) => answer.document ?? Promise.reject(new Error(answer.text)));
  }
}

/**
 * The runtimes a test file starts: `start` runs one on port 0, `stop` stops one
 * before the test ends (a restart); after each test the rest are stopped and
 * the temporary folders removed.
 */
/** A request to a runtime's designer API with the admin token `token`, JSON in and out. */
export async function callDesignerApi(runtime: TestRuntime, token: string, method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${runtime.server.url}${apiPath}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: await response.json() };
}

export function useTestRuntimes(): { start(options: TestRuntimeOptions): Promise<TestRuntime>; stop(runtime: TestRuntime): Promise<void> } {
  const running: TestRuntime[] = [];
  afterEach(async () => {
    for (const runtime of running.splice(0)) await runtime.stop().catch(() => undefined);
    removeTempDirs();
  });
  return {
    async start(options) {
      const runtime = await new TestRuntime(options).start();
      running.push(runtime);
      return runtime;
    },
    async stop(runtime) {
      await runtime.stop();
      running.splice(running.indexOf(runtime), 1);
    },
  };
}
