import { randomBytes } from 'node:crypto';
import type { GuardReason, Speech } from '../../core/interpreter/index.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { checkStep, describeEnd, isCallOver, speakingSeconds, toHeardText, type CallView, type StepProblem } from '../../core/testing/check-step.ts';
import { DEFAULT_CALL_TIME, toCallPlace, type HeardObserver, type ScenarioResult, type StepFailure, type StepResult } from '../../core/testing/run-scenario.ts';
import { describeStep, type Scenario, type ScenarioStep } from '../../core/testing/scenario.ts';
import type { TestCallTrace } from '../../runtime/call/test-call.ts';
import { TEST_CALL_PARAM } from '../../runtime/webhooks/test-call.ts';
import type { WebhookAnswer, WebhookClient } from './webhook-client.ts';
import type { TwimlVerb } from './twiml-document.ts';

// The second engine of `humanline test`: a scenario played end to end against
// a running runtime, walking its TwiML as Twilio does. The prompts come from
// what the caller hears; where the call went (nodes, a person, the guard)
// from the trace a test call's answers carry.

/** Time a caller takes to press or say something (as the offline engine counts it). */
const SECONDS_PER_ANSWER = 1;
/** Webhooks in a row without the caller; beyond it the call is left waiting (a busy agent retried for ever). */
const MAX_AUTOMATIC_WEBHOOKS = 200;

/** Twilio's DialCallStatus for each agent outcome a scenario names. */
const DIAL_CALL_STATUS = { answered: 'completed', busy: 'busy', noAnswer: 'no-answer', failed: 'failed' } as const;
/** Twilio's QueueResult for each queue outcome a scenario names. */
const QUEUE_RESULT = { answered: 'bridged', full: 'queue-full', timeout: 'leave', callback: 'leave' } as const;
/** Longer than any queue's maxWait: the wait URL hears the caller has waited too long. */
const WAITED_TOO_LONG_SECONDS = 1_000_000;

/** Whether the scenario needs the runtime's test-call mode: a world the runtime must take, or where the call went. */
export function needsTestCall(scenario: Scenario): boolean {
  const environment = scenario.environment ?? {};
  const world = ['at', 'lookups', 'draws', 'agents', 'queues', 'links'].some((key) => (environment as Record<string, unknown>)[key] !== undefined);
  return world || scenario.steps.some((step) => step.reaches !== undefined || step.ends !== undefined);
}

interface Listening {
  gather: TwimlVerb;
  /** the answer the Gather came in, for its URL and the verbs after it */
  answer: WebhookAnswer;
  rest: TwimlVerb[];
}

class WebhookCall {
  heard: Speech[] = [];
  path = new Set<string>();
  person: CallView['person'];
  reached: CallView['reached'] = 'none';
  guard: GuardReason | undefined;
  hungUp = false;
  ended = false;
  trace: TestCallTrace | undefined;
  seconds = 0;
  listening: Listening | undefined;
  private draws: number[];
  private automatic = 0;
  private readonly params: Record<string, string>;

  constructor(
    private readonly scenario: Scenario,
    private readonly flow: Flow,
    private readonly client: WebhookClient,
    private readonly testCall: boolean,
  ) {
    const caller = scenario.environment?.caller;
    const data = caller?.data;
    this.draws = [...(scenario.environment?.draws ?? [])];
    this.params = {
      CallSid: `CA${randomBytes(16).toString('hex')}`,
      ...(caller?.number !== undefined ? { From: caller.number } : {}),
      ...(data?.to !== undefined ? { To: data.to } : {}),
      ...(data?.fromCountry !== undefined ? { FromCountry: data.fromCountry } : {}),
      ...(data?.fromState !== undefined ? { FromState: data.fromState } : {}),
      ...(data?.fromCity !== undefined ? { FromCity: data.fromCity } : {}),
    };
  }

  toView(): CallView {
    const wait = this.trace?.wait;
    return {
      heard: this.heard,
      path: this.path,
      person: this.person,
      reached: this.reached,
      guard: this.guard,
      hungUp: this.hungUp,
      wait:
        this.ended || wait?.kind === 'end'
          ? { kind: 'end', reason: wait?.reason === 'unconnected' ? 'unconnected' : 'hangup' }
          : { kind: 'waiting', nodeId: wait?.nodeId ?? 'an unknown node (the runtime sent no trace)' },
    };
  }

