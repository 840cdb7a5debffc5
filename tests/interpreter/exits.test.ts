import { describe, expect, it } from 'vitest';
import { continueCall } from '../../core/interpreter/index.ts';
import { BANK_CLOSED, call, last, loadFlow, press, runOptions, silence } from './helpers.ts';

// The exits a call leaves nodes by, as the registry names them: what coverage counts.

const bank = loadFlow('bank');

describe('exits taken on the bank line', () => {
  it('the start leaves the greeting by its next exit', () => {
    const [start] = call(bank, []);
    expect(start!.exits).toEqual([{ nodeId: 'greeting', exitId: 'next' }]);
  });

  it('a key takes its option exit', () => {
    expect(last(bank, [press('1')]).exits).toEqual([{ nodeId: 'main_menu', exitId: 'options.0.next' }]);
    expect(last(bank, [press('2')]).exits).toEqual([{ nodeId: 'main_menu', exitId: 'options.1.next' }]);
  });

  it('two keys to the same node are told apart', () => {
    const closed = runOptions({ now: BANK_CLOSED });
    const [, atClosedMenu] = call(bank, [press('0')], closed);
    expect(atClosedMenu!.wait).toMatchObject({ nodeId: 'closed_menu' });
    const two = continueCall(bank, atClosedMenu!.state, press('2'), closed);
    const zero = continueCall(bank, atClosedMenu!.state, press('0'), closed);
    expect(two.exits).toEqual([{ nodeId: 'closed_menu', exitId: 'options.1.next' }]);
    expect(zero.exits).toEqual([{ nodeId: 'closed_menu', exitId: 'options.2.next' }]);
  });

  it('silence at a menu re-prompts first (no exit), then takes no input', () => {
    const [, reprompt, handler] = call(bank, [silence, silence]);
    expect(reprompt!.exits).toEqual([]);
    expect(handler!.exits).toEqual([
      { nodeId: 'main_menu', exitId: 'noInput.next' },
      { nodeId: 'agent_hours', exitId: 'then' },
    ]);
  });

  it('a condition takes then or else by the clock', () => {
    expect(last(bank, [press('0')]).exits).toEqual([
      { nodeId: 'main_menu', exitId: 'options.3.next' },
      { nodeId: 'agent_hours', exitId: 'then' },
    ]);
    expect(last(bank, [press('0')], runOptions({ now: BANK_CLOSED })).exits).toEqual([
      { nodeId: 'main_menu', exitId: 'options.3.next' },
      { nodeId: 'agent_hours', exitId: 'else' },
    ]);
  });

  it('a failed look-up takes its failure exit', () => {
    const atLookup = last(bank, [press('1'), press('1234567890#')]);
    expect(atLookup.exits).toEqual([{ nodeId: 'balance_account', exitId: 'next' }]);
    const failed = continueCall(bank, atLookup.state, { type: 'lookup', outcome: 'failed' }, runOptions());
    expect(failed.exits).toEqual([
      { nodeId: 'balance_lookup', exitId: 'on.failed' },
      { nodeId: 'balance_unavailable', exitId: 'next' },
      { nodeId: 'agent_hours', exitId: 'then' },
    ]);
  });

  it('an event that does not fit the wait takes no exit', () => {
    const atMenu = last(bank, []);
    expect(continueCall(bank, atMenu.state, { type: 'dial', outcome: 'busy' }, runOptions()).exits ?? []).toEqual([]);
  });
});
