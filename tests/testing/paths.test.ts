import { describe, expect, it } from 'vitest';
import { parseFlow } from '../../core/schema/parse.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { getCoverage } from '../../core/testing/coverage.ts';
import { generateWalks, type Walk } from '../../core/testing/paths.ts';
import { walkToInputs } from '../../core/testing/walk-inputs.ts';
import { readShippedFlowTexts } from '../helpers/shipped-flows.ts';
import { getWalkNodes, replayWalk } from './replay-walk.ts';

const shipped = readShippedFlowTexts().map(({ flowId, text }) => {
  const parsed = parseFlow(JSON.parse(text));
  if (!parsed.ok) throw new Error(`${flowId} does not parse`);
  return { flowId, flow: parsed.flow };
});
const bank = shipped.find(({ flowId }) => flowId === 'bank')!.flow;

describe('generated walks', () => {
  it('take every reachable exit of the bank flow', () => {
    const coverage = getCoverage(bank, generateWalks(bank));
    expect(coverage.edges.reachable.walked).toBe(coverage.edges.reachable.total);
    expect(coverage.edges.reachable.total).toBeGreaterThan(20);
    expect(coverage.uncoveredEdges.filter((edge) => coverage.uncoveredNodes.includes(edge.nodeId) === false)).toEqual([]);
  });

  it('end with the silent and the confused caller, named for what they cover', () => {
    const walks = generateWalks(bank);
    expect(walks.slice(-2).map((walk) => walk.name)).toEqual(['silent caller', 'confused caller']);
    const silent = walks.at(-2)!;
    expect(silent.steps.find((step) => bank.nodes[step.nodeId]!.kind === 'menu')?.exitId).toBe('noInput.next');
    const confused = walks.at(-1)!;
    expect(confused.steps.find((step) => bank.nodes[step.nodeId]!.kind === 'menu')?.exitId).toBe('noMatch.next');
    for (const walk of walks.slice(0, -2)) expect(walk.name).toMatch(/^[\w.-]+: /);
    expect(new Set(walks.map((walk) => walk.name)).size).toBe(walks.length);
  });

  it('a single walk leaves the exits it did not take listed as uncovered', () => {
    const [first] = generateWalks(bank) as [Walk];
    const coverage = getCoverage(bank, [first]);
    const taken = new Set(first.steps.map((step) => `${step.nodeId} ${step.exitId}`));
    expect(coverage.edges.reachable.walked).toBe(taken.size);
    expect(coverage.uncoveredEdges.length).toBe(coverage.edges.all.total - taken.size);
    for (const edge of coverage.uncoveredEdges) expect(taken.has(`${edge.nodeId} ${edge.exitId}`)).toBe(false);
    const menu = Object.keys(bank.nodes).find((id) => bank.nodes[id]!.kind === 'menu')!;
    expect(coverage.uncoveredEdges).toContainEqual({ nodeId: menu, exitId: 'noMatch.next', label: 'no match' });
  });

  it('counts an unreachable node and its exits in the totals of the flow, not in the reachable ones', () => {
    const flow: Flow = { ...bank, nodes: { ...bank.nodes, orphan: { kind: 'say', prompt: 'Never heard.', next: 'goodbye' } } };
    const coverage = getCoverage(flow, generateWalks(flow));
    expect(coverage.edges.reachable.walked).toBe(coverage.edges.reachable.total);
    expect(coverage.edges.all.total).toBe(coverage.edges.reachable.total + 1);
    expect(coverage.uncoveredNodes).toEqual(['orphan']);
    expect(coverage.uncoveredEdges).toEqual([{ nodeId: 'orphan', exitId: 'next', label: 'next' }]);
  });
});

describe('generated walks of a menu with speech.next', () => {
  const flow: Flow = { ...bank, nodes: { ...bank.nodes, main_menu: { ...(bank.nodes.main_menu as Extract<Flow['nodes'][string], { kind: 'menu' }>), speech: { next: 'loans_hours' } } } };

  it('say something no option matches to take it, and replay as walked', () => {
    const walks = generateWalks(flow);
    const speaking = walks.filter((walk) => walk.steps.some((step) => step.nodeId === 'main_menu' && step.exitId === 'speech.next'));
    expect(speaking.length).toBeGreaterThan(0);
    for (const walk of speaking) {
      const { entered, unrealizable } = replayWalk(flow, walk);
      expect(unrealizable).toBeUndefined();
      expect(entered).toEqual(getWalkNodes(walk));
    }
  });
});

describe('generated walks of an input with speech.next', () => {
  const flow: Flow = { ...bank, nodes: { ...bank.nodes, balance_account: { ...(bank.nodes.balance_account as Extract<Flow['nodes'][string], { kind: 'input' }>), speech: { next: 'loans_hours' } } } };

  it('say something to take it, and replay as walked', () => {
    const walks = generateWalks(flow);
    const speaking = walks.filter((walk) => walk.steps.some((step) => step.nodeId === 'balance_account' && step.exitId === 'speech.next'));
    expect(speaking.length).toBeGreaterThan(0);
    for (const walk of speaking) {
      const { entered, unrealizable } = replayWalk(flow, walk);
      expect(unrealizable).toBeUndefined();
      expect(entered).toEqual(getWalkNodes(walk));
    }
  });
});

describe.each(shipped)('the walks of $flowId replayed through the interpreter', ({ flow }) => {
  const walks = generateWalks(flow);

  it.each(walks.map((walk) => [walk.name, walk] as const))('%s', (_, walk) => {
    const { entered, last, unrealizable } = replayWalk(flow, walk);
    expect(unrealizable).toBeUndefined();
    expect(entered).toEqual(getWalkNodes(walk));
    if (walk.end === 'bound') expect(last.state.guard).toBeDefined();
    else expect(last.wait.kind).toBe('end');
  });

  it('reach every reachable exit', () => {
    const coverage = getCoverage(flow, walks);
    expect(coverage.edges.reachable).toEqual({ walked: coverage.edges.reachable.total, total: coverage.edges.reachable.total });
  });

  it('drive each step with the input a caller or the world gives', () => {
    for (const walk of walks) for (const step of walkToInputs(flow, walk).steps) expect(step.events.length > 0 || step.condition !== undefined || ['say', 'set'].includes(flow.nodes[step.nodeId]!.kind)).toBe(true);
  });
});

describe('a walk through a menu option picked by speech', () => {
  it('says a phrase the interpreter hears as that option, not one an earlier option claims', () => {
    const flow: Flow = {
      name: 'cards',
      entry: 'm',
      nodes: {
        m: {
          kind: 'menu',
          prompt: 'Say card.',
          speech: { language: 'en-US' },
          options: [
            { key: '1', phrases: ['Card.'], next: 'debit' },
            { phrases: ['card', 'credit card'], next: 'credit' },
          ],
          noInput: { next: 'bye' },
          noMatch: { next: 'bye' },
        },
        debit: { kind: 'say', prompt: 'Debit.', next: 'bye' },
        credit: { kind: 'say', prompt: 'Credit.', next: 'bye' },
        bye: { kind: 'hangup' },
      },
    };
    const walk = generateWalks(flow).find((candidate) => candidate.steps.some((step) => step.exitId === 'options.1.next'))!;
    const { entered, unrealizable } = replayWalk(flow, walk);
    expect(unrealizable).toBeUndefined();
    expect(entered).toEqual(getWalkNodes(walk));
    expect(entered).toContain('credit');
  });
});
