import { BUILT_IN_PHRASES } from '../../core/phrases/catalogue.ts';
import type { FlowGuide, GatherNode } from './flow-guide.ts';
import { ENVIRONMENT, SimulatedCaller, pickDialStatus, pickHoldSeconds, pickQueueResult, pickTalkSeconds, type Persona } from './personas.ts';
import { readTwiml, type TwimlAnswer } from './twiml.ts';

// One simulated call: a caller with a persona walks a flow by the TwiML it
// hears, as a phone would, while the environment plays the world around it
// (agents who answer or not, queues that bridge, fill up or lose the caller).
// How webhooks travel is the user's: `humanline simulate`, the soak and the
// runtime benchmark each send them their own way.

/** A call's webhooks at most: a flow that loops is stopped and judged, never walked forever. */
export const MAX_WEBHOOKS = 40;

/** What a webhook is, for the sender: the call's own (Twilio tries the Fallback URL when it fails), or one whose answer no caller waits on. */
export type WebhookKind = 'call' | 'afterHangup' | 'status' | 'hold' | 'queueKey' | 'whisper';

/** A webhook's TwiML, from the URL asked or from Twilio's Fallback URL. */
export interface Delivered {
  twiml: string;
  viaFallback: boolean;
}

export interface WalkDeps {
  /** sends one webhook as Twilio would (`url` may be a path or a URL from a TwiML answer); undefined when no TwiML came back */
  send(url: string, params: Record<string, string>, kind: WebhookKind): Promise<Delivered | undefined>;
  random: () => number;
  /** time passes for the caller before the next webhook (prompts heard, thinking, silence, ringing, hold, the agent call), in seconds */
  elapse(seconds: number): Promise<void>;
  /** every answer, for checks beyond the walk */
  onAnswer?(answer: TwimlAnswer, context: { kind: WebhookKind; isFirst: boolean; viaFallback: boolean }): void;
  /** something a real phone would not have met */
  onProblem?(problem: string): void;
}

/**
 * How a call ended, as the caller would tell it: a person, a follow-up (voicemail,
 * call back), the caller's own choice of a goodbye, a hang-up before any of them
 * (mid-menu, or in the queue), or stranded (no TwiML, a loop, a dead end).
 */
export type WalkOutcome = 'person' | 'followUp' | 'callerChoice' | 'hungUp' | 'stranded';

export interface CallPlan {
  flowId: string;
  callSid: string;
  /** the caller's number (Twilio's From) */
  from: string;
  /** the line called (Twilio's To) */
  to: string;
  persona: Persona;
}

export interface WalkResult {
  outcome: WalkOutcome;
  /** why it counts as stranded */
  strandedReason?: string;
  /** webhooks sent, status callback included */
  webhooks: number;
  /** seconds the caller spent on the line, by the walk's own reckoning */
  seconds: number;
  /** whether the `completed` status callback was acknowledged (empty TwiML, 200) */
  completedAcknowledged: boolean;
}

const SHIPPED_PHRASES = Object.values(BUILT_IN_PHRASES);
// recognised in every shipped language: a Spanish call hears them in Spanish (a flow's own texts are not recognised)
const APOLOGIES = new Set<string>(SHIPPED_PHRASES.flatMap((phrases) => [phrases.apology, phrases.apologyNoPerson]));
const CALLBACK_NUMBER_PROMPTS = new Set<string>(SHIPPED_PHRASES.map((phrases) => phrases.enterCallbackNumber));
const escapeForPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CALLER_NUMBER_CONFIRMATIONS = SHIPPED_PHRASES.map(
  (phrases) => new RegExp(`^${phrases.confirmCallerNumber.split('{{number}}').map(escapeForPattern).join('[\\d ]*')}$`),
);

/** Whether a Gather asks for the number to call back on, in any shipped language. */
export function isCallbackNumberPrompt(text: string): boolean {
  return CALLBACK_NUMBER_PROMPTS.has(text) || CALLER_NUMBER_CONFIRMATIONS.some((pattern) => pattern.test(text));
}

