import { describe, expect, it } from 'vitest';
import { continueCall, FALLBACK_AT, GUARD_APOLOGY, startCall } from '../../core/interpreter/index.ts';
import type { CallEvent, CallState } from '../../core/interpreter/types.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { hangup, makeFlow, menu, say, transfer, voicemail } from '../helpers/flows.ts';
import { call, CALLER, expectWait, heard, last, loadFlow, press, runOptions, silence } from './helpers.ts';

// The run-time guard (SPEC section 4) and the interpreter's answers to states
// and events that do not fit.

/** A menu whose option 1 leads back to itself. */
function menuLoop(settings: Flow['settings'] = {}): Flow {
  return makeFlow(
    'main',
    {
      far: transfer({ answered: 'bye', onFailure: 'vm' }),
      main: menu({ '1': 'main', '0': 'near' }, { fallback: 'near' }),
      near: transfer({ answered: 'bye', onFailure: 'vm' }),
      vm: voicemail('bye'),
      bye: hangup('Goodbye.'),
    },
    { settings },
  );
}

describe('the run-time guard', () => {
  it('lets a menu be entered three times, and sends the fourth entry to the fallback number', () => {
    const steps = call(menuLoop({ fallback: { number: '+34910000000' } }), [press('1'), press('1'), press('1')]);
    expect(steps.slice(0, 3).map((step) => step.state.visits.main)).toEqual([1, 2, 3]);
    const guarded = steps[3]!;
    expect(heard(guarded.speech)).toEqual([GUARD_APOLOGY]);
    const wait = expectWait(guarded, 'dial', FALLBACK_AT);
    expect(wait.to).toEqual({ number: '+34910000000' });
    expect(wait.whisper).toBe('Caller chose: main press 1; main press 1; main press 1. Sent to you by the safety net after getting stuck.');
    expect(guarded.state.guard).toBe('menuVisits');
  });

  it('honours the runtime menu visit limit and fallback number when the flow names none', () => {
    const guarded = last(menuLoop(), [press('1')], runOptions({ menuVisitLimit: 1, fallbackNumber: '+15550000000' }));
    expect(expectWait(guarded, 'dial', FALLBACK_AT).to).toEqual({ number: '+15550000000' });
  });

  it('without a fallback number, jumps to the nearest transfer or queue, not the first in the file', () => {
    const guarded = last(menuLoop(), [press('1'), press('1'), press('1')]);
    expectWait(guarded, 'dial', 'near');
    expect(guarded.state.guard).toBe('menuVisits');
  });

  it('the fallback call answered ends the call with a person reached; unanswered, it tries the flow own people', () => {
    const flow = menuLoop({ fallback: { number: '+34910000000' } });
    const guarded = last(flow, [press('1'), press('1'), press('1')]);
    const answered = continueCall(flow, guarded.state, { type: 'dial', outcome: 'answered' }, runOptions());
    expect(answered.state.reached).toBe('person');
    expect(answered.wait).toEqual({ kind: 'end', reason: 'hangup' });
    const busy = continueCall(flow, guarded.state, { type: 'dial', outcome: 'busy' }, runOptions());
    expectWait(busy, 'dial', 'far');
  });

  it('firing again after its person failed, sends the caller to the nearest follow-up, not round the same busy person for ever', () => {
    // The person's busy route leads back into the menu the guard left: without an escalation the
    // guard would dial the same busy person, come back and dial again, as long as the line is busy.
    const flow = makeFlow('main', {
      main: menu({ '0': 'agent' }, { fallback: 'vm' }),
      agent: transfer({ answered: 'bye', busy: 'main', noAnswer: 'vm', failed: 'vm' }),
      vm: voicemail('bye'),
      bye: hangup('Goodbye.'),
    });
    const busy: CallEvent = { type: 'dial', outcome: 'busy' };
    const steps = call(flow, [press('0'), busy, press('0'), busy, press('0'), busy]);
    const first = steps.at(-1)!;
    expect(first.state.guard).toBe('menuVisits');
    expectWait(first, 'dial', 'agent');
    const again = continueCall(flow, first.state, busy, runOptions());
    expect(heard(again.speech)).toContain(GUARD_APOLOGY);
    expectWait(again, 'record', 'vm');
  });

  it('fires when the steps exceed twice the budget', () => {
    const chain = makeFlow('m1', {
      m1: menu({ '1': 'm2', '0': 'agent' }, { fallback: 'agent' }),
      m2: menu({ '1': 'm3', '0': 'agent' }, { fallback: 'agent' }),
      m3: menu({ '1': 'm1', '0': 'agent' }, { fallback: 'agent' }),
      agent: transfer({ answered: 'bye', onFailure: 'vm' }),
      vm: voicemail('bye'),
      bye: hangup(),
    }, { settings: { maxSteps: 2 } });
    const steps = call(chain, [press('1'), press('1'), press('1'), press('1')]);
    expect(steps[3]!.state.steps).toBe(4);
    expectWait(steps[3]!, 'input', 'm1');
    expectWait(steps[4]!, 'dial', 'agent');
    expect(steps[4]!.state.guard).toBe('steps');
  });

  it('a say/set loop that never waits goes to a person after 1,000 moves', () => {
    const flow = makeFlow('count', {
      count: { kind: 'set', assign: { looped: true }, next: 'tell' },
      tell: say('count', 'Still here.'),
      agent: transfer({ answered: 'bye', onFailure: 'vm' }),
      vm: voicemail('bye'),
      bye: hangup(),
    });
    const step = last(flow, []);
    expect(step.state.guard).toBe('loop');
    expect(heard(step.speech)).toEqual(['Still here.', GUARD_APOLOGY]); // not five hundred repeats
    expectWait(step, 'dial', 'agent');
    expect(step.path!.length).toBeLessThanOrEqual(1001);
  });

  it('a flow without any person ends unconnected when the guard fires', () => {
    const flow = makeFlow('main', { main: menu({ '1': 'main' }), vm: voicemail() });
    const step = last(flow, [press('1'), press('1'), press('1')]);
    expect(step.state.guard).toBe('menuVisits');
    expect(step.wait).toEqual({ kind: 'end', reason: 'unconnected' });
  });
});

