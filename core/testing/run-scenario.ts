import { continueCall, createCallState } from '../interpreter/index.ts';
import type { CallEvent, CallInfo, RunOptions, Speech, Step } from '../interpreter/index.ts';
import type { Flow } from '../schema/flow.ts';
import { checkStep, describeEnd, isCallOver, speakingSeconds, toHeardText, type CallView, type StepProblem } from './check-step.ts';
import type { WalkStep } from './paths.ts';
import { describeStep, type Scenario, type ScenarioIssue, type ScenarioStep } from './scenario.ts';

// The offline engine of `humanline test`: a scenario played on the shared
// interpreter, step by step. Waits that are not the caller's (a look-up, an
// agent, a queue, a recording) take the scenario's environment at once, so
// each caller step meets the next prompt the caller would hear.

/** When a scenario gives no time: a Monday at noon in New York, so results never depend on the clock. */
export const DEFAULT_CALL_TIME = '2026-06-01T16:00:00Z';
/** Time a caller takes to press or say something. */
const SECONDS_PER_ANSWER = 1;
/** Waits taken in a row without the caller; beyond it the environment loops (busy agents, full queues) for ever. */
const MAX_AUTOMATIC_WAITS = 200;

export interface StepFailure extends StepProblem {
  /** prompts heard since the caller's last input */
  heard: string[];
  /** where the call stood: the node it waits at, else the last node it entered */
  at?: { nodeId: string; label?: string };
}

export interface StepResult {
  index: number;
  text: string;
  status: 'passed' | 'failed' | 'skipped';
  failure?: StepFailure;
}

export interface ScenarioResult {
  name: string;
  /** the scenario file, as the CLI names it */
  file?: string;
  passed: boolean;
  steps: StepResult[];
  /** every exit the call left a node by, in order, from the entry (what coverage counts); the offline engine's alone, as webhooks do not show exits */
  walk?: WalkStep[];
}

interface Call {
  step: Step;
  heard: Speech[];
  /** every node entered since the call began */
  path: Set<string>;
  /** every exit taken since the call began */
  walk: WalkStep[];
  seconds: number;
  person?: { steps: number; seconds: number };
  hungUp: boolean;
}

/** The environment's answer to a wait that is not the caller's; defaults: look-ups ok, agents and queues answer, links are entered (no answer). */
export function toEnvironmentEvent(scenario: Scenario, step: Step): CallEvent | undefined {
  const { wait, state } = step;
  const environment = scenario.environment ?? {};
  switch (wait.kind) {
    case 'lookup': {
      const answer = environment.lookups?.[wait.nodeId] ?? 'ok';
      return typeof answer === 'string' ? { type: 'lookup', outcome: answer } : { type: 'lookup', outcome: 'ok', data: answer.ok };
    }
    case 'dial':
      return { type: 'dial', outcome: environment.agents?.[wait.nodeId] ?? 'answered' };
    case 'queue':
      return { type: 'queue', outcome: environment.queues?.[wait.nodeId] ?? 'answered' };
    case 'record':
      return { type: 'recorded' };
    case 'callbackNumber':
      return state.caller.from === undefined ? { type: 'callbackNumber' } : { type: 'callbackNumber', number: state.caller.from };
    case 'link':
      // an entered link leaves this flow: the engine stops there (the caller would go on in the linked flow)
      return environment.links?.[wait.nodeId] === 'failed' ? { type: 'link', outcome: 'failed' } : undefined;
    default:
      return undefined;
  }
}

/** Takes in a step the interpreter returned, then answers every wait that is not the caller's. */
function absorb(call: Call, step: Step, scenario: Scenario, flow: Flow, options: RunOptions): void {
  let current = step;
  for (let waits = 0; ; waits++) {
    call.heard.push(...current.speech);
    for (const nodeId of current.path ?? []) call.path.add(nodeId);
    call.walk.push(...(current.exits ?? []));
    call.seconds += speakingSeconds(current.speech);
    if (current.state.reached === 'person' && call.person === undefined) call.person = { steps: current.state.steps, seconds: call.seconds };
    if (current.wait.kind === 'input') {
      call.heard.push(...current.wait.prompt);
      call.seconds += speakingSeconds(current.wait.prompt);
    }
    call.step = current;
    const event = toEnvironmentEvent(scenario, current);
    // the call left by the goto's link, as coverage counts it: the link was entered
    if (event === undefined && current.wait.kind === 'link') call.walk.push({ nodeId: current.wait.nodeId, exitId: 'flow' });
    if (event === undefined || waits >= MAX_AUTOMATIC_WAITS) return;
    current = continueCall(flow, current.state, event, options);
  }
}

/** A node as a failure names where the call was: its id, and its label when it has one. */
export function toCallPlace(flow: Flow, nodeId: string | undefined): StepFailure['at'] {
  if (nodeId === undefined) return undefined;
  const label = Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId]?.label : undefined;
  return label === undefined ? { nodeId } : { nodeId, label };
}

const getWhere = (call: Call, flow: Flow): StepFailure['at'] => toCallPlace(flow, call.step.state.at ?? call.step.path?.at(-1) ?? [...call.path].at(-1));