/** Text-to-speech reads about 2.5 words a second (SPEC section 3). */
const WORDS_PER_SECOND = 2.5;

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

function getSpokenSeconds(says: string[]): number {
  const words = says.reduce((count, text) => count + text.split(/\s+/).filter(Boolean).length, 0);
  return Math.round(words / WORDS_PER_SECOND);
}

/** Walks one call to its end (the `completed` status callback sent) and judges it. */
export async function walkCall(deps: WalkDeps, guide: FlowGuide, plan: CallPlan): Promise<WalkResult> {
  const { random } = deps;
  const caller = new SimulatedCaller(plan.persona, random);
  const base = { CallSid: plan.callSid, AccountSid: 'AC00000000000000000000000000000000', From: plan.from, To: plan.to, CallStatus: 'in-progress', Direction: 'inbound' };
  let reachedPerson = false;
  let followUp = false;
  let byChoice = false;
  let hungUp = false;
  let strandedReason: string | undefined;
  let next: { url: string; params: Record<string, string> } | undefined = { url: `/twilio/voice/${encodeURIComponent(guide.flowId)}`, params: {} };
  let webhooks = 0;
  let seconds = 0;
  const elapse = async (spent: number) => {
    seconds += spent;
    await deps.elapse(spent);
  };
  const send = async (url: string, params: Record<string, string>, kind: WebhookKind) => {
    webhooks++;
    const delivered = await deps.send(url, { ...base, ...params }, kind);
    if (delivered === undefined) return undefined;
    const answer = readTwiml(delivered.twiml);
    deps.onAnswer?.(answer, { kind, isFirst: webhooks === 1, viaFallback: delivered.viaFallback });
    return answer;
  };

  while (next !== undefined) {
    if (webhooks >= MAX_WEBHOOKS) {
      strandedReason = `still going after ${MAX_WEBHOOKS} webhooks`;
      break;
    }
    const answer = await send(next.url, next.params, 'call');
    if (answer === undefined) {
      strandedReason = 'no TwiML: the webhook and the Fallback URL both failed';
      break;
    }
    const wait = answer.wait;
    const heard = getSpokenSeconds(answer.says);
    next = undefined;
    if (wait.verb === 'gather') {
      if (caller.hangsUpNow()) {
        hungUp = true;
        await elapse(1 + Math.floor(random() * heard));
        break;
      }
      const isCallbackNumber = wait.says.some(isCallbackNumberPrompt);
      const node = findGatherNode(guide, wait.says);
      if (node === undefined && !isCallbackNumber) deps.onProblem?.('a Gather prompt the flow does not have');
      // the flow has taken the caller's number: someone calls back
      if (isCallbackNumber) followUp = true;
      const digits = caller.answer(node, isCallbackNumber);
      if (node?.kind === 'menu' && node.keysThatEndTheCall.includes(digits)) byChoice = true;
      // silence waits out the Gather's timeout (5 s by default); a key comes after a moment's thought
      await elapse(heard + (digits === '' ? 5 : 1 + Math.floor(random() * 4)));
      next = { url: wait.action, params: { Digits: digits } };
    } else if (wait.verb === 'dial') {
      // a Dial with no action is the fallback's: a person, and the call ends when they hang up
      if (wait.action === undefined) {
        reachedPerson = true;
        await elapse(heard + pickTalkSeconds(random));
        break;
      }
      if (wait.whisperUrl !== undefined && random() < 0.3) await checkWaitAnswer(send, wait.whisperUrl, { ParentCallSid: plan.callSid }, 'whisper', deps);
      const status = pickDialStatus(random);
      if (status === 'completed') reachedPerson = true;
      const ringing = 5 + Math.floor(random() * 20);
      const talk = status === 'completed' ? pickTalkSeconds(random) : 0;
      await elapse(heard + ringing + talk);
      next = { url: wait.action, params: { DialCallStatus: status, DialCallDuration: String(talk) } };
    } else if (wait.verb === 'enqueue') {
      if (wait.action === undefined) {
        reachedPerson = true;
        break;
      }
      await elapse(heard);
      const hold = wait.waitUrl === undefined ? { left: false, seconds: 0 } : await holdInQueue(send, wait.waitUrl, deps, elapse);
      const result = hold.left ? 'leave' : pickQueueResult(random);
      if (result === 'bridged') {
        reachedPerson = true;
        await elapse(pickTalkSeconds(random));
      }
      if (result === 'hangup') {
        // Twilio still calls the action, and ignores its TwiML: the caller is gone
        hungUp = true;
        await send(wait.action, { QueueResult: 'hangup', QueueTime: String(hold.seconds) }, 'afterHangup');
        break;
      }
      next = { url: wait.action, params: { QueueResult: result, QueueTime: String(hold.seconds) } };
    } else if (wait.verb === 'record') {
      followUp = true;
      await elapse(heard + 15);
      next = { url: wait.action, params: { RecordingUrl: 'https://api.twilio.com/recording', RecordingDuration: '12' } };
    } else if (wait.verb === 'redirect') {
      await elapse(heard);
      next = { url: wait.url, params: {} };
    } else {
      await elapse(heard);
    }
  }

  const result: WalkResult = { outcome: 'stranded', webhooks, seconds, completedAcknowledged: false };
  if (reachedPerson) result.outcome = 'person';
  else if (followUp) result.outcome = 'followUp';
  else if (hungUp) result.outcome = 'hungUp';
  else if (byChoice) result.outcome = 'callerChoice';
  else result.strandedReason = strandedReason ?? 'the call ended with no person, no follow-up, and not by the caller';

  const completed = await send('/twilio/status', { CallStatus: 'completed', CallDuration: String(seconds) }, 'status');
  result.webhooks = webhooks;
  result.completedAcknowledged = completed !== undefined && completed.verbs.length === 0;
  return result;
}

