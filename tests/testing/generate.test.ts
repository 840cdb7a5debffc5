import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import { getScenarioCoverage } from '../../core/testing/coverage.ts';
import { generateScenarios, generateSuite } from '../../core/testing/generate.ts';
import { runScenario } from '../../core/testing/run-scenario.ts';
import { parseScenarioFile, type Scenario } from '../../core/testing/scenario.ts';
import { readShippedFlowTexts } from '../helpers/shipped-flows.ts';
import { expectWalkFollowed } from './walk-followed.ts';

function readFlow(text: string): Flow {
  const parsed = parseFlow(JSON.parse(text));
  if (!parsed.ok) throw new Error('a shipped flow does not parse');
  return parsed.flow;
}

const bank = readFlow(readShippedFlowTexts().find((shipped) => shipped.flowId === 'bank')!.text);
const bankScenarios = generateScenarios(bank, '../bank.json');
const scenarioNamed = (scenarios: Scenario[], name: string): Scenario => {
  const found = scenarios.find((scenario) => scenario.name === name);
  if (!found) throw new Error(`no scenario "${name}" among ${scenarios.map((scenario) => scenario.name).join(' | ')}`);
  return found;
};

describe('generated scenarios of the shipped flows', () => {
  for (const { flowId, text } of readShippedFlowTexts()) {
    it(`${flowId}: each passes and follows its walk, names are unique, and run together they take every reachable exit`, () => {
      const flow = readFlow(text);
      const suite = generateSuite(flow, `../${flowId}.json`);
      expect(suite.skipped).toEqual([]);
      const results = suite.scenarios.map((scenario, index) => {
        // Written as a file would be: the format must accept it.
        expect(parseScenarioFile(scenario).ok).toBe(true);
        const result = runScenario(scenario, flow);
        expect(result.steps.filter((step) => step.status !== 'passed'), scenario.name).toEqual([]);
        expectWalkFollowed(result.walk ?? [], suite.walks[index]!);
        return result;
      });
      expect(new Set(suite.scenarios.map((scenario) => scenario.name)).size).toBe(suite.scenarios.length);
      const coverage = getScenarioCoverage(flow, results);
      expect(coverage.edges.reachable).toEqual({ walked: coverage.edges.reachable.total, total: coverage.edges.reachable.total });
      expect(coverage.nodes.reachable.walked).toBe(coverage.nodes.reachable.total);
      expect(suite.coverage).toEqual(coverage);
    });
  }
});

