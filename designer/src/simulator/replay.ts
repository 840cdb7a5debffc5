import type { Path, PathStep } from '../../../core/graph/path.ts';
import { createCallState, type GuardReason } from '../../../core/interpreter/index.ts';
import { toLineFlowId } from '../../../core/lint/line.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { toOpenFile } from '../model/line.ts';
import { getSessionWaitText } from './call-status.ts';
import { getSteering, type Steering, type StepFlows } from './condition-steering.ts';
import { toCallEvent } from './exit-events.ts';
import { applyEvent, getCallFlow, isCallOver, SIMULATED_CALLER, startSession, type SimulatorOptions, type SimulatorSession, type WalkedNode } from './simulator-session.ts';
import { describeGuard, type TranscriptLine } from './transcript.ts';

// Replays a counterexample on the simulated phone, one path step at a time:
// each step's exit becomes the event that takes it, and the walk is checked
// against the path, so a designer sees the problem happen as a caller would.
// A walk across a line goes on through its gotos into the linked flows the
// designer has loaded, as a simulated call does.

/** A counterexample to replay, as the problems panel hands it over. */
export interface ReplayRequest {
  path: Path;
  ruleId: string;
  message: string;
}

export interface Replay {
  request: ReplayRequest;
  /** each path step's node as the replay names it: the id in the open flow, `file:id` in another flow of the line */
  stepNames: string[];
  session: SimulatorSession;
  /** index of the path step the call stands at; its exit is the next one to take */
  at: number;
  /** `diverged`: the call left the path (a condition the simulator cannot steer, the guard) */
  status: 'playing' | 'done' | 'diverged';
  /** why the call left the path */
  problem?: string;
}

/** Re-prompts before a menu gives up: retries are 1 to 3, so this is a generous bound. */
const MAX_EVENTS_PER_STEP = 10;

/** Where the call stood before a move, to tell what the move did. */
interface Before {
  walkLength: number;
  guard: GuardReason | undefined;
  at: string | undefined;
}

/** The flow of the line a path step sits in: undefined for the open flow (a step without a file is in it too). */
function getStepFlowId(step: PathStep, options: SimulatorOptions): string | undefined {
  const line = options.line;
  if (step.file === undefined || line === undefined || step.file === toOpenFile(line.flowId)) return undefined;
  return toLineFlowId(step.file);
}

/** The flows the replay's steps sit in: the open flow, or a linked flow the designer has loaded. */
function getStepFlows(flow: Flow, options: SimulatorOptions): StepFlows {
  return (step) => {
    const flowId = getStepFlowId(step, options);
    return flowId === undefined ? flow : (options.line?.linked.get(flowId) ?? undefined);
  };
}

/** A node's name in the replay's words: its id in the open flow, `file:id` in another flow, as the path is worded. */
const toWalkName = (node: WalkedNode): string => (node.flowId === undefined ? node.nodeId : `${node.flowId}.json:${node.nodeId}`);

/** Compares the nodes walked, each in its flow, with the path's and says where the replay stands. */
function checkWalk(replay: Replay, session: SimulatorSession, before: Before | undefined): Replay {
  const { path } = replay.request;
  const expected = replay.stepNames;
  const walked = session.walk.map(toWalkName);
  const { state } = session.step;
  const next = { ...replay, session };
  if (state.guard !== undefined && state.guard !== before?.guard) {
    return { ...next, status: 'diverged', problem: `${describeGuard(state.guard)} at ${before?.at ?? 'the start'}` };
  }
  const apart = walked.findIndex((id, index) => index < expected.length && id !== expected[index]);
  if (apart >= 0) {
    const from = apart > 0 ? ` from ${walked[apart - 1]}` : '';
    return { ...next, status: 'diverged', problem: `The call went${from} to ${walked[apart]} where the path goes to ${expected[apart]}` };
  }
  const last = expected.length - 1;
  const at = Math.min(walked.length, expected.length) - 1;
  if (at === last && (path.steps[last]?.exit === undefined || isCallOver(session))) return { ...next, at, status: 'done' };
  if (isCallOver(session)) return { ...next, at, status: 'diverged', problem: `The call ended at ${walked.at(-1) ?? 'the start'} before the end of the path` };
  if (before !== undefined && walked.length === before.walkLength && at !== last) {
    return { ...next, at, status: 'diverged', problem: `The call stayed at ${walked.at(-1)} instead of taking "${path.steps[at]?.exit}"` };
  }
  return { ...next, at, status: 'playing' };
}

