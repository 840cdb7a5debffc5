import type { GatherNode } from './flow-guide.ts';
import { pick, pickWeighted } from './random.ts';

// Who calls, and what the world around the call does. A persona decides the
// keys a caller presses; the environment decides whether agents answer, how
// long a queue takes, and how it ends. Both draw from one seeded generator.

/**
 * `decisive` knows what they want and presses valid keys; `silent` never presses;
 * `confused` mostly presses keys the menu does not have; `pressesZero` asks for a
 * person at once; `hangsUp` hangs up after one to three menus; `surveyAnswerer`
 * walks like a decisive caller and always scores the survey.
 */
export const PERSONAS = ['decisive', 'silent', 'confused', 'pressesZero', 'hangsUp', 'surveyAnswerer'] as const;
export type Persona = (typeof PERSONAS)[number];

const KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*'] as const;

/** The keys one caller presses, Gather by Gather. */
export class SimulatedCaller {
  private gathersAnswered = 0;
  private readonly hangUpAfter: number;

  constructor(
    readonly persona: Persona,
    private readonly random: () => number,
  ) {
    this.hangUpAfter = persona === 'hangsUp' ? 1 + Math.floor(random() * 3) : Infinity;
  }

  private digits(count: number): string {
    return Array.from({ length: count }, () => String(Math.floor(this.random() * 10))).join('');
  }

  /** Whether the caller hangs up instead of answering this Gather. */
  hangsUpNow(): boolean {
    return this.gathersAnswered >= this.hangUpAfter;
  }

  /** The keys pressed at a Gather for `node` (undefined: a prompt the flow does not have, such as the callback number's). */
  answer(node: GatherNode | undefined, isCallbackNumber: boolean): string {
    this.gathersAnswered++;
    const persona = this.persona;
    if (persona === 'silent') return '';
    if (isCallbackNumber) return persona === 'confused' ? '12' : '1';
    if (node === undefined) return pick(['1', '2', '0'], this.random);
    if (node.kind === 'survey') {
      if (persona === 'surveyAnswerer' || persona === 'decisive') return String(1 + Math.floor(this.random() * 5));
      // the confused caller presses a key the survey does not take, and is asked again
      return persona === 'confused' ? pick(['0', '7', '9'], this.random) : '';
    }
    if (node.kind === 'input') {
      if (persona === 'pressesZero') return '0';
      if (persona === 'confused') return this.digits(Math.max(1, node.minDigits - 3));
      return this.digits(node.minDigits + Math.floor(this.random() * (node.maxDigits - node.minDigits + 1)));
    }
    if (persona === 'pressesZero') return '0';
    if (persona === 'confused' && this.random() < 0.7) return pick(KEYS.filter((key) => !node.keys.includes(key)), this.random);
    return pick(node.keys, this.random);
  }
}

/** Twilio's DialCallStatus for a transfer: the agent answers about half the time. */
export type DialStatus = 'completed' | 'busy' | 'no-answer' | 'failed';
/** Twilio's QueueResult once the hold ends without the caller leaving by key. */
export type QueueResult = 'bridged' | 'queue-full' | 'hangup';

/** The world around the calls: agents answering or not, queues and how long they hold. */
export const ENVIRONMENT = {
  dial: [
    ['completed', 0.55],
    ['busy', 0.15],
    ['no-answer', 0.15],
    ['failed', 0.15],
  ],
  queue: [
    ['bridged', 0.6],
    ['queue-full', 0.2],
    ['hangup', 0.2],
  ],
  /** chance the caller presses the callback key at a hold announcement */
  callbackKey: 0.15,
  /** chance a look-up fails (the in-process runtime only: a running serve does its own look-ups) */
  lookupFails: 0.2,
} as const satisfies {
  dial: ReadonlyArray<readonly [DialStatus, number]>;
  queue: ReadonlyArray<readonly [QueueResult, number]>;
  callbackKey: number;
  lookupFails: number;
};

export function pickDialStatus(random: () => number): DialStatus {
  return pickWeighted(random, ENVIRONMENT.dial);
}

export function pickQueueResult(random: () => number): QueueResult {
  return pickWeighted(random, ENVIRONMENT.queue);
}

/** Seconds one hold round lasts: mostly short, now and then long (an exponential wait, at most 20 minutes). */
export function pickHoldSeconds(random: () => number): number {
  return Math.min(1200, Math.round(-90 * Math.log(1 - random())) + 10);
}

/** Seconds an agent call lasts. */
export function pickTalkSeconds(random: () => number): number {
  return 60 + Math.floor(random() * 420);
}
