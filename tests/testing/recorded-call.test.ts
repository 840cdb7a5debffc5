import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import { getRecordedScenarioName, toRecordedScenario, toZonedIsoTime } from '../../core/testing/recorded-call.ts';
import { runScenario } from '../../core/testing/run-scenario.ts';
import { ScenarioSchema } from '../../core/testing/scenario.ts';
import { applyEvent, hangUp, pressKey, sayWords, setSimulatedTime, startSession, staySilent, toRecordedCall, type SimulatorSession } from '../../designer/src/simulator/simulator-session.ts';

const bank = JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')) as Flow;
const ZONE = 'America/New_York';
/** Monday 1 June 2026, noon in New York: the bank is open. */
const NOON = new Date('2026-06-01T16:00:00Z');

const pressAll = (session: SimulatorSession, keys: string) => [...keys].reduce(pressKey, session);

function toScenarioOf(session: SimulatorSession) {
  const recorded = toRecordedScenario(toRecordedCall(session, ZONE), 'recorded');
  if (!recorded.ok) throw new Error(recorded.reason);
  return { ...recorded.scenario, flow: '../../flows/bank.json' };
}

describe('toRecordedScenario', () => {
  it('turns the balance call into a scenario that passes on the bank flow: inputs, the look-up outcome, a piece of each prompt group, the end', () => {
    let session = startSession(bank, { now: NOON });
    session = pressAll(session, '1');
    session = pressAll(session, '1234567890#');
    session = applyEvent(session, { type: 'lookup', outcome: 'ok' });
    session = pressAll(session, '9');
    const scenario = toScenarioOf(session);

    expect(ScenarioSchema.safeParse(scenario).success).toBe(true);
    expect(scenario.environment).toEqual({ at: '2026-06-01T12:00:00-04:00', caller: { number: '+15555550123' }, lookups: { balance_lookup: 'ok' } });
    expect(scenario.steps).toEqual([
      { expect: { prompt: { contains: 'For your account balance, press 1' } } },
      { press: '1' },
      { expect: { prompt: { contains: 'Please enter your ten-digit account number' } } },
      // ten digits complete the entry: the # after them is heard by nobody
      { press: '1234567890' },
      { expect: { prompt: { contains: 'To hear your balance again, press' } } },
      { press: '9' },
      { expect: { prompt: { contains: 'Thank you for banking with Acme' } } },
      { reaches: { node: 'goodbye' } },
      { ends: 'callerChoice' },
    ]);
    expect(runScenario(scenario, bank).passed).toBe(true);
    expect(getRecordedScenarioName(scenario)).toBe('press 1, press 1234567890, press 9 to goodbye');
  });

  it('keeps placeholders out of the expectations: the words around a filled-in balance are expected, not the balance', () => {
    let session = startSession(bank, { now: NOON });
    session = pressAll(session, '1');
    session = pressAll(session, '1234567890#');
    session = applyEvent(session, { type: 'lookup', outcome: 'ok' });
    const scenario = toScenarioOf(session);
    // the call still waits at the menu after the balance: the last group is read from its prompt
    expect(scenario.steps.at(-2)).toEqual({ expect: { prompt: { contains: 'To hear your balance again, press' } } });
    expect(runScenario(scenario, bank).passed).toBe(true);
  });

  it('records a busy agent, words, silence, a hang-up and a person reached, and the scenario passes', () => {
    let session = startSession(bank, { now: NOON });
    session = staySilent(session);
    session = sayWords(session, 'lost card');
    session = sayWords(session, 'lost card');
    session = applyEvent(session, { type: 'dial', outcome: 'busy' });
    session = applyEvent(session, { type: 'queue', outcome: 'answered' });
    session = hangUp(session);
    const scenario = toScenarioOf(session);
    expect(scenario.environment?.agents).toEqual({ fraud_transfer: 'busy' });
    expect(scenario.environment?.queues).toEqual({ fraud_queue: 'answered' });
    expect(scenario.steps.filter((step) => step.expect === undefined)).toEqual([
      { silence: true },
      { say: 'lost card' },
      { say: 'lost card' },
      { hangup: true },
      { reaches: { node: 'post_call_survey' } },
      { reaches: { person: true } },
      { ends: 'callerChoice' },
    ]);
    expect(runScenario(scenario, bank).passed).toBe(true);
  });

  it('keeps the draws of a percentage split, so the scenario takes the branch the call took, either way', () => {
    const coin = {
      name: 'coin',
      entry: 'toss',
      nodes: {
        toss: { kind: 'condition', test: { type: 'split', percent: 50 }, then: 'heads', else: 'tails' },
        heads: { kind: 'say', prompt: 'Heads, you win the prize.', next: 'bye' },
        tails: { kind: 'say', prompt: 'Tails, you lose this time.', next: 'bye' },
        bye: { kind: 'hangup' },
      },
    } as unknown as Flow;
    for (const [draw, branch] of [[0.2, 'Heads, you win'], [0.8, 'Tails, you lose']] as const) {
      const recorded = toRecordedScenario(toRecordedCall(startSession(coin, { now: NOON, random: () => draw }), ZONE), 'coin');
      if (!recorded.ok) throw new Error(recorded.reason);
      const scenario = { ...recorded.scenario, flow: 'coin.json' };
      expect(scenario.environment?.draws).toEqual([draw]);
      expect(scenario.steps[0]).toEqual({ expect: { prompt: { contains: expect.stringContaining(branch) } } });
      expect(ScenarioSchema.safeParse(scenario).success).toBe(true);
      expect(runScenario(scenario, coin).passed).toBe(true);
    }
  });

  it('records a call back asked for on hold as the queue\'s callback outcome, and the scenario passes', () => {
    let session = startSession(bank, { now: NOON });
    session = sayWords(session, 'lost card');
    session = sayWords(session, 'lost card');
    session = applyEvent(session, { type: 'dial', outcome: 'busy' });
    expect(session.step.wait).toMatchObject({ kind: 'queue', nodeId: 'fraud_queue' });
    // the caller presses the offer's key on hold
    session = pressKey(session, '1');
    session = applyEvent(session, { type: 'callbackNumber' });
    const scenario = toScenarioOf(session);
    expect(scenario.environment?.queues).toEqual({ fraud_queue: 'callback' });
    expect(scenario.steps).toContainEqual({ reaches: { followUp: true } });
    expect(runScenario(scenario, bank).passed).toBe(true);
  });

  it('records a goto whose linked flow could not start as the link failing, and the scenario passes on its own flow and within its line', () => {
    const shop = FlowSchema.parse({
      name: 'Shop',
      entry: 'to_bank',
      nodes: {
        to_bank: { kind: 'goto', flow: 'bank', on: { failed: 'desk' } },
        desk: { kind: 'transfer', to: { number: '+34910000000' }, on: { answered: 'bye' } },
        bye: { kind: 'hangup' },
      },
    });
    let session = startSession(shop, { now: NOON });
    session = applyEvent(session, { type: 'link', outcome: 'failed' });
    session = applyEvent(session, { type: 'dial', outcome: 'answered' });
    const recorded = toRecordedScenario(toRecordedCall(session, ZONE), 'recorded');
    if (!recorded.ok) throw new Error(recorded.reason);
    const scenario = { ...recorded.scenario, flow: 'shop.json' };
    expect(scenario.environment?.links).toEqual({ to_bank: 'failed' });
    expect(runScenario(scenario, shop).passed).toBe(true);
    // with the bank in the line the link would be entered: the recording says it failed
    expect(runScenario(scenario, shop, undefined, new Map([['bank', bank]])).passed).toBe(true);
  });

  it('refuses a call a scenario cannot repeat, saying why', () => {
    const moved = pressAll(setSimulatedTime(startSession(bank, { now: NOON }), new Date('2026-06-01T23:00:00Z')), '0');
    expect(toRecordedScenario(toRecordedCall(moved, ZONE), 'x')).toEqual({ ok: false, reason: 'the time was changed during the call; a test runs at one time' });
    const mid = startSession(bank, { now: NOON, from: 'cards_menu' });
    expect(toRecordedScenario(toRecordedCall(mid, ZONE), 'x').ok).toBe(false);
  });

  it('writes the time with the zone\'s offset', () => {
    expect(toZonedIsoTime(new Date('2026-01-05T15:30:00Z'), ZONE)).toBe('2026-01-05T10:30:00-05:00');
    expect(toZonedIsoTime(new Date('2026-01-05T15:30:00Z'), 'UTC')).toBe('2026-01-05T15:30:00Z');
  });
});
