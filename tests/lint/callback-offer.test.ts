import { describe, expect, it } from 'vitest';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import { FlowSchema } from '../../core/schema/flow.ts';

// Issue 14, fault 2: the queue's callback offer is the caller's move. The fixture, as filed, lints clean under every rule at its default.
const fixture = FlowSchema.parse({
  name: 'issue fixture',
  ...JSON.parse(
    '{"entry":"m","nodes":{"m":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"q"}],"noInput":{"next":"q"},"noMatch":{"next":"q"}},"q":{"kind":"queue","queue":"support","announce":{"position":true},"callbackOffer":{"key":"1","next":"m"},"on":{"full":"cb"}},"cb":{"kind":"callback","prompt":"We will call you back."}}}',
  ),
});

describe('a queue whose callback offer leads back to the menu', () => {
  it('lints clean', () => {
    const { result } = lintParsedFlow(fixture, {});
    expect(result.findings.map((f) => `${f.ruleId} at ${f.nodeId}: ${f.message}`)).toEqual([]);
  });
});
