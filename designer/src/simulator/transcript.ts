import type { CallEvent, CallState, GuardReason, Speech, Step, Wait } from '../../../core/interpreter/index.ts';
import { getExits, getKindSpec } from '../../../core/nodes/registry.ts';
import type { Flow } from '../../../core/schema/flow.ts';

// The transcript of a simulated call, line by line, in the words the designer
// reads: what the caller heard, what the caller did, which outcome the
// environment picked, and how the call ended.

export type TranscriptLine =
  /** a prompt spoken to the caller, in `language` (a tag of the flow's languages) */
  | { kind: 'system'; text: string; language: string }
  /** a recording played to the caller */
  | { kind: 'audio'; url: string }
  /** what the caller did: keys, words, silence, a message left */
  | { kind: 'caller'; text: string }
  /** what the line itself tells a caller on hold: their place in line, the estimated wait */
  | { kind: 'announcement'; text: string }
  /** what the environment decided: a look-up, a ringing agent, business hours */
  | { kind: 'environment'; text: string }
  /** where the call got to: a person, a follow-up, the guard, the end */
  | { kind: 'outcome'; text: string };

/** Button and transcript words for each outcome, so both say the same. */
export const OUTCOME_WORDS = {
  lookup: { ok: 'Look-up ok', failed: 'Look-up failed', timeout: 'Look-up times out' },
  dial: { answered: 'Agent answers', busy: 'Busy', noAnswer: 'No answer', failed: 'Call fails' },
  queue: { answered: 'Agent answers', full: 'Queue full', timeout: 'Wait times out', callback: 'Caller asks for a call back' },
  recorded: 'Caller leaves a message',
  callbackNumber: 'Caller gives a call-back number',
  linkFailed: 'The linked flow cannot start',
} as const;

const GUARD_WORDS: Record<GuardReason, string> = {
  steps: 'too many steps',
  menuVisits: 'a menu entered too often',
  loop: 'moves in circles without waiting',
  unknownNode: 'a node the flow does not have',
  error: 'an internal error',
};

export const REACHED_PERSON = 'Reached a person';
export const REACHED_FOLLOW_UP = 'Follow-up reached';

export function describeGuard(reason: GuardReason): string {
  return `Sent to a person by the guard (${GUARD_WORDS[reason]})`;
}

/** The line for what just happened on the call. */
export function toEventLine(event: CallEvent): TranscriptLine {
  switch (event.type) {
    case 'start':
      return { kind: 'caller', text: 'Calls the line' };
    case 'input': {
      const digits = event.digits?.trim();
      const speech = event.speech?.trim();
      if (digits) return { kind: 'caller', text: `Pressed ${digits}` };
      if (speech) return { kind: 'caller', text: `Said "${speech}"` };
      return { kind: 'caller', text: 'Stayed silent' };
    }
    case 'lookup':
      return { kind: 'environment', text: OUTCOME_WORDS.lookup[event.outcome] };
    case 'dial':
      return { kind: 'environment', text: OUTCOME_WORDS.dial[event.outcome] };
    case 'queue':
      return { kind: event.outcome === 'callback' ? 'caller' : 'environment', text: OUTCOME_WORDS.queue[event.outcome] };
    case 'recorded':
      return { kind: 'caller', text: OUTCOME_WORDS.recorded };
    case 'callbackNumber':
      return { kind: 'caller', text: OUTCOME_WORDS.callbackNumber };
    case 'link':
      return { kind: 'environment', text: OUTCOME_WORDS.linkFailed };
  }
}

/** "Continues in flow brand at hours": a goto handed the call to another flow. */
export const describeLink = (wait: Extract<Wait, { kind: 'link' }>): string => `Continues in flow ${wait.flowId}${wait.entry === undefined ? '' : ` at ${wait.entry}`}`;

function toSpeechLine(speech: Speech): TranscriptLine {
  return speech.type === 'say' ? { kind: 'system', text: speech.text, language: speech.language } : { kind: 'audio', url: speech.url };
}

