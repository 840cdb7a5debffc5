import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import type { Scenario } from '../../core/testing/scenario.ts';
import { replayScenario } from '../../designer/src/simulator/scenario-replay.ts';
import { getTrail } from '../../designer/src/simulator/simulator-session.ts';

const bank = JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')) as Flow;

const balance = (expected: string): Scenario => ({
  flow: '../../flows/bank.json',
  name: 'balance',
  environment: { at: '2026-06-01T12:00:00-04:00', lookups: { balance_lookup: 'failed' } },
  steps: [{ press: '1' }, { expect: { prompt: { contains: expected } } }, { press: '1234567890' }, { reaches: { node: 'agent_queue' } }],
});

describe('replayScenario', () => {
  it('stops the phone at the failing step, saying which step, what was expected and what was heard', () => {
    const replay = replayScenario(bank, balance('your PIN'));
    expect(replay.result.passed).toBe(false);
    expect(replay.summary).toBe('Step 2: expected a prompt with "your PIN"; heard "Please enter your ten-digit account number, followed by the pound key."');
    expect(getTrail(replay.session)).toEqual(['greeting', 'main_menu', 'balance_account']);
    expect(replay.session.step.wait).toMatchObject({ kind: 'input', nodeId: 'balance_account' });
  });

  it('replays a passing scenario whole, answering the world as the scenario says (the look-up fails)', () => {
    const replay = replayScenario(bank, balance('ten-digit account number'));
    expect(replay.summary).toBe('Passed: all 4 steps');
    expect(getTrail(replay.session)).toContain('balance_unavailable');
    // the queue answers, as the offline engine's world does by default: the call goes on to the survey
    expect(getTrail(replay.session).slice(-2)).toEqual(['agent_queue', 'post_call_survey']);
    expect(replay.session.startedAt.toISOString()).toBe('2026-06-01T16:00:00.000Z');
  });

  it('draws the test\'s draws at percentage splits, so the phone takes the branch the test took', () => {
    const coin = {
      name: 'coin',
      entry: 'toss',
      nodes: {
        toss: { kind: 'condition', test: { type: 'split', percent: 50 }, then: 'heads', else: 'tails' },
        heads: { kind: 'say', prompt: 'Heads, you win.', next: 'bye' },
        tails: { kind: 'say', prompt: 'Tails, you lose.', next: 'bye' },
        bye: { kind: 'hangup' },
      },
    } as unknown as Flow;
    const tails: Scenario = { flow: 'coin.json', name: 'tails', environment: { draws: [0.8] }, steps: [{ expect: { prompt: { contains: 'Tails' } } }] };
    const replay = replayScenario(coin, tails);
    expect(replay.summary).toBe('Passed: its one step');
    expect(getTrail(replay.session)).toEqual(['toss', 'tails', 'bye']);
    expect(replay.session.draws).toEqual([0.8]);
  });
});

describe('replayScenario across a line', () => {
  /** The shop's 1 hands the call to the bank's main menu; its goto's failed route goes to the shop's own desk. */
  const shop = {
    name: 'Shop',
    entry: 'main_menu',
    nodes: {
      main_menu: {
        kind: 'menu',
        prompt: 'For the bank, press 1. For the desk, press 0.',
        options: [
          { key: '1', next: 'to_bank' },
          { key: '0', next: 'desk' },
        ],
        noInput: { next: 'desk' },
        noMatch: { next: 'desk' },
      },
      to_bank: { kind: 'goto', flow: 'bank', node: 'main_menu', on: { failed: 'desk' } },
      desk: { kind: 'transfer', to: { number: '+34910000000' }, on: { answered: 'bye' } },
      bye: { kind: 'hangup' },
    },
  } as unknown as Flow;
  const line = { flowId: 'shop', linked: new Map<string, Flow | null>([['bank', bank]]) };
  const throughBank = (links?: Record<string, 'failed'>): Scenario => ({
    flow: 'shop.json',
    name: 'through the bank',
    environment: { at: '2026-06-01T12:00:00-04:00', ...(links ? { links } : {}) },
    steps: [{ press: '1' }, { expect: { prompt: { contains: 'account balance' } } }, { press: '0' }, { reaches: { node: 'agent_queue' } }],
  });

  it('goes on through the goto into the loaded bank flow, in the test and on the phone, as humanline test does', () => {
    const replay = replayScenario(shop, throughBank(), line);
    expect(replay.summary).toBe('Passed: all 4 steps');
    expect(replay.session.linkedInto).toEqual(['bank']);
    expect(replay.session.walk.filter((node) => node.flowId === 'bank').map((node) => node.nodeId)).toContain('agent_queue');
    // the shop's canvas shows only its own nodes
    expect(getTrail(replay.session)).toEqual(['main_menu', 'to_bank']);
  });

  it("stays at the goto where the scenario's world makes the link fail, though the bank is loaded", () => {
    const replay = replayScenario(shop, { ...throughBank({ to_bank: 'failed' }), steps: [{ press: '1' }, { reaches: { node: 'desk' } }] }, line);
    expect(replay.summary).toBe('Passed: all 2 steps');
    expect(replay.session.linkedInto).toEqual([]);
    expect(getTrail(replay.session)).toEqual(['main_menu', 'to_bank', 'desk', 'bye']);
  });
});