const toNoteLines = (steering: Steering): TranscriptLine[] => steering.notes.map((text) => ({ kind: 'environment', text }));

/**
 * Starts the call at the path's first node, steering the conditions before its first wait. With
 * `options.line`, the call goes on through the path's gotos into the linked flows it holds.
 */
export function startReplay(flow: Flow, request: ReplayRequest, options: SimulatorOptions): Replay {
  const steps = request.path.steps;
  const first = steps[0]?.nodeId;
  const stepNames = steps.map((step) => {
    const flowId = getStepFlowId(step, options);
    return toWalkName(flowId === undefined ? { nodeId: step.nodeId } : { nodeId: step.nodeId, flowId });
  });
  const state = createCallState(flow, SIMULATED_CALLER, { flowVersion: 'designer', now: options.now, random: options.random ?? Math.random });
  const steering = getSteering(getStepFlows(flow, options), steps, 0, state, options.now);
  const started = startSession(flow, { ...options, ...(first !== undefined ? { from: first } : {}) }, steering.getOverrides());
  // The notes explain the time chosen for the first move, so they come before it.
  const session = { ...started, transcript: [...toNoteLines(steering), ...started.transcript] };
  const replay: Replay = { request, stepNames, session, at: 0, status: 'playing' };
  if (first === undefined) return { ...replay, status: 'diverged', problem: 'The path has no steps' };
  // a call is placed on the open flow: a walk that starts in another flow of the line is not one it can take
  if (stepNames[0] !== first) return { ...replay, status: 'diverged', problem: `The path starts at ${stepNames[0]}, in another flow of the line` };
  return checkWalk(replay, session, undefined);
}

/** Takes the exit of the step the call stands at: the same event again while the node re-prompts. */
export function replayNextStep(replay: Replay): Replay {
  if (replay.status !== 'playing') return replay;
  const { session, at } = replay;
  const step = replay.request.path.steps[at];
  const event = step?.exitId === undefined ? undefined : toCallEvent(getCallFlow(session), session.step.wait, step.exitId);
  // a goto the call stays at though the path goes on through it: the wait says why (the linked flow not loaded, say)
  if (step !== undefined && event === undefined && session.step.wait.kind === 'link') return { ...replay, status: 'diverged', problem: getSessionWaitText(session) };
  if (!step || event === undefined) {
    return { ...replay, status: 'diverged', problem: `No caller input or outcome at ${replay.stepNames[at] ?? 'the end'} takes "${step?.exit ?? ''}"` };
  }
  const steering = getSteering(getStepFlows(session.flow, session.options), replay.request.path.steps, at + 1, session.step.state, session.options.now);
  let moved: SimulatorSession = { ...session, transcript: [...session.transcript, ...toNoteLines(steering)] };
  for (let sent = 0; sent < MAX_EVENTS_PER_STEP; sent++) {
    const seq = moved.step.state.seq;
    moved = applyEvent(moved, event, steering.getOverrides());
    if (moved.walk.length > session.walk.length || isCallOver(moved) || moved.step.state.seq === seq) break;
  }
  return checkWalk(replay, moved, { walkLength: session.walk.length, guard: session.step.state.guard, at: session.step.state.at });
}

/** Plays the rest of the path; bounded by its length, as each step either moves on or stops the replay. */
export function replayAll(replay: Replay): Replay {
  let current = replay;
  for (let guard = 0; guard <= replay.request.path.steps.length && current.status === 'playing'; guard++) current = replayNextStep(current);
  return current;
}