/** What a queue announces on hold, in the order the runtime plays it: place in line, then the wait. */
export function describeQueueAnnouncement(announce: { position: boolean; estimatedWait: boolean; everySeconds: number }): string | undefined {
  const told = [announce.position ? 'place in line' : undefined, announce.estimatedWait ? 'estimated wait' : undefined].filter((part) => part !== undefined);
  if (told.length === 0) return undefined;
  return `Tells the caller their ${told.join(' and ')}, every ${announce.everySeconds} s`;
}

/** What plays while the call waits: a menu's prompt, or on hold the announcement, the hold message and the call-back offer. */
function toWaitingLines(step: Step): TranscriptLine[] {
  const { wait } = step;
  if (wait.kind === 'input') return wait.prompt.map(toSpeechLine);
  if (wait.kind !== 'queue') return [];
  const announcement = describeQueueAnnouncement(wait.announce);
  return [...(announcement ? [{ kind: 'announcement' as const, text: announcement }] : []), ...[...wait.hold, ...(wait.callbackOffer?.prompt ?? [])].map(toSpeechLine)];
}

/** The outcome an environment node (hours, a split) picked: the exit from `id` into `nextId`. */
function toDecisionLine(flow: Flow, id: string, nextId: string | undefined): TranscriptLine | undefined {
  const node = Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined;
  if (!node || nextId === undefined || getKindSpec(node).decider !== 'environment') return undefined;
  const exit = getExits(node).find((e) => e.target === nextId);
  return exit ? { kind: 'environment', text: `${node.label ?? id} → ${exit.label}` } : undefined;
}

/**
 * Everything the caller heard and the environment decided on the way to the
 * step's wait, in the order it happened: each node's prompts, then the outcome
 * that left it (the interpreter decides conditions without a wait, so the
 * outcome is read off the exit into the next node), then what plays while waiting.
 */
export function toPassageLines(flow: Flow, step: Step): TranscriptLine[] {
  const path = step.path ?? [];
  const heardBefore = step.heardBefore ?? [];
  const lines: TranscriptLine[] = [];
  let heard = 0;
  const hearUpTo = (count: number) => {
    const upTo = Math.min(Math.max(count, heard), step.speech.length);
    lines.push(...step.speech.slice(heard, upTo).map(toSpeechLine));
    heard = upTo;
  };
  path.forEach((id, i) => {
    hearUpTo(heardBefore[i] ?? 0);
    if (i > 0) {
      const decision = toDecisionLine(flow, path[i - 1]!, id);
      if (decision) lines.push(decision);
    }
  });
  hearUpTo(step.speech.length);
  return [...lines, ...toWaitingLines(step)];
}

/** The end of a call in words; the same words make the status line. */
export function describeEnd(state: CallState, callerHungUp: boolean): string {
  if (callerHungUp) return 'Hung up by the caller';
  if (state.ended === 'unconnected') return 'Hung up: the flow has no route here';
  return state.reached === 'none' ? 'Hung up without reaching a person' : 'Call ended';
}

/** Lines for what the move reached: a person or a follow-up, or the guard stepping in. */
export function toReachedLines(before: CallState | undefined, after: CallState): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  if (after.guard !== undefined && after.guard !== before?.guard) lines.push({ kind: 'outcome', text: describeGuard(after.guard) });
  if (after.reached !== (before?.reached ?? 'none')) lines.push({ kind: 'outcome', text: after.reached === 'person' ? REACHED_PERSON : REACHED_FOLLOW_UP });
  return lines;
}

/** The closing line, once: a call already over hears nothing more. */
export function toEndLines(before: CallState | undefined, after: CallState): TranscriptLine[] {
  const justEnded = after.at === undefined && (before === undefined || before.at !== undefined);
  return justEnded ? [{ kind: 'outcome', text: describeEnd(after, false) }] : [];
}