describe('the guard on the bank line', () => {
  const bank = loadFlow('bank');
  const balance = [press('1'), press('1234567890'), { type: 'lookup', outcome: 'ok', data: {} }] as const;

  it('a caller hearing the balance again and again is sent to a person at the fourth visit of the balance menu', () => {
    const steps = call(bank, [...balance, press('1'), press('1'), press('1')]);
    expectWait(steps[5]!, 'input', 'balance_menu');
    expect(steps[5]!.state.visits.balance_menu).toBe(3);
    const guarded = steps[6]!;
    expect(guarded.state.guard).toBe('menuVisits');
    expect(heard(guarded.speech)).toEqual(['The available balance on your account ending in  is  dollars.', GUARD_APOLOGY]);
    const wait = expectWait(guarded, 'dial', FALLBACK_AT);
    expect(wait.to).toEqual({ number: '+12125550100' });
    expect(wait.whisper).toContain('entered account number 1234567890');
  });

  it('a caller going round the main menu and the balance twice exceeds twice the step budget', () => {
    const steps = call(bank, [...balance, press('2'), ...balance, press('2')]);
    expect(steps[7]!.state.steps).toBe(6);
    expect(steps.at(-1)!.state.guard).toBe('steps');
    expectWait(steps.at(-1)!, 'dial', FALLBACK_AT);
  });
});

