import type { Flow } from '../schema/flow.ts';

// The one interpreter that the runtime (Twilio webhooks) and the designer's
// simulator both run. It is pure: given a flow, the call's state and what just
// happened, it returns what the caller hears and what the call waits for next.
// The runtime renders that as TwiML and stores the state; the simulator shows it.

/** What the runtime knows of the caller (Twilio's From, To, FromCountry, ...). */
export interface CallInfo {
  callSid: string;
  from?: string;
  to?: string;
  fromCountry?: string;
  fromState?: string;
  fromCity?: string;
}

/** Deterministic inputs from outside, so runs replay exactly in tests and in the simulator. */
export interface RunOptions {
  /** the flow version the call is pinned to (the runtime's id for it) */
  flowVersion: string;
  /** the current time, for business hours */
  now: Date;
  /** a number in [0, 1), for percentage splits */
  random: () => number;
  /** where to send the caller when the guard fires and the flow names no fallback */
  fallbackNumber?: string;
  /** re-entries of one menu before the guard sends the caller to a person (default 3) */
  menuVisitLimit?: number;
  /** startCall only: the node to start at instead of the flow's entry (the simulator's "play from here") */
  from?: string;
}

export type GuardReason = 'steps' | 'menuVisits' | 'loop' | 'unknownNode' | 'error';

/** Everything the call needs between webhooks; JSON-serialisable, stored per CallSid. */
export interface CallState {
  callSid: string;
  flowVersion: string;
  /** the node the call waits at (`#fallback` while the guard dials the fallback number); undefined once the call has ended */
  at: string | undefined;
  /** increases with every wait: a webhook answering an older wait is a duplicate */
  seq: number;
  /** re-prompts used so far at the current caller node */
  attempts: { noInput: number; noMatch: number };
  /** caller steps so far (visits of menu and input nodes), as the validator counts them */
  steps: number;
  /** visits per menu node */
  visits: Record<string, number>;
  variables: Record<string, string | number | boolean>;
  /** the caller's language (a tag of the flow's languages) */
  language: string;
  /** what the caller chose and entered, in order, for the agent's whisper: "Main menu: press 2 (Cards)" */
  trail: string[];
  /** the latest trail entry of each input variable, at most `INPUTS_LIMIT`, oldest first: the whisper keeps them when the trail has moved on; absent before the first input (and in states stored before it was kept) */
  inputs?: Record<string, string>;
  /** whether a person or a follow-up has been reached */
  reached: 'none' | 'person' | 'followUp';
  /** the transfer or queue node whose agent call came last: what a survey after it rates */
  lastPerson?: string;
  /**
   * set when the run-time guard sent the caller to a person: too many steps, a menu entered too
   * often, too many moves without a wait, a node id the flow does not have, or an internal error
   */
  guard?: GuardReason;
  /** why the call ended, once `at` is undefined */
  ended?: 'hangup' | 'unconnected';
  /** the version of each flow of the line the call has entered, by flow id: a flow entered again runs the same version (absent until the call first follows a link) */
  pinned?: Record<string, string>;
  caller: CallInfo;
}

/** What just happened on the call. */
export type CallEvent =
  | { type: 'start' }
  /** keys pressed or words said at a menu, input or survey; neither means silence */
  | { type: 'input'; digits?: string; speech?: string }
  | { type: 'lookup'; outcome: 'ok' | 'failed' | 'timeout'; data?: unknown }
  /** the outcome of a transfer; `answered` once the agent call has ended */
  | { type: 'dial'; outcome: 'answered' | 'busy' | 'noAnswer' | 'failed' }
  | { type: 'queue'; outcome: 'answered' | 'full' | 'timeout' | 'callback' }
  | { type: 'recorded'; recordingUrl?: string }
  | { type: 'callbackNumber'; number?: string }
  /** the flow a goto links to is missing or cannot start there: the goto's failed route */
  | { type: 'link'; outcome: 'failed' };