/** The call as the step checks see it. */
function toView(call: Call): CallView {
  const { state, wait } = call.step;
  return {
    heard: call.heard,
    path: call.path,
    person: call.person,
    reached: state.reached,
    guard: state.guard,
    hungUp: call.hungUp,
    wait: wait.kind === 'end' ? { kind: 'end', reason: wait.reason } : wait.kind === 'link' ? { kind: 'linked', nodeId: wait.nodeId, flowId: wait.flowId } : { kind: 'waiting', nodeId: wait.nodeId },
  };
}

/** The caller's input for a step, or undefined for an assertion. */
function toInputEvent(step: ScenarioStep): CallEvent | undefined {
  if (step.press !== undefined) return { type: 'input', digits: step.press };
  if (step.say !== undefined) return { type: 'input', speech: step.say };
  if (step.silence) return { type: 'input' };
  return undefined;
}

/** Plays the input steps; returns why one cannot be played (the call is not listening), else undefined. */
function playStep(step: ScenarioStep, call: Call, scenario: Scenario, flow: Flow, options: RunOptions): StepProblem | undefined {
  const listening = !call.hungUp && call.step.wait.kind === 'input';
  if (step.hangup) {
    if (isCallOver(toView(call))) return { expected: 'a call to hang up', found: describeEnd(toView(call)) };
    call.hungUp = true;
    return undefined;
  }
  const event = toInputEvent(step);
  if (event === undefined) return checkStep(step, toView(call));
  if (!listening) return { expected: 'the call to wait for the caller', found: describeEnd(toView(call)) };
  call.seconds += step.silence ? (call.step.wait.kind === 'input' ? call.step.wait.timeout : 0) : SECONDS_PER_ANSWER;
  call.heard = [];
  absorb(call, continueCall(flow, call.step.state, event, options), scenario, flow, options);
  return undefined;
}

/** The caller the scenario describes, as the interpreter knows callers. */
export function toCallInfo(scenario: Scenario): CallInfo {
  const caller = scenario.environment?.caller;
  return { callSid: 'CAtest', ...(caller?.number !== undefined ? { from: caller.number } : {}), ...caller?.data };
}

/** The scenario's draws for percentage splits, one per call, in order; 0 once they run out. */
export function createDrawSource(scenario: Scenario): () => number {
  const draws = [...(scenario.environment?.draws ?? [])];
  return () => draws.shift() ?? 0;
}

export const getScenarioTime = (scenario: Scenario): Date => new Date(scenario.environment?.at ?? DEFAULT_CALL_TIME);

/** Sees what the caller had heard (since their last input) before each step is played: for comparing engines. */
export type HeardObserver = (index: number, heard: string[]) => void;

/** Plays a scenario on `flow`; stops at the first failing step (the rest are skipped). */
export function runScenario(scenario: Scenario, flow: Flow, onStep?: HeardObserver): ScenarioResult {
  const options: RunOptions = { flowVersion: 'test', now: getScenarioTime(scenario), random: createDrawSource(scenario) };
  const initial = createCallState(flow, toCallInfo(scenario), options);
  const call: Call = { step: { state: initial, speech: [], wait: { kind: 'end', reason: 'unconnected' } }, heard: [], path: new Set(), walk: [], seconds: 0, hungUp: false };
  absorb(call, continueCall(flow, initial, { type: 'start' }, options), scenario, flow, options);
  const steps: StepResult[] = [];
  let failed = false;
  scenario.steps.forEach((step, index) => {
    const text = describeStep(step);
    if (failed) {
      steps.push({ index, text, status: 'skipped' });
      return;
    }
    const heard = call.heard.map(toHeardText);
    onStep?.(index, heard);
    const problem = playStep(step, call, scenario, flow, options);
    if (problem === undefined) {
      steps.push({ index, text, status: 'passed' });
      return;
    }
    failed = true;
    const at = getWhere(call, flow);
    steps.push({ index, text, status: 'failed', failure: { ...problem, heard, ...(at ? { at } : {}) } });
  });
  return { name: scenario.name, passed: !failed, steps, walk: call.walk };
}

const NODE_KINDS_BY_SECTION = { lookups: 'http', agents: 'transfer', queues: 'queue', links: 'goto' } as const;

/** Node ids the scenario names that the flow lacks or that are of the wrong kind: bad input, not a failing test. */
export function checkScenarioNodes(scenario: Scenario, flow: Flow): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const kindOf = (nodeId: string) => (Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId]?.kind : undefined);
  for (const [section, kind] of Object.entries(NODE_KINDS_BY_SECTION) as Array<[keyof typeof NODE_KINDS_BY_SECTION, string]>) {
    for (const nodeId of Object.keys(scenario.environment?.[section] ?? {})) {
      const found = kindOf(nodeId);
      if (found === undefined) issues.push({ path: ['environment', section, nodeId], message: `the flow has no node "${nodeId}": use the id of one of its ${kind} nodes` });
      else if (found !== kind) issues.push({ path: ['environment', section, nodeId], message: `node "${nodeId}" is a ${found} node: ${section} name ${kind} nodes` });
    }
  }
  scenario.steps.forEach((step, index) => {
    if (step.reaches && 'node' in step.reaches && kindOf(step.reaches.node) === undefined) {
      issues.push({ path: ['steps', index, 'reaches', 'node'], message: `the flow has no node "${step.reaches.node}": use one of its node ids` });
    }
  });
  return issues;
}
