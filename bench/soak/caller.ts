import { PHRASES } from '../../runtime/twiml/phrases.ts';
import { PUBLIC_BASE_URL } from './cluster.ts';
import type { FlowGuide, GatherNode } from './flow-guide.ts';
import type { Switchboard } from './switchboard.ts';
import { readTwiml, type TwimlAnswer } from './twiml.ts';

// One simulated call: a caller with a persona, walking a flow by the TwiML it
// hears, while the soak plays the world around it (agents who answer or not,
// queues that bridge, fill up or lose the caller). At the end the call is
// judged: did the caller reach a person or a follow-up, or leave by choice?

export const PERSONAS = ['decisive', 'silent', 'confused', 'pressesZero', 'hangsUp', 'surveyAnswerer'] as const;
export type Persona = (typeof PERSONAS)[number];

/** A call's webhooks at most: a flow that loops is stopped and judged, never walked forever. */
const MAX_WEBHOOKS = 40;

/** How a call ended, as the caller would tell it. */
export type CallOutcome = 'person' | 'followUp' | 'callerChoice' | 'stranded';

export interface CallResult {
  callSid: string;
  flowId: string;
  persona: Persona;
  outcome: CallOutcome;
  /** why it counts as stranded */
  strandedReason?: string;
  trail: string[];
  /** when the caller's `completed` status callback was acknowledged (empty TwiML, 200), ms since the epoch */
  completedAcknowledgedAt?: number;
}

/** The soak's faults a call takes part in, read at each webhook. */
export interface CallConditions {
  /** send each webhook to two replicas at once (some of the time) */
  duplicates: boolean;
  /** send `ringing` after `completed` */
  outOfOrderStatus: boolean;
}

export interface CallerDeps {
  switchboard: Switchboard;
  random: () => number;
  conditions: () => CallConditions;
  /** time between a caller's webhooks, ms */
  thinkMs: () => number;
  /** an answer the soak checks beyond the walk (a publish, a corrupted file, an apology) */
  inspectAnswer: (answer: TwimlAnswer, context: AnswerContext) => void;
}

/** Where an answer came from, for the soak's checks. */
export interface AnswerContext {
  flowId: string;
  webhook: 'call' | 'status' | 'hold' | 'whisper';
  /** the call's first webhook (the Voice URL) */
  isFirst: boolean;
  /** when the call started, ms since the epoch */
  startedAt: number;
  /** Twilio's Fallback URL answered, after the webhook failed */
  viaFallback: boolean;
  /** the call's webhooks so far, for examples */
  trail: string[];
}

const APOLOGIES = new Set<string>([PHRASES.apology, PHRASES.apologyNoPerson]);
const CALLBACK_NUMBER_PROMPT = /^To be called back at |^Please enter the number we should call you back on/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function isApology(answer: TwimlAnswer): boolean {
  return answer.says.some((text) => APOLOGIES.has(text));
}

/** The node a Gather is for: the last of its prompts the flow knows (a re-prompt starts with an apology). */
function findGatherNode(guide: FlowGuide, says: string[]): GatherNode | undefined {
  for (let index = says.length - 1; index >= 0; index--) {
    const node = guide.gathersByPrompt.get(says[index]!);
    if (node !== undefined) return node;
  }
  return undefined;
}

class Caller {
  private gathersAnswered = 0;
  private readonly hangUpAfter: number;