  /** The scenario's world, with the draws the runtime has not used yet. */
  private getTestParam(): Record<string, string> {
    if (!this.testCall) return {};
    const environment = this.scenario.environment ?? {};
    const world = { at: environment.at ?? DEFAULT_CALL_TIME, ...(environment.lookups ? { lookups: environment.lookups } : {}), ...(environment.links ? { links: environment.links } : {}), draws: this.draws };
    return { [TEST_CALL_PARAM]: JSON.stringify(world) };
  }

  private async post(target: string, base: string, extra: Record<string, string> = {}): Promise<WebhookAnswer> {
    const answer = await this.client.post(target, base, { ...this.params, ...extra, ...this.getTestParam() });
    if (answer.trace !== undefined) {
      this.trace = answer.trace;
      for (const nodeId of answer.trace.path) this.path.add(nodeId);
      this.reached = answer.trace.reached;
      this.guard = answer.trace.guard;
      this.draws = this.draws.slice(answer.trace.drawsUsed);
    }
    return answer;
  }

  async start(voiceUrl: string): Promise<void> {
    await this.walk(await this.post(voiceUrl, voiceUrl));
  }

  /** Notes a person reached, as the offline engine does: at the wait, before its prompt. */
  private notePerson(): void {
    if (this.reached === 'person' && this.person === undefined) this.person = { steps: this.trace?.steps ?? 0, seconds: this.seconds };
  }

  private hear(verbs: TwimlVerb[]): void {
    for (const verb of verbs) {
      if (verb.tag === 'Say') {
        const speech: Speech = { type: 'say', text: verb.text, language: verb.attributes.language ?? 'en-US', ...(verb.attributes.voice ? { voice: verb.attributes.voice } : {}) };
        this.heard.push(speech);
        this.seconds += speakingSeconds([speech]);
      } else if (verb.tag === 'Play') this.heard.push({ type: 'play', url: verb.text });
    }
  }

  /** Plays an answer's verbs in order until the call waits for the caller or ends. */
  private async walk(answer: WebhookAnswer, verbs: TwimlVerb[] = answer.document.children): Promise<void> {
    this.listening = undefined;
    for (const [index, verb] of verbs.entries()) {
      const rest = verbs.slice(index + 1);
      switch (verb.tag) {
        case 'Say':
        case 'Play':
          this.hear([verb]);
          continue;
        case 'Pause':
          continue;
        case 'Gather':
          this.notePerson();
          if (this.trace?.wait.kind === 'callbackNumber') {
            // the offline engine gives the caller's own number as the callback number
            return this.follow(verb.attributes.action, answer, { Digits: (this.params.From ?? '').replace(/[^0-9]/g, '') });
          }
          this.hear(verb.children);
          this.listening = { gather: verb, answer, rest };
          return;
        case 'Dial': {
          this.notePerson();
          const outcome = this.scenario.environment?.agents?.[this.trace?.wait.nodeId ?? ''] ?? 'answered';
          return this.follow(verb.attributes.action, answer, { DialCallStatus: DIAL_CALL_STATUS[outcome] });
        }
        case 'Enqueue': {
          this.notePerson();
          const nodeId = this.trace?.wait.nodeId ?? '';
          const outcome = this.scenario.environment?.queues?.[nodeId] ?? 'answered';
          // Twilio runs the wait URL on entry; its hold messages are not prompts of the flow, so they are not counted as heard
          if (verb.attributes.waitUrl) {
            const hold = await this.post(verb.attributes.waitUrl, answer.url, { QueuePosition: '1', AvgQueueTime: '0', QueueTime: String(outcome === 'timeout' ? WAITED_TOO_LONG_SECONDS : 0) });
            if (outcome === 'callback') await this.pressCallbackKey(hold, nodeId);
          }
          return this.follow(verb.attributes.action, answer, { QueueResult: QUEUE_RESULT[outcome] });
        }
        case 'Record':
          this.notePerson();
          return this.follow(verb.attributes.action, answer, {});
        case 'Redirect':
          return this.follow(verb.text, answer, {});
        default:
          // Hangup, Reject, Leave, or a verb the walker does not know: the call is over for the caller
          this.notePerson();
          this.ended = true;
          return;
      }
    }
    // past the last verb Twilio hangs up
    this.notePerson();
    this.ended = true;
  }

