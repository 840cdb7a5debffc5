import type { Flow } from '../../../core/schema/flow.ts';
import type { Wait } from '../../../core/interpreter/index.ts';
import { createDrawSource, getScenarioTime, runScenario, toCallInfo, toEnvironmentEvent, type LineFlows, type ScenarioResult } from '../../../core/testing/run-scenario.ts';
import type { Scenario, ScenarioStep } from '../../../core/testing/scenario.ts';
import { applyEvent, hangUp, isCallOver, startSession, type SimulatorLine, type SimulatorSession } from './simulator-session.ts';

// A scenario file opened in the simulator: run by the offline engine of
// `humanline test`, then played on the simulated phone up to the step that
// failed (or to its end), so the canvas shows the path the test took.

/** Waits the scenario's world answers in a row before the replay gives up (a queue that is always full). */
const MAX_ENVIRONMENT_ANSWERS = 200;

export interface ScenarioReplay {
  session: SimulatorSession;
  result: ScenarioResult;
  /** "passed", or which step failed and why */
  summary: string;
}

/** Answers every wait that is not the caller's as the scenario's environment does. */
function answerEnvironment(session: SimulatorSession, scenario: Scenario): SimulatorSession {
  let current = session;
  for (let answers = 0; answers < MAX_ENVIRONMENT_ANSWERS && !isCallOver(current); answers++) {
    const event = toEnvironmentEvent(scenario, current.step);
    if (event === undefined) break;
    const next = applyEvent(current, event);
    if (next.step === current.step) break;
    current = next;
  }
  return current;
}

function playStep(session: SimulatorSession, step: ScenarioStep, scenario: Scenario): SimulatorSession {
  if (step.hangup) return hangUp(session);
  const event = step.press !== undefined ? { type: 'input' as const, digits: step.press } : step.say !== undefined ? { type: 'input' as const, speech: step.say } : step.silence ? { type: 'input' as const } : undefined;
  return event === undefined ? session : answerEnvironment(applyEvent(session, event), scenario);
}

/** "Step 4: expected a prompt with "balance"; heard "…"", or that it passed. */
export function describeScenarioResult(result: ScenarioResult): string {
  const failed = result.steps.find((step) => step.status === 'failed');
  if (failed?.failure === undefined) return result.steps.length === 1 ? 'Passed: its one step' : `Passed: all ${result.steps.length} steps`;
  const { expected, found, heard } = failed.failure;
  const what = found === 'other prompts' && heard.length > 0 ? `heard "${heard.join(' ')}"` : found;
  return `Step ${failed.index + 1}: expected ${expected}; ${what}`;
}

/** The flows of the line by id, as the offline engine takes them: the open flow under its own id, and each loaded linked flow. */
function toLineFlows(flow: Flow, line: SimulatorLine): LineFlows {
  const flows = new Map<string, Flow>();
  if (line.flowId !== null) flows.set(line.flowId, flow);
  for (const [id, linked] of line.linked) if (linked !== null && id !== line.flowId) flows.set(id, linked);
  return flows;
}

/**
 * Runs `scenario` on `flow` and replays it on the simulated phone up to the failing step. With `line`,
 * an entered link goes on in the linked flow, in the test and on the phone alike, as `humanline test`
 * follows links into the flows it finds; a link the scenario makes fail stays at its goto.
 */
export function replayScenario(flow: Flow, scenario: Scenario, line?: SimulatorLine): ScenarioReplay {
  const result = runScenario(scenario, flow, undefined, line === undefined ? undefined : toLineFlows(flow, line));
  const failedAt = result.steps.find((step) => step.status === 'failed')?.index ?? scenario.steps.length;
  const failing = (wait: Extract<Wait, { kind: 'link' }>) => scenario.environment?.links?.[wait.nodeId] === 'failed';
  const options = { now: getScenarioTime(scenario), random: createDrawSource(scenario), caller: toCallInfo(scenario), ...(line !== undefined ? { line: { ...line, failing } } : {}) };
  let session = answerEnvironment(startSession(flow, options), scenario);
  for (const step of scenario.steps.slice(0, failedAt)) session = playStep(session, step, scenario);
  return { session, result, summary: describeScenarioResult(result) };
}