type Send = (url: string, params: Record<string, string>, kind: WebhookKind) => Promise<TwimlAnswer | undefined>;

/** Fetches the hold music (or whisper) as Twilio would; a <Dial> there is a defect (Twilio refuses it). */
async function checkWaitAnswer(send: Send, url: string, params: Record<string, string>, kind: 'hold' | 'whisper', deps: WalkDeps): Promise<TwimlAnswer | undefined> {
  const answer = await send(url, params, kind);
  if (answer?.verbs.includes('Dial')) deps.onProblem?.(`<Dial> answered to the ${kind === 'hold' ? 'queue wait' : 'whisper'} URL`);
  return answer;
}

/** The caller's time in the queue: hold rounds of varying length, sometimes the callback key. `left`: the caller left for a callback. */
async function holdInQueue(send: Send, waitUrl: string, deps: WalkDeps, elapse: (seconds: number) => Promise<void>): Promise<{ left: boolean; seconds: number }> {
  const { random } = deps;
  const rounds = 1 + Math.floor(random() * 3);
  let waited = 0;
  for (let round = 0; round < rounds; round++) {
    const place = { QueuePosition: String(rounds - round + Math.floor(random() * 3)), AvgQueueTime: '120', QueueTime: String(waited), CurrentQueueSize: '5' };
    const hold = await checkWaitAnswer(send, waitUrl, place, 'hold', deps);
    const seconds = pickHoldSeconds(random);
    waited += seconds;
    await elapse(seconds);
    if (hold?.wait.verb === 'leave') return { left: true, seconds: waited };
    if (hold?.wait.verb === 'gather' && random() < ENVIRONMENT.callbackKey) {
      const key = await send(hold.wait.action, { Digits: '1' }, 'queueKey');
      if (key?.wait.verb === 'leave') return { left: true, seconds: waited };
    }
  }
  return { left: false, seconds: waited };
}