  /** The caller on hold presses the queue's callback key in the hold message's Gather; the runtime then has them leave the queue. */
  private async pressCallbackKey(hold: WebhookAnswer, nodeId: string): Promise<void> {
    const node = Object.hasOwn(this.flow.nodes, nodeId) ? this.flow.nodes[nodeId] : undefined;
    const key = node?.kind === 'queue' ? node.callbackOffer?.key : undefined;
    const gather = hold.document.children.find((verb) => verb.tag === 'Gather');
    if (key === undefined || gather === undefined) return;
    await this.post(gather.attributes.action ?? hold.url, hold.url, { Digits: key });
  }

  private async follow(target: string | undefined, answer: WebhookAnswer, extra: Record<string, string>): Promise<void> {
    // a verb without its URL: Twilio would post to the document's own URL
    if (++this.automatic > MAX_AUTOMATIC_WEBHOOKS) return;
    await this.walk(await this.post(target ?? answer.url, answer.url, extra));
  }

  /** Plays an input step; returns why it cannot be played, else undefined. */
  async play(step: ScenarioStep): Promise<StepProblem | undefined> {
    if (step.hangup) {
      if (isCallOver(this.toView())) return { expected: 'a call to hang up', found: describeEnd(this.toView()) };
      this.hungUp = true;
      return undefined;
    }
    const input: Record<string, string> | undefined = step.press !== undefined ? { Digits: step.press } : step.say !== undefined ? { SpeechResult: step.say } : step.silence ? {} : undefined;
    if (input === undefined) return checkStep(step, this.toView());
    const listening = this.hungUp ? undefined : this.listening;
    if (listening === undefined) return { expected: 'the call to wait for the caller', found: describeEnd(this.toView()) };
    this.seconds += step.silence ? Number(listening.gather.attributes.timeout ?? 5) : SECONDS_PER_ANSWER;
    this.heard = [];
    this.automatic = 0;
    const { gather, answer, rest } = listening;
    // silence: Twilio posts the empty result only when asked to, else goes on with the verbs after the Gather
    if (step.silence && gather.attributes.actionOnEmptyResult !== 'true') return void (await this.walk(answer, rest));
    await this.follow(gather.attributes.action, answer, input);
    return undefined;
  }
}

const getWhere = (call: WebhookCall, flow: Flow): StepFailure['at'] => toCallPlace(flow, call.trace?.wait.nodeId ?? call.trace?.path.at(-1) ?? [...call.path].at(-1));

/**
 * Plays a scenario against a running runtime; stops at the first failing step. A runtime that cannot be
 * used (unreachable, a refused signature, test calls off) throws RuntimeUnusableError.
 */
export async function runScenarioOverWebhooks(
  scenario: Scenario,
  flow: Flow,
  target: { client: WebhookClient; voiceUrl: string },
  onStep?: HeardObserver,
): Promise<ScenarioResult> {
  const call = new WebhookCall(scenario, flow, target.client, needsTestCall(scenario));
  await call.start(target.voiceUrl);
  const steps: StepResult[] = [];
  let failed = false;
  for (const [index, step] of scenario.steps.entries()) {
    const text = describeStep(step);
    if (failed) {
      steps.push({ index, text, status: 'skipped' });
      continue;
    }
    const heard = call.heard.map(toHeardText);
    onStep?.(index, heard);
    const problem = await call.play(step);
    if (problem === undefined) {
      steps.push({ index, text, status: 'passed' });
      continue;
    }
    failed = true;
    const at = getWhere(call, flow);
    steps.push({ index, text, status: 'failed', failure: { ...problem, heard, ...(at ? { at } : {}) } });
  }
  return { name: scenario.name, passed: !failed, steps };
}
