import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { continueCall, startCall } from '../../core/interpreter/index.ts';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import { toCanvas } from '../../designer/src/model/to-canvas.ts';
import { getNodeDetail } from '../../designer/src/nodes/node-details.ts';
import { toCallEvent } from '../../designer/src/simulator/exit-events.ts';

// An input's speech.next in the designer: an edge from its own handle, and the simulator
// plays a path's step through it as the caller speaking.

const bank = JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8'));
bank.nodes.balance_account.speech = { next: 'loans_hours' };
const flow: Flow = FlowSchema.parse(bank);
const options = { flowVersion: 'v1', now: new Date('2026-03-10T15:00:00Z'), random: () => 0.5 };

/** The call standing at the account number input: the caller said "balance" at the main menu. */
function atInput() {
  const start = startCall(flow, { callSid: 'CA0001', from: '+15551234567', to: '+12125550000' }, options);
  const step = continueCall(flow, start.state, { type: 'input', speech: 'balance' }, options);
  expect(step.wait).toMatchObject({ kind: 'input', nodeId: 'balance_account' });
  return step;
}

describe('an input\'s speech.next in the designer', () => {
  it('draws an edge from the speech.next handle', () => {
    expect(toCanvas(flow).edges).toContainEqual(expect.objectContaining({ source: 'balance_account', sourceHandle: 'speech.next', target: 'loans_hours', label: 'speech' }));
  });

  it('says on the card that the input takes speech too', () => {
    expect(getNodeDetail(flow.nodes.balance_account!)).toBe('10 digits or speech → accountNumber');
  });

  it('the simulator speaks to take it, and the call leaves by speech.next', () => {
    const step = atInput();
    const event = toCallEvent(flow, step.wait, 'speech.next');
    const next = continueCall(flow, step.state, event!, options);
    expect(next.exits?.[0]).toEqual({ nodeId: 'balance_account', exitId: 'speech.next' });
  });

  it('the invalid exit is still invalid input where any words are an answer', () => {
    const step = atInput();
    const event = toCallEvent(flow, step.wait, 'invalid.next');
    const next = continueCall(flow, step.state, event!, options);
    expect(next.miss).toBe('noMatch');
  });
});