describe('states and events that do not fit', () => {
  const bank = loadFlow('bank');

  it('a state whose node the flow does not have goes to the fallback number', () => {
    const start = startCall(bank, CALLER, runOptions());
    for (const at of ['removed_node', 'toString', '__proto__']) {
      const step = continueCall(bank, { ...start.state, at }, press('1'), runOptions());
      expect(step.state.guard).toBe('unknownNode');
      expect(expectWait(step, 'dial', FALLBACK_AT).to).toEqual({ number: '+12125550100' });
    }
  });

  it('a state waiting at a node that never waits goes to a person too', () => {
    const start = startCall(bank, CALLER, runOptions());
    const step = continueCall(bank, { ...start.state, at: 'greeting' }, silence, runOptions());
    expect(step.state.guard).toBe('unknownNode');
  });

  it('an entry naming no node, or a transition to a missing node, goes to a person', () => {
    const broken = makeFlow('nowhere', { agent: transfer({ answered: 'bye' }), bye: hangup() });
    expectWait(startCall(broken, CALLER, runOptions()), 'dial', 'agent');
    const missing = makeFlow('hi', { hi: say('gone'), agent: transfer({ answered: 'bye' }), bye: hangup() });
    const step = startCall(missing, CALLER, runOptions());
    expectWait(step, 'dial', 'agent');
    expect(heard(step.speech)).toEqual(['Thank you for calling.', GUARD_APOLOGY]);
  });

  it('an out-of-place event returns the same wait and the state unchanged', () => {
    const start = startCall(bank, CALLER, runOptions());
    const frozen = structuredClone(start.state);
    for (const event of [
      { type: 'dial', outcome: 'busy' },
      { type: 'lookup', outcome: 'ok', data: {} },
      { type: 'recorded' },
      { type: 'queue', outcome: 'full' },
      { type: 'start' },
      { type: 'nonsense' },
      null,
    ]) {
      const step = continueCall(bank, start.state, event as never, runOptions());
      expect(step.state).toEqual(frozen);
      expect(step.wait).toEqual(start.wait);
      expect(step.speech).toEqual([]);
    }
    expect(start.state).toEqual(frozen);
  });

  it('an event after the end repeats the end', () => {
    const end = last(bank, [press('2'), press('1'), { type: 'dial', outcome: 'answered' }, press('5')]);
    expect(end.wait).toEqual({ kind: 'end', reason: 'hangup' });
    const again = continueCall(bank, end.state, press('1'), runOptions());
    expect(again.wait).toEqual(end.wait);
    expect(again.state).toEqual(end.state);
  });

  it('start on a fresh state starts the call', () => {
    const fresh: CallState = { ...startCall(bank, CALLER, runOptions()).state, at: undefined, seq: 0, steps: 0, visits: {} };
    expectWait(continueCall(bank, fresh, { type: 'start' }, runOptions()), 'input', 'main_menu');
  });

  it('never throws on a mangled state: it goes to a person', () => {
    for (const state of [null, 42, {}, { at: 'main_menu', seq: 'x', visits: null, variables: [1], trail: 'no' }]) {
      const step = continueCall(bank, state as never, silence, runOptions());
      expect(step.wait.kind).not.toBe('end');
    }
  });

  it('an internal failure (here a prompt that throws when read) still sends the caller to a person', () => {
    const flow = menuLoop({ fallback: { number: '+34910000000' } });
    Object.defineProperty(flow.nodes.main!, 'prompt', { get: () => { throw new Error('boom'); } });
    const step = startCall(flow, CALLER, runOptions());
    expect(step.state.guard).toBe('error');
    expect(expectWait(step, 'dial', FALLBACK_AT).to).toEqual({ number: '+34910000000' });
  });

  it('an unconnected failure route ends the call "unconnected"; after a person, an unconnected route is a plain hangup', () => {
    const flow = makeFlow('agent', { agent: transfer({}) });
    expect(last(flow, [{ type: 'dial', outcome: 'busy' }]).wait).toEqual({ kind: 'end', reason: 'unconnected' });
    expect(last(flow, [{ type: 'dial', outcome: 'answered' }]).wait).toEqual({ kind: 'end', reason: 'hangup' });
  });

  it('a silent caller at a menu without a noInput route is dropped "unconnected" (a flow the validator refuses)', () => {
    const flow = makeFlow('main', { main: menu({ '0': 'agent' }), agent: transfer({ answered: 'bye' }), bye: hangup() });
    expect(last(flow, [silence, silence, silence]).wait).toEqual({ kind: 'end', reason: 'unconnected' });
  });
});
