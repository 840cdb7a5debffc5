import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../core/lint/linter.ts';

// Issue 14, fault 2: the queue's callback offer is the caller's move. The fixture, exactly as filed
// (no name: a flow goes by its id without one), lints clean under every rule at its default.
const fixture = JSON.parse(
  '{"entry":"m","nodes":{"m":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"q"}],"noInput":{"next":"q"},"noMatch":{"next":"q"}},"q":{"kind":"queue","queue":"support","announce":{"position":true},"callbackOffer":{"key":"1","next":"m"},"on":{"full":"cb"}},"cb":{"kind":"callback","prompt":"We will call you back."}}}',
);

describe('a queue whose callback offer leads back to the menu', () => {
  it('lints clean', () => {
    const result = lintFlow(fixture);
    expect(result.findings.map((f) => `${f.ruleId} at ${f.nodeId ?? f.jsonPath}: ${f.message}`)).toEqual([]);
  });
});
