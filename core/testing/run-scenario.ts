import { continueCall, createCallState, enterFlow } from '../interpreter/index.ts';
import type { CallEvent, CallInfo, RunOptions, Speech, Step } from '../interpreter/index.ts';
import type { Flow } from '../schema/flow.ts';
import { checkStep, describeEnd, isCallOver, speakingSeconds, toHeardText, type CallView, type StepProblem } from './check-step.ts';
import type { WalkStep } from './paths.ts';
import { describeStep, type Scenario, type ScenarioIssue, type ScenarioStep } from './scenario.ts';

// The offline engine of `humanline test`: a scenario played on the shared
// interpreter, step by step. Waits that are not the caller's (a look-up, an
// agent, a queue, a recording, a link) take the scenario's environment at once,
// so each caller step meets the next prompt the caller would hear. An entered
// link goes on in the linked flow when the engine has it, else the call stops there.

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

/** The flows of the line a call may be linked into, by flow id. */
export type LineFlows = ReadonlyMap<string, Flow>;

interface Call {
  /** the scenario's own flow: the one whose exits coverage counts */
  home: Flow;
  /** the flow the call is in now */
  flow: Flow;
  step: Step;
  heard: Speech[];
  /** every node entered since the call began */
  path: Set<string>;
  /** every exit taken in the scenario's own flow since the call began */
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
      // an entered link is no answer: the engine follows it into the linked flow when it has it, else stops there
      return environment.links?.[wait.nodeId] === 'failed' ? { type: 'link', outcome: 'failed' } : undefined;
    default:
      return undefined;
  }
}

/** The linked flow an entered link goes on in, when the line has it (null: known missing) and it has the node to start at. */
export function getLinkedFlow(line: ReadonlyMap<string, Flow | null> | undefined, wait: Extract<Step['wait'], { kind: 'link' }>): Flow | undefined {
  const linked = line?.get(wait.flowId);
  return linked != null && Object.hasOwn(linked.nodes, wait.entry ?? linked.entry) ? linked : undefined;
}

/** Takes in a step the interpreter returned, then answers every wait that is not the caller's, following entered links it can. */
function absorb(call: Call, step: Step, scenario: Scenario, options: RunOptions, line: LineFlows | undefined): void {
  let current = step;
  for (let waits = 0; ; waits++) {
    call.heard.push(...current.speech);
    for (const nodeId of current.path ?? []) call.path.add(nodeId);
    if (call.flow === call.home) call.walk.push(...(current.exits ?? []));
    call.seconds += speakingSeconds(current.speech);
    if (current.state.reached === 'person' && call.person === undefined) call.person = { steps: current.state.steps, seconds: call.seconds };
    if (current.wait.kind === 'input') {
      call.heard.push(...current.wait.prompt);
      call.seconds += speakingSeconds(current.wait.prompt);
    }
    call.step = current;
    if (waits >= MAX_AUTOMATIC_WAITS) return;
    const event = toEnvironmentEvent(scenario, current);
    if (event !== undefined) {
      current = continueCall(call.flow, current.state, event, options);
      continue;
    }
    if (current.wait.kind !== 'link') return;
    // the call left by the goto's link, as coverage counts it: the link was entered
    if (call.flow === call.home) call.walk.push({ nodeId: current.wait.nodeId, exitId: 'flow' });
    const linked = getLinkedFlow(line, current.wait);
    if (linked === undefined) return;
    call.flow = linked;
    current = enterFlow(linked, current.state, current.wait.entry, options);
  }
}

/** A node as a failure names where the call was: its id, and its label when it has one. */
export function toCallPlace(flow: Flow, nodeId: string | undefined): StepFailure['at'] {
  if (nodeId === undefined) return undefined;
  const label = Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId]?.label : undefined;
  return label === undefined ? { nodeId } : { nodeId, label };
}

const getWhere = (call: Call): StepFailure['at'] => toCallPlace(call.flow, call.step.state.at ?? call.step.path?.at(-1) ?? [...call.path].at(-1));

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
function playStep(step: ScenarioStep, call: Call, scenario: Scenario, options: RunOptions, line: LineFlows | undefined): StepProblem | undefined {
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
  absorb(call, continueCall(call.flow, call.step.state, event, options), scenario, options, line);
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

/**
 * Plays a scenario on `flow`; stops at the first failing step (the rest are skipped). `line`: the line's
 * flows by id, which entered links go on in (the environment answers their waits by node id, as a test
 * call's does); a link to a flow it lacks stops the call there.
 */
export function runScenario(scenario: Scenario, flow: Flow, onStep?: HeardObserver, line?: LineFlows): ScenarioResult {
  const options: RunOptions = { flowVersion: 'test', now: getScenarioTime(scenario), random: createDrawSource(scenario) };
  const initial = createCallState(flow, toCallInfo(scenario), options);
  const call: Call = { home: flow, flow, step: { state: initial, speech: [], wait: { kind: 'end', reason: 'unconnected' } }, heard: [], path: new Set(), walk: [], seconds: 0, hungUp: false };
  absorb(call, continueCall(flow, initial, { type: 'start' }, options), scenario, options, line);
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
    const problem = playStep(step, call, scenario, options, line);
    if (problem === undefined) {
      steps.push({ index, text, status: 'passed' });
      return;
    }
    failed = true;
    const at = getWhere(call);
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
