import { describe, expect, it } from 'vitest';
import { formatJson, type JsonFileReport } from '../../core/format/json.ts';
import { lintFlow } from '../../core/lint/linter.ts';
import { FlowSchema } from '../../core/schema/flow.ts';
import { replayAll, startReplay } from '../../designer/src/simulator/replay.ts';
import { getTrail } from '../../designer/src/simulator/simulator-session.ts';

// A counterexample read back from the JSON report plays on the simulated
// phone: each step names the exit it takes by id, so two options that read
// the same in the report ('say "help"') are still told apart.

/** Wednesday 11 March 2026, 16:00 in Madrid. */
const OPEN = new Date('2026-03-11T15:00:00Z');

const helpLine = {
  name: 'Help line',
  entry: 'main',
  nodes: {
    main: {
      kind: 'menu',
      prompt: 'Say help for a person, or billing help for your bills. For an agent, press 0.',
      speech: {},
      options: [
        { key: '0', next: 'agent' },
        { phrases: ['help', 'agent', 'operator', 'representative'], next: 'agent' },
        { phrases: ['help', 'billing help'], next: 'billing' },
      ],
      noInput: { next: 'agent' },
      noMatch: { next: 'agent' },
    },
    billing: {
      kind: 'menu',
      prompt: 'For your last bill, press 1. For an agent, press 0.',
      options: [
        { key: '1', next: 'bill' },
        { key: '0', next: 'agent' },
      ],
      noInput: { next: 'bye' },
      noMatch: { next: 'agent' },
    },
    bill: { kind: 'say', prompt: 'Your last bill was 10 euros.', next: 'billing' },
    agent: { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'voicemail', noAnswer: 'voicemail', failed: 'voicemail' } },
    voicemail: { kind: 'voicemail', prompt: 'Please leave a message.', next: 'bye' },
    bye: { kind: 'hangup', prompt: 'Goodbye.' },
  },
};

describe('replaying a counterexample from the JSON report', () => {
  const [report] = JSON.parse(formatJson([lintFlow(helpLine)])) as JsonFileReport[];
  const deadEnd = report!.findings.find((finding) => finding.ruleId === 'dead-end' && finding.nodeId === 'billing')!;

  it('names the exit each step takes by id, where two options share a label', () => {
    expect(deadEnd.path).toEqual(['main', 'billing', 'bye']);
    expect(deadEnd.counterexample?.steps[0]).toEqual({ nodeId: 'main', exit: 'say "help"', exitId: 'options.2.next' });
  });

  it('follows the option the path took, not the first one with its label', () => {
    const flow = FlowSchema.parse(helpLine);
    const replay = replayAll(startReplay(flow, { path: deadEnd.counterexample!, ruleId: deadEnd.ruleId, message: deadEnd.message }, { now: OPEN }));
    expect(replay.problem).toBeUndefined();
    expect(replay.status).toBe('done');
    expect(getTrail(replay.session)).toEqual(deadEnd.path);
  });
});
