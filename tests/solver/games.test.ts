import { describe, expect, it } from 'vitest';
import { callback, cleanLine, hangup, hours, http, input, makeFlow, menu, queue, say, transfer, voicemail } from '../helpers/flows.ts';
import { analyze } from '../helpers/analysis.ts';

// Hand-built games whose values are known, worked out on paper (SPEC section 3).

describe('best- and worst-case values', () => {
  it('counts one step per caller decision and none for prompts or look-ups', () => {
    const { best, worst } = analyze(cleanLine());
    expect(best).toMatchObject({ welcome: 1, main: 1, info: 1, agent: 0 });
    expect(worst).toMatchObject({ welcome: 1, main: 1, info: 1, agent: 0, vm: 0 });
  });

  it('lets the environment pick the worst outcome of a person node and of a look-up', () => {
    const { best, worst } = analyze(
      makeFlow('main', {
        main: menu({ '1': 'lookup', '0': 'agent' }, { fallback: 'agent' }),
        lookup: http({ ok: 'agent', failed: 'retry', timeout: 'agent' }),
        retry: menu({ '0': 'agent', '1': 'vm' }, { fallback: 'vm' }),
        agent: transfer({ answered: 'bye', busy: 'vm', noAnswer: 'second', failed: 'vm' }),
        second: menu({ '0': 'vm' }, { fallback: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
    );
    // best: the look-up succeeds and someone answers
    expect(best).toMatchObject({ main: 1, lookup: 0, retry: 1, agent: 0, second: Infinity, vm: Infinity });
    // worst: agent → no answer → one more menu (1 step) → voicemail; retry → 1 → voicemail (1 step);
    // lookup takes the worst of agent (1), retry (1); main adds its own step.
    expect(worst).toMatchObject({ agent: 1, second: 1, retry: 1, lookup: 1, main: 2, vm: 0 });
  });

  it('handles a cycle through a person: back to the menu after the agent call', () => {
    const { best, worst, checked } = analyze(
      makeFlow('main', {
        main: menu({ '0': 'agent', '9': 'bye' }, { fallback: 'agent' }),
        agent: transfer({ answered: 'main', onFailure: 'cb' }),
        cb: callback('bye'),
        bye: hangup(),
      }),
    );
    expect(best).toMatchObject({ main: 1, agent: 0 });
    expect(worst).toMatchObject({ main: 1, agent: 0, cb: 0 });
    // What follows a person or a follow-up is not checked.
    expect(checked).toEqual(['main', 'agent', 'bye', 'cb']);
  });

  it('gives infinite values on an environment-only cycle and finds the trap', () => {
    const { best, worst, traps } = analyze(
      makeFlow('lookup', {
        lookup: http({ ok: 'main', failed: 'wait', timeout: 'wait' }),
        wait: say('lookup', 'Still looking, one moment.'),
        main: menu({ '0': 'agent' }, { fallback: 'agent' }),
        agent: transfer({ answered: 'bye', onFailure: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
    );
    expect(best).toMatchObject({ lookup: 1, wait: 1, main: 1 });
    expect(worst).toMatchObject({ lookup: Infinity, wait: Infinity, main: 1 });
    expect(traps).toEqual([['lookup', 'wait']]);
  });

  it('finds no trap where the caller can always leave the cycle', () => {
    const { traps, silent } = analyze(
      makeFlow('main', {
        main: menu({ '1': 'sub', '0': 'agent' }, { fallback: 'agent' }),
        sub: menu({ '1': 'main', '0': 'agent' }, { noInput: 'main', noMatch: 'agent' }),
        agent: transfer({ answered: 'bye', onFailure: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
    );
    expect(traps).toEqual([]);
    // silent at sub: → main (1) → agent (1)
    expect(silent).toMatchObject({ sub: 2, main: 1 });
  });

  it('values a long flow by its 0 routes: every path is long but 0 is everywhere', () => {
    const nodes: Record<string, ReturnType<typeof menu> | ReturnType<typeof transfer> | ReturnType<typeof voicemail> | ReturnType<typeof hangup>> = {};
    for (let level = 1; level <= 8; level++) {
      nodes[`m${level}`] = menu({ '1': level < 8 ? `m${level + 1}` : 'agent', '0': 'agent' }, { fallback: 'agent' });
    }
    Object.assign(nodes, { agent: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() });
    const { best, worst, silent, confused } = analyze(makeFlow('m1', nodes));
    for (let level = 1; level <= 8; level++) {
      expect(best[`m${level}`]).toBe(1);
      expect(worst[`m${level}`]).toBe(1);
      expect(silent[`m${level}`]).toBe(1);
      expect(confused[`m${level}`]).toBe(1);
    }
  });

  it('sees a trap reachable only after a look-up failure', () => {
    const { best, worst, silent } = analyze(
      makeFlow('lookup', {
        lookup: http({ ok: 'main', failed: 'broken', timeout: 'main' }),
        main: menu({ '0': 'agent' }, { fallback: 'agent' }),
        broken: menu({ '1': 'broken' }, { fallback: 'broken' }),
        agent: transfer({ answered: 'bye', onFailure: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
    );
    expect(best.lookup).toBe(1);
    expect(best.broken).toBe(Infinity);
    expect(worst.lookup).toBe(Infinity);
    expect(silent.lookup).toBe(Infinity);
  });

  it('treats a closed branch as follow-up territory: best infinite, worst finite', () => {
    const { best, worst } = analyze(
      makeFlow('hours', {
        hours: hours('queue', 'closed'),
        queue: queue({ answered: 'bye', full: 'cb' }),
        closed: menu({ '1': 'vm', '0': 'cb' }, { fallback: 'vm' }),
        vm: voicemail('bye'),
        cb: callback('bye'),
        bye: hangup(),
      }),
    );
    expect(best).toMatchObject({ hours: 0, queue: 0, closed: Infinity });
    expect(worst).toMatchObject({ hours: 1, queue: 0, closed: 1 });
  });

  it('counts unconnected transitions as hang-ups', () => {
    const { worst, silent, best } = analyze(
      makeFlow('main', {
        main: menu({ '0': 'agent' }, { noMatch: 'agent' }),
        agent: transfer({ answered: 'bye', busy: 'vm', failed: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
    );
    expect(best.main).toBe(1);
    // no answer is unconnected: the environment takes it
    expect(worst.agent).toBe(Infinity);
    expect(silent.main).toBe(Infinity);
  });
});

describe('closing nodes', () => {
  it('are hang-ups and the prompts and conditions that can only lead to one', () => {
    const { closing } = analyze(
      makeFlow('main', {
        main: menu({ '0': 'agent', '9': 'goodbye', '8': 'check' }, { fallback: 'agent' }),
        goodbye: say('bye'),
        check: hours('goodbye', undefined),
        agent: transfer({ answered: 'bye', onFailure: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
    );
    expect(closing.sort()).toEqual(['bye', 'check', 'goodbye']);
  });

  it('are not caller decisions, people or follow-ups, even when all their routes hang up', () => {
    const { closing } = analyze(
      makeFlow('main', {
        main: menu({ '1': 'bye' }, { fallback: 'bye' }),
        account: input('bye', { noInput: 'bye', invalid: 'bye' }),
        agent: transfer({ answered: 'bye', onFailure: 'bye' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
    );
    expect(closing).toEqual(['bye']);
  });
});

describe('seconds', () => {
  it('adds prompt time and, for silence, every attempt of the input timeout', () => {
    const { seconds } = analyze(
      makeFlow('main', {
        // 5 words: 2 s per hearing; silent: 3 attempts × (2 s + 5 s timeout) = 21 s
        main: { ...menu({ '0': 'agent' }, { fallback: 'agent', prompt: 'Press zero for an agent.' }) },
        agent: transfer({ answered: 'bye', onFailure: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
    );
    // Worst: the caller presses 0 after the prompt (2 s); ringing is not counted, a person is on the way.
    expect(seconds.agent).toBe(0);
    expect(seconds.main).toBe(2);
    // The silent caller's route is longer, but the caller who plays well picks 0.
    const silentRoute = analyze(
      makeFlow('main', {
        main: menu({ '1': 'agent' }, { noInput: 'agent', noMatch: 'agent', prompt: 'Press zero for an agent.' }),
        agent: transfer({ answered: 'bye', onFailure: 'vm' }),
        vm: voicemail('bye'),
        bye: hangup(),
      }),
    );
    expect(silentRoute.seconds.main).toBe(2);
  });
});
