import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { continueCall, startCall } from '../../core/interpreter/index.ts';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import { toCallEvent } from '../../designer/src/simulator/exit-events.ts';

// The simulator plays a path's "any other speech" step as speech no option matches, so the call takes the menu's speech.next.

const bank = JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8'));
bank.nodes.main_menu.speech.next = 'loans_hours';
const flow: Flow = FlowSchema.parse(bank);
const options = { flowVersion: 'v1', now: new Date('2026-03-10T15:00:00Z'), random: () => 0.5 };

describe('simulating a menu\'s speech.next', () => {
  it('says something no option matches, and the call leaves by speech.next', () => {
    const start = startCall(flow, { callSid: 'CA0001', from: '+15551234567', to: '+12125550000' }, options);
    const event = toCallEvent(flow, start.wait, 'speech.next');
    expect(event).toMatchObject({ type: 'input', speech: expect.any(String) });
    const next = continueCall(flow, start.state, event!, options);
    expect(next.exits?.[0]).toEqual({ nodeId: 'main_menu', exitId: 'speech.next' });
  });

  it('a wrong key still plays the no-match exit', () => {
    const start = startCall(flow, { callSid: 'CA0001', from: '+15551234567', to: '+12125550000' }, options);
    expect(toCallEvent(flow, start.wait, 'noMatch.next')).toMatchObject({ type: 'input', digits: expect.any(String) });
  });
});
