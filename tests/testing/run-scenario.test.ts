import { describe, expect, it } from 'vitest';
import { checkScenarioNodes, runScenario } from '../../core/testing/run-scenario.ts';
import type { Scenario } from '../../core/testing/scenario.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { cleanFlow } from '../cli/flows.ts';

const flow = cleanFlow as unknown as Flow;
const scenarioOf = (steps: Scenario['steps'], environment?: Scenario['environment']): Scenario => ({ flow: 'clean', name: 'test', steps, ...(environment ? { environment } : {}) });

describe('runScenario', () => {
  it('passes a caller who presses 0 and reaches the agent', () => {
    const result = runScenario(scenarioOf([{ expect: { prompt: { contains: 'press 0' } } }, { press: '0' }, { reaches: { person: true, withinSteps: 1 } }, { reaches: { node: 'agent' } }]), flow);
    expect(result.passed).toBe(true);
    expect(result.steps.map((step) => step.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
  });

  it('takes the environment: an agent who does not answer sends the caller to voicemail, a follow-up', () => {
    const steps: Scenario['steps'] = [{ press: '0' }, { expect: { prompt: { contains: 'Leave a message' } } }, { reaches: { followUp: true } }, { ends: 'callerChoice' }];
    expect(runScenario(scenarioOf(steps, { agents: { agent: 'noAnswer' } }), flow).passed).toBe(true);
    const answered = runScenario(scenarioOf(steps), flow);
    expect(answered.passed).toBe(false);
    expect(answered.steps[1]?.status).toBe('failed');
  });

  it('says which step failed, what it expected, what was heard and where the call was', () => {
    const result = runScenario(scenarioOf([{ press: '7' }, { expect: { prompt: { contains: 'balance' } } }, { press: '0' }]), flow);
    expect(result.passed).toBe(false);
    expect(result.steps[1]).toEqual({
      index: 1,
      text: 'expect a prompt containing "balance"',
      status: 'failed',
      failure: { expected: 'a prompt with "balance"', found: 'other prompts', heard: ['Press 0 for an agent'], at: { nodeId: 'main' } },
    });
    expect(result.steps[2]).toEqual({ index: 2, text: 'press "0"', status: 'skipped' });
  });

  it('fails a person reached later than the scenario allows', () => {
    const result = runScenario(scenarioOf([{ silence: true }, { silence: true }, { silence: true }, { reaches: { person: true, withinSteps: 0 } }]), flow);
    expect(result.steps[3]?.failure?.found).toBe('a person after 1 step');
  });

  it('fails input after the call has ended, and a hang-up that is not the caller\'s choice', () => {
    const result = runScenario(scenarioOf([{ press: '0' }, { press: '5' }]), flow);
    expect(result.steps[1]?.failure).toMatchObject({ expected: 'the call to wait for the caller', found: 'the call had ended' });
    const hungUp = runScenario(scenarioOf([{ hangup: true }, { ends: 'callerChoice' }]), flow);
    expect(hungUp.passed).toBe(true);
    const main = { ...flow.nodes.main, noMatch: { retries: 0 } };
    const unconnected = { ...flow, nodes: { ...flow.nodes, main } } as Flow;
    const dropped = runScenario(scenarioOf([{ press: '7' }, { ends: 'callerChoice' }]), unconnected);
    expect(dropped.steps[1]?.failure?.found).toBe('the call ended: the flow had no route there');
  });

  it('feeds the environment\'s draws to percentage splits in order, then 0', () => {
    const splits = {
      name: 'two splits',
      entry: 'first',
      nodes: {
        first: { kind: 'condition', test: { type: 'split', percent: 50 }, then: 'second', else: 'second' },
        second: { kind: 'condition', test: { type: 'split', percent: 50 }, then: 'heads', else: 'tails' },
        heads: { kind: 'say', prompt: 'Heads', next: 'bye' },
        tails: { kind: 'say', prompt: 'Tails', next: 'bye' },
        bye: { kind: 'hangup' },
      },
    } as unknown as Flow;
    const heardOf = (draws?: number[]) => runScenario(scenarioOf([{ expect: { prompt: { contains: 'Tails' } } }], draws ? { draws } : undefined), splits).passed;
    expect(heardOf([0.1, 0.9])).toBe(true);
    expect(heardOf([0.9, 0.1])).toBe(false);
    expect(heardOf([0.9])).toBe(false);
    expect(heardOf()).toBe(false);
  });
});

describe('checkScenarioNodes', () => {
  it('names node ids the flow lacks or that are of another kind', () => {
    const scenario = scenarioOf([{ reaches: { node: 'nowhere' } }], { agents: { vm: 'busy' }, queues: { ghost: 'full' } });
    expect(checkScenarioNodes(scenario, flow).map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['environment.agents.vm', 'node "vm" is a voicemail node: agents name transfer nodes'],
      ['environment.queues.ghost', 'the flow has no node "ghost": use the id of one of its queue nodes'],
      ['steps.0.reaches.node', 'the flow has no node "nowhere": use one of its node ids'],
    ]);
  });
});
