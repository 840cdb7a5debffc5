import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../core/lint/linter.ts';
import { FlowSchema } from '../../core/schema/flow.ts';
import { replayAll, startReplay } from '../../designer/src/simulator/replay.ts';
import { getTrail } from '../../designer/src/simulator/simulator-session.ts';

// A replay steers percentage splits with draws. A 0% or 100% split draws nothing at run time,
// so a draw steered for it would be taken by the next split and send the call the other way.

const OPEN = new Date('2026-03-11T15:00:00Z');

const splits = {
  name: 'Splits',
  entry: 'always',
  nodes: {
    always: { kind: 'condition', test: { type: 'split', percent: 100 }, then: 'rare' },
    rare: { kind: 'condition', test: { type: 'split', percent: 1 }, then: 'agent', else: 'closing' },
    agent: { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Leave a message.' },
    closing: { kind: 'say', prompt: 'We are closed.' },
  },
};

describe('replaying a walk through a 100% split', () => {
  it('steers only the splits that draw, so the walk past it takes the branch the path took', () => {
    const flow = FlowSchema.parse(splits);
    const { findings } = lintFlow(flow);
    const deadEnd = findings.find((finding) => finding.ruleId === 'dead-end' && finding.nodeId === 'rare');
    expect(deadEnd?.path).toBeDefined();
    const replay = replayAll(startReplay(flow, { path: deadEnd!.path!, ruleId: deadEnd!.ruleId, message: deadEnd!.message }, { now: OPEN }));
    expect(replay.problem).toBeUndefined();
    expect(replay.status).toBe('done');
    expect(getTrail(replay.session)).toEqual(['always', 'rare', 'closing']);
  });
});
