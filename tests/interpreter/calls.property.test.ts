import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continueCall, FALLBACK_AT, startCall } from '../../core/interpreter/index.ts';
import type { CallEvent, CallState, Step } from '../../core/interpreter/types.ts';
import { lintFlow } from '../../core/lint/linter.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { CALLER, loadFlow, runOptions, SHIPPED } from './helpers.ts';

// Random callers and random environments on the shipped flows: the
// interpreter never throws, never changes the state it is given, numbers each
// new wait, and never drops a caller on a flow the linter accepts.

const digits = fc.constantFrom('0', '1', '2', '3', '4', '5', '9', '7', '*', '#', '', ' ', '1234567890', '1234567890#', '12345', 'x');
const speech = fc.constantFrom('agent', 'I lost my card', 'balance please', 'no power', 'billing', 'pizza', '', 'OPERATOR!');
const anyEvent: fc.Arbitrary<CallEvent> = fc.oneof(
  fc.constant<CallEvent>({ type: 'start' }),
  fc.record({ type: fc.constant('input' as const), digits: fc.option(digits, { nil: undefined }), speech: fc.option(speech, { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('lookup' as const), outcome: fc.constantFrom('ok' as const, 'failed' as const, 'timeout' as const), data: fc.option(fc.jsonValue(), { nil: undefined }) }, { requiredKeys: ['type', 'outcome'] }),
  fc.record({ type: fc.constant('dial' as const), outcome: fc.constantFrom('answered' as const, 'busy' as const, 'noAnswer' as const, 'failed' as const) }),
  fc.record({ type: fc.constant('queue' as const), outcome: fc.constantFrom('answered' as const, 'full' as const, 'timeout' as const, 'callback' as const) }),
  fc.record({ type: fc.constant('recorded' as const), recordingUrl: fc.option(fc.webUrl(), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('callbackNumber' as const), number: fc.option(fc.constantFrom('+15550001111', '', ' '), { nil: undefined }) }, { requiredKeys: ['type'] }),
);

/** An event the call's wait expects: `choice` picks the menu key, the silence, the wrong key, the outcome. */
function fitting(flow: Flow, step: Step, choice: number): CallEvent {
  const wait = step.wait;
  const among = <T>(items: T[]): T => items[choice % items.length]!;
  switch (wait.kind) {
    case 'input': {
      const node = flow.nodes[wait.nodeId];
      if (wait.mode === 'menu' && node?.kind === 'menu') return among([...node.options.map((o) => ({ type: 'input' as const, digits: o.key ?? '' })), { type: 'input' }, { type: 'input', digits: '*' }]);
      if (wait.mode === 'digits') return among<CallEvent>([{ type: 'input', digits: '1234567890#' }, { type: 'input' }, { type: 'input', digits: '12' }]);
      return among<CallEvent>([{ type: 'input', digits: '4' }, { type: 'input' }]);
    }
    case 'lookup':
      return among<CallEvent>([{ type: 'lookup', outcome: 'ok', data: { active: choice % 3 === 0 } }, { type: 'lookup', outcome: 'failed' }, { type: 'lookup', outcome: 'timeout' }]);
    case 'dial':
      return { type: 'dial', outcome: among(['answered', 'busy', 'noAnswer', 'failed'] as const) };
    case 'queue':
      return { type: 'queue', outcome: among(['answered', 'full', 'timeout', 'callback'] as const) };
    case 'link':
      return { type: 'link', outcome: 'failed' };
    case 'record':
      return { type: 'recorded' };
    case 'callbackNumber':
      return { type: 'callbackNumber' };
    case 'end':
      return { type: 'input', digits: '1' };
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const isPersonWait = (step: Step) => step.wait.kind === 'dial' || step.wait.kind === 'queue';

describe('random calls on the shipped flows', () => {
  const seen = { person: 0, followUp: 0, ended: 0, guarded: 0 };
  for (const name of SHIPPED) {
    const flow = loadFlow(name);

    it(`${name}.json is clean for the linter`, () => {
      expect(lintFlow(flow, { file: `${name}.json` }).findings.filter((f) => f.severity === 'error')).toEqual([]);
    });

    it(`${name}.json: a call keeps waiting, reaches help, ends by a hangup node or is guarded to a person`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat({ max: 9 }), fc.nat(), anyEvent), { maxLength: 40 }),
          fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T23:59:59Z'), noInvalidDate: true }),
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          fc.integer({ min: 1, max: 4 }),
          (script, now, draw, menuVisitLimit) => {
            const options = runOptions({ now, random: () => draw, menuVisitLimit });
            let step = startCall(flow, CALLER, options);
            expect(step.state.seq).toBe(1);
            let ended: Step | undefined = step.wait.kind === 'end' ? step : undefined;
            for (const [mode, choice, random] of script) {
              const before: CallState = deepFreeze(structuredClone(step.state));
              // Mostly the events the wait expects, so calls get somewhere; sometimes anything at all.
              const event = mode < 8 ? fitting(flow, step, choice) : random;
              const next = continueCall(flow, before, event, options);
              expect(JSON.parse(JSON.stringify(next.state))).toEqual(next.state);
              if (next.state.seq === before.seq) {
                expect(next.state).toEqual(before); // the same wait again: nothing changed
                expect(next.speech).toEqual([]);
              } else {
                expect(next.state.seq).toBe(before.seq + 1);
              }
              if (next.state.guard && !before.guard) expect(isPersonWait(next) || next.state.at === FALLBACK_AT).toBe(true);
              if (next.wait.kind === 'end' && !ended) ended = next;
              step = next;
            }
            if (step.state.reached === 'person') seen.person++;
            if (step.state.reached === 'followUp') seen.followUp++;
            if (ended) seen.ended++;
            if (step.state.guard) seen.guarded++;
            expect(step.state.guard).not.toBe('error');
            expect(step.state.guard).not.toBe('unknownNode');
            if (ended) {
              expect(ended.wait).toEqual({ kind: 'end', reason: 'hangup' });
              const byHangupNode = flow.nodes[ended.path!.at(-1) ?? '']?.kind === 'hangup';
              expect(byHangupNode || ended.state.reached !== 'none' || ended.state.guard !== undefined).toBe(true);
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('the random calls did get somewhere: people, follow-ups and ends all happened', () => {
    expect(Math.min(seen.person, seen.followUp, seen.ended), JSON.stringify(seen)).toBeGreaterThan(10);
  });
});
