import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { continueCall, startCall } from '../../core/interpreter/index.ts';
import type { CallEvent, CallInfo, RunOptions, Speech, Step } from '../../core/interpreter/types.ts';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';

export { SHIPPED_FLOW_IDS as SHIPPED } from '../helpers/shipped-flows.ts';

export function loadFlow(name: string): Flow {
  return FlowSchema.parse(JSON.parse(readFileSync(new URL(`../../flows/${name}.json`, import.meta.url), 'utf8')));
}

export const CALLER: CallInfo = { callSid: 'CA0001', from: '+15551234567', to: '+12125550000', fromCity: 'Springfield' };

/** Tuesday 10 March 2026, 11:00 in New York (EDT): the bank is open. */
export const BANK_OPEN = new Date('2026-03-10T15:00:00Z');
/** The same Tuesday, 23:00 in New York: closed. */
export const BANK_CLOSED = new Date('2026-03-11T03:00:00Z');

export function runOptions(overrides: Partial<RunOptions> = {}): RunOptions {
  return { flowVersion: 'v1', now: BANK_OPEN, random: () => 0.5, ...overrides };
}

/** A call: starts it, then plays `events` in order; returns every step, the start first. */
export function call(flow: Flow, events: CallEvent[], options: RunOptions = runOptions(), caller: CallInfo = CALLER): Step[] {
  const steps = [startCall(flow, caller, options)];
  for (const event of events) steps.push(continueCall(flow, steps.at(-1)!.state, event, options));
  return steps;
}

/** The last step of a call. */
export function last(flow: Flow, events: CallEvent[], options?: RunOptions, caller?: CallInfo): Step {
  return call(flow, events, options, caller).at(-1)!;
}

export const press = (digits: string): CallEvent => ({ type: 'input', digits });
export const say = (speech: string): CallEvent => ({ type: 'input', speech });
export const silence: CallEvent = { type: 'input' };

/** What the caller hears, as text, in order (recordings as their URL). */
export function heard(speech: Speech[]): string[] {
  return speech.map((s) => (s.type === 'say' ? s.text : s.url));
}

export function waitingAt(step: Step): string | undefined {
  return step.wait.kind === 'end' ? undefined : step.wait.nodeId;
}

export function expectWait<K extends Step['wait']['kind']>(step: Step, kind: K, nodeId?: string): Extract<Step['wait'], { kind: K }> {
  expect(step.wait.kind, JSON.stringify(step.wait)).toBe(kind);
  if (nodeId !== undefined) expect(waitingAt(step)).toBe(nodeId);
  return step.wait as Extract<Step['wait'], { kind: K }>;
}

/** The texts of the prompt an input wait plays (the re-prompt apology first). */
export function promptOf(step: Step): string[] {
  return step.wait.kind === 'input' ? heard(step.wait.prompt) : [];
}