  constructor(
    readonly persona: Persona,
    private readonly random: () => number,
  ) {
    this.hangUpAfter = persona === 'hangsUp' ? 1 + Math.floor(random() * 3) : Infinity;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private digits(count: number): string {
    return Array.from({ length: count }, () => String(Math.floor(this.random() * 10))).join('');
  }

  /** Whether the caller hangs up instead of answering this Gather. */
  hangsUpNow(): boolean {
    return this.gathersAnswered >= this.hangUpAfter;
  }

  /** The keys pressed at a Gather for `node` (undefined: a prompt the soak does not know). */
  answer(node: GatherNode | undefined, isCallbackNumber: boolean): string {
    this.gathersAnswered++;
    const persona = this.persona;
    if (persona === 'silent') return '';
    if (isCallbackNumber) return persona === 'confused' ? '12' : '1';
    if (node === undefined) return this.pick(['1', '2', '0']);
    if (node.kind === 'survey') return persona === 'surveyAnswerer' || persona === 'decisive' ? String(1 + Math.floor(this.random() * 5)) : '';
    if (node.kind === 'input') {
      if (persona === 'pressesZero') return '0';
      if (persona === 'confused') return this.digits(Math.max(1, node.minDigits - 3));
      return this.digits(node.minDigits + Math.floor(this.random() * (node.maxDigits - node.minDigits + 1)));
    }
    if (persona === 'pressesZero') return '0';
    if (persona === 'confused' && this.random() < 0.7) return this.pick(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*'].filter((key) => !node.keys.includes(key)));
    return this.pick(node.keys);
  }
}

/** Walks one call to its end and judges it. */
export async function walkSoakCall(deps: CallerDeps, guide: FlowGuide, callSid: string, persona: Persona): Promise<CallResult> {
  const { switchboard, random } = deps;
  const caller = new Caller(persona, random);
  const trail: string[] = [];
  const base = {
    CallSid: callSid,
    AccountSid: 'AC00000000000000000000000000000000',
    From: `+1312555${String(Math.floor(random() * 10_000)).padStart(4, '0')}`,
    To: '+13125550000',
    CallStatus: 'in-progress',
    Direction: 'inbound',
  };
  const startedAt = Date.now();
  let reachedPerson = false;
  let followUp = false;
  let byChoice = false;
  let strandedReason: string | undefined;
  let next: { url: string; params: Record<string, string> } | undefined = { url: `${PUBLIC_BASE_URL}/twilio/voice/${guide.flowId}`, params: {} };
  let webhooks = 0;

  const context: AnswerContext = { flowId: guide.flowId, webhook: 'call', isFirst: false, startedAt, viaFallback: false, trail };
  const send = (url: string, params: Record<string, string>, fallback = true) =>
    switchboard.send(url, { ...base, ...params }, trail, { fallback, duplicate: deps.conditions().duplicates && random() < 0.3 });

  while (next !== undefined) {
    if (webhooks >= MAX_WEBHOOKS) {
      strandedReason = `still going after ${MAX_WEBHOOKS} webhooks`;
      break;
    }
    const delivered = await send(next.url, next.params);
    webhooks++;
    if (delivered === undefined) {
      strandedReason = 'no TwiML: the webhook and the Fallback URL both failed';
      break;
    }
    const answer = readTwiml(delivered.twiml);
    deps.inspectAnswer(answer, { ...context, isFirst: webhooks === 1, viaFallback: delivered.viaFallback });
    const wait = answer.wait;
    next = undefined;
    if (wait.verb === 'gather') {
      if (caller.hangsUpNow()) {
        byChoice = true;
        break;
      }
      const isCallbackNumber = wait.says.some((text) => CALLBACK_NUMBER_PROMPT.test(text));
      const node = findGatherNode(guide, wait.says);
      if (node === undefined && !isCallbackNumber) switchboard.stats.addError('soak: a Gather prompt it does not know');
      // the flow has taken the caller's number: someone calls back
      if (isCallbackNumber) followUp = true;
      const digits = caller.answer(node, isCallbackNumber);
      if (node?.kind === 'menu' && node.keysThatEndTheCall.includes(digits)) byChoice = true;
      next = { url: wait.action, params: { Digits: digits } };
    } else if (wait.verb === 'dial') {
      // a Dial with no action is the fallback's: a person, and the call ends when they hang up
      if (wait.action === undefined) {
        reachedPerson = true;
        break;
      }
      if (wait.whisperUrl !== undefined && random() < 0.3) await checkWaitAnswer(deps, wait.whisperUrl, { ...base, ParentCallSid: callSid }, { ...context, webhook: 'whisper' });
      const status = pickWeighted(random, [
        ['completed', 0.55],
        ['busy', 0.15],
        ['no-answer', 0.15],
        ['failed', 0.15],
      ]);
      if (status === 'completed') reachedPerson = true;
      next = { url: wait.action, params: { DialCallStatus: status, DialCallDuration: status === 'completed' ? '42' : '0' } };
    } else if (wait.verb === 'enqueue') {
      if (wait.action === undefined) {
        reachedPerson = true;
        break;
      }
      const left = wait.waitUrl === undefined ? false : await holdInQueue(deps, wait.waitUrl, base, { ...context, webhook: 'hold' });
      const result = left
        ? 'leave'
        : pickWeighted(random, [
            ['bridged', 0.6],
            ['queue-full', 0.2],
            ['hangup', 0.2],
          ]);
      if (result === 'bridged') reachedPerson = true;
      if (result === 'hangup') {
        // Twilio still calls the action, and ignores its TwiML: the caller is gone
        byChoice = true;
        await send(wait.action, { QueueResult: 'hangup', QueueTime: '20' }, false);
        break;
      }
      next = { url: wait.action, params: { QueueResult: result, QueueTime: '30' } };
    } else if (wait.verb === 'record') {
      followUp = true;
      next = { url: wait.action, params: { RecordingUrl: 'https://api.twilio.com/recording', RecordingDuration: '12' } };
    } else if (wait.verb === 'redirect') {
      next = { url: wait.url, params: {} };
    }
    if (next !== undefined) await sleep(deps.thinkMs());
  }

  const result: CallResult = { callSid, flowId: guide.flowId, persona, outcome: 'stranded', trail };
  if (reachedPerson) result.outcome = 'person';
  else if (followUp) result.outcome = 'followUp';
  else if (byChoice) result.outcome = 'callerChoice';
  else result.strandedReason = strandedReason ?? 'the call ended with no person, no follow-up, and not by the caller';

  const completed = await switchboard.send('/twilio/status', { ...base, CallStatus: 'completed', CallDuration: '60' }, trail);
  if (completed !== undefined) {
    const answer = readTwiml(completed.twiml);
    deps.inspectAnswer(answer, { ...context, webhook: 'status' });
    if (answer.verbs.length === 0) result.completedAcknowledgedAt = Date.now();
  }
  if (deps.conditions().outOfOrderStatus) {
    const late = await switchboard.send('/twilio/status', { ...base, CallStatus: 'ringing' }, trail);
    if (late !== undefined) {
      const answer = readTwiml(late.twiml);
      deps.inspectAnswer(answer, { ...context, webhook: 'status' });
      if (answer.verbs.length > 0 && !isApology(answer)) switchboard.stats.addError('a late status callback answered with a call verb');
    }
  }
  return result;
}

function pickWeighted<T>(random: () => number, choices: [T, number][]): T {
  let draw = random();
  for (const [choice, share] of choices) {
    if (draw < share) return choice;
    draw -= share;
  }
  return choices[choices.length - 1]![0];
}

/** Fetches the hold music (or whisper) as Twilio would; a <Dial> there is a defect (Twilio refuses it). */
async function checkWaitAnswer(deps: CallerDeps, url: string, params: Record<string, string>, context: AnswerContext): Promise<TwimlAnswer | undefined> {
  const delivered = await deps.switchboard.send(url, params, context.trail);
  if (delivered === undefined) return undefined;
  const answer = readTwiml(delivered.twiml);
  deps.inspectAnswer(answer, context);
  if (answer.verbs.includes('Dial')) deps.switchboard.stats.addError(`<Dial> answered to the ${context.webhook === 'hold' ? 'queue wait' : 'whisper'} URL`);
  return answer;
}

/** The caller's time in the queue: hold music once or twice, sometimes the callback key. True when the caller left for a callback. */
async function holdInQueue(deps: CallerDeps, waitUrl: string, base: Record<string, string>, context: AnswerContext): Promise<boolean> {
  const rounds = 1 + Math.floor(deps.random() * 2);
  for (let round = 0; round < rounds; round++) {
    const place = { QueuePosition: String(1 + Math.floor(deps.random() * 5)), AvgQueueTime: '120', QueueTime: String(30 * round), CurrentQueueSize: '5' };
    const hold = await checkWaitAnswer(deps, waitUrl, { ...base, ...place }, context);
    if (hold?.wait.verb === 'leave') return true;
    if (hold?.wait.verb === 'gather' && deps.random() < 0.15) {
      const key = await deps.switchboard.send(hold.wait.action, { ...base, Digits: '1' }, context.trail);
      if (key !== undefined && readTwiml(key.twiml).wait.verb === 'leave') return true;
    }
  }
  return false;
}