describe('generateScenarios', () => {
  it('names each scenario for the exits it covers first, and adds the silent and the confused caller from the entry', () => {
    const names = bankScenarios.map((scenario) => scenario.name);
    expect(names).toContain('balance_lookup: failed');
    expect(names).toContain('loans_transfer: busy');
    expect(names.slice(-2)).toEqual(['silent caller from the entry', 'confused caller from the entry']);
    expect(bankScenarios.every((scenario) => scenario.flow === '../bank.json')).toBe(true);
  });

  it('writes the environment that drives the walk: look-up failures, busy agents, full queues, the clock in the flow\'s zone, a callback asked on hold', () => {
    expect(scenarioNamed(bankScenarios, 'balance_lookup: failed').environment?.lookups).toEqual({ balance_lookup: 'failed' });
    expect(scenarioNamed(bankScenarios, 'loans_transfer: busy').environment?.agents).toEqual({ loans_transfer: 'busy' });
    expect(bankScenarios.some((scenario) => scenario.environment?.queues?.agent_queue === 'full')).toBe(true);
    expect(bankScenarios.some((scenario) => Object.values(scenario.environment?.queues ?? {}).includes('callback'))).toBe(true);
    // New York in January: five hours behind UTC, written as local time
    const hours = bankScenarios.filter((scenario) => scenario.environment?.at !== undefined);
    expect(hours.length).toBeGreaterThan(0);
    for (const scenario of hours) expect(scenario.environment?.at).toMatch(/^2026-01-0\dT\d\d:\d\d:00-05:00$/);
  });

  it('scripts the caller and pins what is heard before each answer and how the call ends', () => {
    const failed = scenarioNamed(bankScenarios, 'balance_lookup: failed');
    expect(failed.steps.slice(0, 4)).toEqual([
      { expect: { prompt: { contains: 'For your account balance, press 1 or say' } } },
      { press: '1' },
      { expect: { prompt: { contains: 'Please enter your ten-digit account number, followed by' } } },
      { press: '1234567890' },
    ]);
    expect(failed.steps.slice(-3)).toEqual([{ reaches: { node: 'goodbye' } }, { reaches: { person: true } }, { ends: 'callerChoice' }]);
    const silent = scenarioNamed(bankScenarios, 'silent caller from the entry');
    expect(silent.steps.filter((step) => step.silence).length).toBeGreaterThan(1);
    expect(bankScenarios.some((scenario) => scenario.steps.some((step) => step.reaches && 'followUp' in step.reaches))).toBe(true);
  });

  it('quotes prompts between placeholders, so other look-up answers still pass', () => {
    const flow = {
      name: 'placeholders',
      entry: 'lookup',
      nodes: {
        lookup: { kind: 'http', request: { url: 'https://api.example.com/a' }, saveAs: 'account', on: { ok: 'menu', failed: 'agent', timeout: 'agent' } },
        menu: { kind: 'menu', prompt: 'Hello {{account.name}}, your balance is {{account.balance}} dollars. Press 0 for an agent.', options: [{ key: '0', next: 'agent' }] },
        agent: { kind: 'transfer', to: { number: '+15550100' }, on: { answered: 'bye' } },
        bye: { kind: 'hangup' },
      },
    } as unknown as Flow;
    const [first] = generateScenarios(flow, 'placeholders.json');
    expect(first?.steps[0]).toEqual({ expect: { prompt: { contains: 'dollars. Press 0 for an agent.' } } });
    const otherAnswer: Scenario = { ...first!, environment: { lookups: { lookup: { ok: { name: 'Ada', balance: 12 } } } } };
    expect(runScenario(otherAnswer, flow).passed).toBe(true);
  });

  it('asserts a follow-up only where the call stops, since a queue answered after a callback reaches a person', () => {
    // Found by the property test: after a call back (a follow-up), a failed transfer goes to a queue that answers.
    const flow = {
      name: 'callback then queue',
      entry: 'account',
      nodes: {
        loop: { kind: 'callback', prompt: 'A person will call you back.', next: 'loop' },
        menu: { kind: 'menu', prompt: 'Please choose an option.', options: [{ key: '1', next: 'callback' }], noMatch: { next: 'queue' } },
        account: { kind: 'input', prompt: 'Enter your account number.', variable: 'account', noInput: { next: 'menu' } },
        callback: { kind: 'callback', prompt: 'A person will call you back.', next: 'agent' },
        agent: { kind: 'transfer', to: { number: '+15550100' }, on: { answered: 'loop', busy: 'loop', noAnswer: 'loop', failed: 'queue' } },
        queue: { kind: 'queue', queue: 'support', on: { answered: 'loop', full: 'loop', timeout: 'loop' } },
      },
      settings: { maxSteps: 50 },
    } as unknown as Flow;
    const suite = generateSuite(flow, 'flow.json');
    expect(suite.skipped.filter((skipped) => skipped.cause === 'engine')).toEqual([]);
    expect(suite.coverage.edges.reachable.walked).toBe(suite.coverage.edges.reachable.total);
  });

  it('draws nothing for a 0% or 100% split, which draws nothing at run time, so the next split gets its own draw', () => {
    const flow = {
      name: 'splits',
      entry: 'always',
      nodes: {
        always: { kind: 'condition', test: { type: 'split', percent: 100 }, then: 'rare' },
        rare: { kind: 'condition', test: { type: 'split', percent: 1 }, then: 'heads', else: 'tails' },
        heads: { kind: 'say', prompt: 'Heads, you win.', next: 'bye' },
        tails: { kind: 'say', prompt: 'Tails, you lose.', next: 'bye' },
        bye: { kind: 'hangup' },
      },
    } as unknown as Flow;
    const suite = generateSuite(flow, 'splits.json');
    const drawsOf = (name: string) => suite.scenarios.find((scenario) => scenario.name === name)?.environment?.draws;
    expect(drawsOf('always: in 100% → rare: in 1%')).toEqual([0]);
    expect(drawsOf('rare: rest')).toEqual([0.999999]);
    for (const scenario of suite.scenarios) expect(runScenario(scenario, flow).passed).toBe(true);
  });

  it('drives percentage splits with draws, and writes no walk through a branch no call takes', () => {
    const flow = {
      name: 'splits',
      entry: 'half',
      nodes: {
        half: { kind: 'condition', test: { type: 'split', percent: 50 }, then: 'never', else: 'tails' },
        never: { kind: 'condition', test: { type: 'split', percent: 0 }, then: 'heads', else: 'tails' },
        heads: { kind: 'say', prompt: 'Heads, you win.', next: 'bye' },
        tails: { kind: 'say', prompt: 'Tails, you lose.', next: 'bye' },
        bye: { kind: 'hangup' },
      },
    } as unknown as Flow;
    const suite = generateSuite(flow, 'splits.json');
    // A 0% split's "in 0%" is no exit a call can leave by: no walk takes it, so none is skipped either.
    expect(suite.skipped.filter((skip) => skip.name.includes('never: in 0%'))).toEqual([]);
    expect(suite.scenarios.filter((scenario) => scenario.steps.some((step) => step.reaches && 'node' in step.reaches && step.reaches.node === 'heads'))).toEqual([]);
    const tails = suite.scenarios.find((scenario) => scenario.steps.some((step) => step.reaches && 'node' in step.reaches && step.reaches.node === 'bye') && scenario.environment?.draws?.[0] === 0.999999);
    expect(tails).toBeDefined();
    for (const scenario of suite.scenarios) expect(runScenario(scenario, flow).passed).toBe(true);
  });

  // as a public Studio IVR checks a card's last four digits and a PIN after gathers that became inputs
  const pinCheck = {
    name: 'pin',
    entry: 'pin',
    nodes: {
      pin: { kind: 'input', prompt: 'Enter your PIN.', variable: 'widgets.pin.Digits', maxDigits: 4, next: 'check', noInput: { next: 'agents' }, invalid: { next: 'agents' } },
      check: { kind: 'condition', test: { type: 'variable', variable: 'widgets.pin.Digits', op: 'eq', value: '1212' }, then: 'welcome', else: 'zero' },
      zero: { kind: 'condition', test: { type: 'variable', variable: 'widgets.pin.Digits', op: 'eq', value: '0' }, then: 'agents', else: 'wrong' },
      welcome: { kind: 'say', prompt: 'Welcome back.', next: 'agents' },
      wrong: { kind: 'say', prompt: 'That PIN is wrong.', next: 'agents' },
      agents: { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'bye', noAnswer: 'bye', failed: 'bye' } },
      bye: { kind: 'voicemail', prompt: 'Leave a message.' },
    },
  } as unknown as Flow;

  it('enters the digits a later test of the input\'s variable needs, so a split on what the caller typed is covered', () => {
    const suite = generateSuite(pinCheck, 'pin.json');
    const pressed = (name: string) => scenarioNamed(suite.scenarios, name).steps.flatMap((step) => (step.press !== undefined ? [step.press] : []));
    expect(pressed('pin: valid input → check: true → agents: answered')).toEqual(['1212']);
    expect(pressed('check: false → zero: true → agents: failed')).toEqual(['0']);
    expect(suite.skipped).toEqual([]);
    expect(suite.coverage.edges.reachable.walked).toBe(suite.coverage.edges.reachable.total);
    for (const scenario of suite.scenarios) expect(runScenario(scenario, pinCheck).passed).toBe(true);
  });

  it('says why a walk cannot be driven: a value a set node fixes, an entry the input refuses, a test nothing on the walk sets', () => {
    const flow = structuredClone(pinCheck) as unknown as { nodes: Record<string, Record<string, unknown>> };
    // the entry must be 4 digits at most, and a variable no step sets decides the welcome
    flow.nodes.zero!.test = { type: 'variable', variable: 'widgets.pin.Digits', op: 'eq', value: '12345' };
    flow.nodes.pin!.next = 'remember';
    flow.nodes.remember = { kind: 'set', assign: { tier: 'gold' }, next: 'tier' };
    flow.nodes.tier = { kind: 'condition', test: { type: 'variable', variable: 'tier', op: 'eq', value: 'silver' }, then: 'check', else: 'vip' };
    flow.nodes.vip = { kind: 'condition', test: { type: 'variable', variable: 'Attributes.segment', op: 'eq', value: 'vip' }, then: 'bye', else: 'check' };
    const suite = generateSuite(flow as unknown as Flow, 'pin.json');
    const reasons = suite.skipped.map((skip) => skip.reason);
    expect(reasons).toContainEqual(expect.stringContaining('tier: remember sets "tier" to "gold", so the test is never true here'));
    expect(reasons).toContainEqual(expect.stringContaining('zero: no entry pin accepts makes the test true'));
    expect(reasons).toContainEqual(
      'vip: the walk takes true, but the call takes false: its test reads "Attributes.segment", which no look-up answer of the walk sets (the call\'s own steps set it, or nothing does), so a scenario cannot steer it',
    );
  });
});