/** Something the caller hears. */
export type Speech =
  | { type: 'say'; text: string; language: string; voice?: string }
  | { type: 'play'; url: string };

/** What the call waits for after the caller has heard `speech`. */
export type Wait =
  | {
      kind: 'input';
      nodeId: string;
      /** menu: keys or phrases pick options; digits: an input node collecting digits; survey: a 1-5 score */
      mode: 'menu' | 'digits' | 'survey';
      /** the prompt to play while listening (includes a re-prompt's apology) */
      prompt: Speech[];
      timeout: number;
      /** listen for speech too, with these hints */
      speech?: { language: string; hints: string[] };
      numDigits?: number;
      finishOnKey?: string;
      bargeIn: boolean;
      /** survey only: the queue name, or the number, SIP address or client a transfer dialled, whose agent call the score rates */
      rates?: string;
    }
  | { kind: 'lookup'; nodeId: string; url: string; method: 'GET' | 'POST'; headers: Record<string, string>; body?: Record<string, string>; timeout: number }
  | { kind: 'dial'; nodeId: string; to: { number: string } | { sip: string } | { client: string }; timeout: number; callerId?: string; whisper: string }
  | {
      kind: 'queue';
      nodeId: string;
      queue: string;
      hold: Speech[];
      musicUrl?: string;
      announce: { position: boolean; estimatedWait: boolean; everySeconds: number };
      callbackOffer?: { key: string; prompt: Speech[] };
      maxWait?: number;
      whisper: string;
    }
  | { kind: 'record'; nodeId: string; maxLength: number; transcribe: boolean }
  | { kind: 'callbackNumber'; nodeId: string; confirmNumber: boolean; callerNumber?: string }
  /** the goto `nodeId` continues the call in flow `flowId` at `entry` (undefined: that flow's entry); who runs the line enters it (`enterFlow`) or answers `link` failed */
  | { kind: 'link'; nodeId: string; flowId: string; entry?: string }
  /** the call ends: by a hangup node, or (a flow the validator would refuse) an unconnected transition */
  | { kind: 'end'; reason: 'hangup' | 'unconnected' };

/** An exit the call left a node by: the node, and the exit's id as the registry gives it (`options.2.next`, `noInput.next`, `on.failed`). */
export interface ExitTaken {
  nodeId: string;
  exitId: string;
}

export interface Step {
  state: CallState;
  /** prompts to play, in order, before the wait */
  speech: Speech[];
  wait: Wait;
  /** the nodes the call went through to get here, in order (the simulator highlights them) */
  path?: string[];
  /** for each node of `path`, how many of `speech` were spoken before the call entered it: the simulator's transcript interleaves prompts and decisions by it */
  heardBefore?: number[];
  /** every exit the call left a node by to get here, in order; each leads to the node after it in `path` (a re-prompt, a repeated wait or the guard's own moves take none) */
  exits?: ExitTaken[];
  /** the caller's answer picked nothing: silence (`noInput`), or an answer that matched no option or was not valid (`noMatch`); the re-prompt or the handler's route follows */
  miss?: 'noInput' | 'noMatch';
}

export interface Interpreter {
  startCall(flow: Flow, caller: CallInfo, options: RunOptions): Step;
  /**
   * Never throws and never changes `state`. An event that does not fit the wait (a dial outcome at a
   * menu) returns the same wait, no speech and the state as it was (seq included); a state whose
   * `at` names no node of the flow, or any internal failure, sends the caller to a person (`guard`).
   */
  continueCall(flow: Flow, state: CallState, event: CallEvent, options: RunOptions): Step;
  /**
   * Continues a call that stopped at a `link` wait in the linked flow, at `entry` (undefined: its entry),
   * with what the call knows so far; `options.flowVersion` is the linked flow's version. Never throws.
   */
  enterFlow(flow: Flow, state: CallState, entry: string | undefined, options: RunOptions): Step;
}
