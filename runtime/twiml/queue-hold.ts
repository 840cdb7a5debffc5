import twilio from 'twilio';
import type { Wait } from '../../core/interpreter/types.ts';
import { PHRASE_LANGUAGE, PHRASES, type PhraseContext } from './phrases.ts';
import { speak } from './speak.ts';
import type { WaitUrls } from './urls.ts';

type QueueWait = Extract<Wait, { kind: 'queue' }>;

/** What Twilio tells the wait URL about the caller's place in the queue. */
export interface QueuePlace {
  /** 1 = next in line */
  position?: number;
  /** the queue's average wait, seconds */
  averageWaitSeconds?: number;
  /** how long this caller has waited, seconds */
  waitedSeconds?: number;
}

interface HoldContext {
  urls: WaitUrls;
  phrases: PhraseContext;
}

/**
 * The Enqueue wait URL. Twilio runs it on entry and again each time it ends:
 * the announcement, then a Gather that plays the hold message and listens
 * for the callback key for `everySeconds`, then a Redirect back here.
 */
export function renderQueueHold(wait: QueueWait, place: QueuePlace, context: HoldContext): string {
  const response = new twilio.twiml.VoiceResponse();
  if (wait.maxWait !== undefined && place.waitedSeconds !== undefined && place.waitedSeconds >= wait.maxWait) {
    // past the node's maxWait: leave; the Enqueue action hears `leave`, the store says why
    response.leave();
    return response.toString();
  }
  const announcement = [];
  if (wait.announce.position && place.position !== undefined) announcement.push(PHRASES.queuePosition(context.phrases, place.position));
  if (wait.announce.estimatedWait && place.averageWaitSeconds !== undefined && place.averageWaitSeconds > 0) {
    announcement.push(PHRASES.estimatedWait(context.phrases, place.averageWaitSeconds));
  }
  speak(response, announcement);
  const listen = wait.callbackOffer !== undefined;
  const target = listen
    ? response.gather({ input: ['dtmf'], numDigits: 1, action: context.urls.queueKey, method: 'POST', timeout: wait.announce.everySeconds })
    : response;
  if (wait.callbackOffer) speak(target, wait.callbackOffer.prompt);
  speak(target, wait.hold);
  if (wait.musicUrl !== undefined) target.play(wait.musicUrl);
  else if (!listen) response.pause({ length: wait.announce.everySeconds });
  response.redirect({ method: 'POST' }, context.urls.queueWait);
  return response.toString();
}

/** The wait URL's Gather action: the callback key leaves the queue; any other key goes back to holding. */
export function renderQueueKey(wait: QueueWait, digits: string, urls: WaitUrls): { twiml: string; leave: boolean } {
  const response = new twilio.twiml.VoiceResponse();
  const leave = wait.callbackOffer !== undefined && digits.startsWith(wait.callbackOffer.key);
  if (leave) response.leave();
  else response.redirect({ method: 'POST' }, urls.queueWait);
  return { twiml: response.toString(), leave };
}

/** The wait URL's answer when it fails: the caller leaves the queue and the Enqueue action takes the queue's own way on (Twilio allows no <Dial> while holding). */
export function renderQueueLeave(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.leave();
  return response.toString();
}

/** The whisper the agent hears before the caller is connected; the interpreter writes it in English, like the runtime's phrases. */
export function renderWhisper(text: string): string {
  const response = new twilio.twiml.VoiceResponse();
  addWhisper(response, text);
  return response.toString();
}

function addWhisper(response: InstanceType<typeof twilio.twiml.VoiceResponse>, text: string): void {
  if (text.trim() !== '') response.say({ language: PHRASE_LANGUAGE }, text);
  else response.pause({ length: 1 });
}

/**
 * An agent dialling a queue: the whisper of the caller holding longest in it (`undefined` when nobody holds:
 * the agent hears so), then the queue, which Twilio bridges to its head or waits on until someone comes.
 * `connectUrl` runs on the caller's leg just before the bridge (Twilio's <Queue url>).
 */
export function renderAgentQueue(whisper: string | undefined, queue: string, connectUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  addWhisper(response, whisper ?? `No caller is waiting in queue ${queue}.`);
  response.dial().queue({ url: connectUrl, method: 'POST' }, queue);
  return response.toString();
}
