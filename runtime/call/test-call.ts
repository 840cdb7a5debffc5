import type { CallEvent, GuardReason, Step } from '../../core/interpreter/types.ts';

// A test call (`humanline test --url`): the scenario's world given by the
// caller's side, honoured only when the server allows test calls. The clock,
// the look-ups' answers, the percentage splits' draws and failed links are the scenario's,
// and the runtime reports what the TwiML cannot show.

/** A look-up's answer as a scenario gives it: an outcome, or ok with the data. */
export type TestLookupAnswer = 'ok' | 'failed' | 'timeout' | { ok: Record<string, unknown> };

/** What the runtime reports of one webhook of a test call, for the caller's assertions. */
export interface TestCallTrace {
  /** the nodes the call entered while answering this webhook, in order */
  path: string[];
  reached: 'none' | 'person' | 'followUp';
  /** caller steps so far */
  steps: number;
  guard?: GuardReason;
  /** the wait the answer ends with: its kind, and its node or how the call ended */
  wait: { kind: string; nodeId?: string; reason?: string };
  /** split draws this webhook used (the caller sends the rest with the next one) */
  drawsUsed: number;
}

export interface TestCall {
  /** the call's clock; undefined: the server's */
  at: Date | undefined;
  /** per look-up node; a node not named answers ok without data, and nothing is fetched */
  lookups: Record<string, TestLookupAnswer>;
  /** values the splits draw, in order; after them 0 */
  draws: number[];
  /** per goto node: `failed` takes its failed route as if the linked flow were missing; `entered` (or not named) follows the link as published */
  links: Record<string, 'failed' | 'entered'>;
  /** written by the call service as it answers */
  trace?: TestCallTrace;
}

/** The splits' random numbers from the test call's draws; counts how many were taken. */
export function createTestDraws(test: TestCall): { random: () => number; getUsed: () => number } {
  let used = 0;
  return {
    random: () => test.draws[used++] ?? 0,
    getUsed: () => used,
  };
}

/** The scenario's answer to a look-up, as the interpreter's event. */
export function toTestLookup(test: TestCall, nodeId: string): Extract<CallEvent, { type: 'lookup' }> {
  const answer = Object.hasOwn(test.lookups, nodeId) ? test.lookups[nodeId] : 'ok';
  if (answer === undefined || answer === 'ok') return { type: 'lookup', outcome: 'ok' };
  return typeof answer === 'string' ? { type: 'lookup', outcome: answer } : { type: 'lookup', outcome: 'ok', data: answer.ok };
}

/** Whether the scenario says the link at goto `nodeId` fails. */
export const isTestLinkFailed = (test: TestCall, nodeId: string): boolean => Object.hasOwn(test.links, nodeId) && test.links[nodeId] === 'failed';

export function toTestCallTrace(step: Step, path: string[], drawsUsed: number): TestCallTrace {
  const { wait, state } = step;
  return {
    path,
    reached: state.reached,
    steps: state.steps,
    ...(state.guard !== undefined ? { guard: state.guard } : {}),
    wait: wait.kind === 'end' ? { kind: 'end', reason: wait.reason } : { kind: wait.kind, nodeId: wait.nodeId },
    drawsUsed,
  };
}
