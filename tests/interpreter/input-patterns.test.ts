import { describe, expect, it } from 'vitest';
import { hangup, input, makeFlow, say as sayNode } from '../helpers/flows.ts';
import { last, press, waitingAt } from './helpers.ts';

// The pattern only ever sees input of a bounded length: whatever a caller
// (or a forged webhook) sends, the matcher's work stays small.

const flow = makeFlow('ask', {
  ask: { ...input('thanks', { invalid: 'bye' }), pattern: '^[1-9]\\d*$' },
  thanks: sayNode('bye', 'Thanks.'),
  bye: hangup(),
});

describe('input patterns', () => {
  it('accepts digits the pattern matches, up to 64 of them when the node sets no maximum', () => {
    expect(waitingAt(last(flow, [press('1'.repeat(64))]))).not.toBe('ask');
    expect(last(flow, [press('1'.repeat(64))]).state.variables.account).toBe('1'.repeat(64));
  });

  it('refuses longer input before the pattern runs, so a long entry is invalid, not slow', () => {
    const step = last(flow, [press('1'.repeat(100_000))]);
    expect(waitingAt(step)).toBe('ask');
    expect(step.state.variables.account).toBeUndefined();
  });
});
