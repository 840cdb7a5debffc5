import type { CallEvent, Step, Wait } from '../../core/interpreter/types.ts';
import { FALLBACK_AT } from '../../core/interpreter/index.ts';
import type { Flow } from '../../core/schema/flow.ts';
import type { CallEventRecord, CallNodeMark, CallRecord, CallSummaryUpdate, LinkedFlow } from '../store/types.ts';
import type { StepInput } from './to-call-event.ts';

// What each webhook adds to its call's summary, decided here from the
// interpreter's step, so reads never fold a call's events again.
//
// A zero-out, simply: at a menu the caller pressed 0, said a word asking for a
// person (ZERO_OUT_WORDS), or picked an option that leads straight (through
// say, set and condition nodes) to a transfer or a queue.

const ZERO_OUT_WORDS = /\b(agent|operator|representative|human|person|someone)\b/i;

/** Caller nodes cost a step as the interpreter counts them (run.ts enterCallerNode). */
const isCallerNode = (flow: Flow, nodeId: string) => {
  const kind = flow.nodes[nodeId]?.kind;
  return kind === 'menu' || kind === 'input';
};

/** Did the caller ask for a person at the menu they answered? */
function isZeroOut(previous: CallRecord, event: CallEvent, step: Step): boolean {
  const wait = previous.wait;
  if (wait.kind !== 'input' || wait.mode !== 'menu' || event.type !== 'input') return false;
  if (event.digits?.trim() === '0' || ZERO_OUT_WORDS.test(event.speech ?? '')) return true;
  return step.miss === undefined && (step.wait.kind === 'dial' || step.wait.kind === 'queue') && step.wait.nodeId !== FALLBACK_AT;
}

const isPersonWait = (wait: Wait) => wait.kind === 'dial' || wait.kind === 'queue';

/**
 * When the first person answered, from what the action webhook reports: Twilio requests a Dial's or an Enqueue's
 * action only after the agent's call has ended, so the webhook's own instant is not it. A transfer's: the action's
 * instant less DialCallDuration (the agent's call, counted from its answer). A queue's: the instant the call began
 * holding (the record's waitSinceMs) plus QueueTime (the seconds held before being bridged). Never before the wait
 * began; undefined when the webhook does not tell (or the record predates waitSinceMs).
 */
export function getPersonAnsweredAt(previous: CallRecord, reported: StepInput, at: Date): Date | undefined {
  const since = previous.waitSinceMs;
  if (previous.wait.kind === 'dial' && reported.agentCallSeconds !== undefined) {
    return new Date(Math.max(at.getTime() - reported.agentCallSeconds * 1000, since ?? -Infinity));
  }
  if (previous.wait.kind === 'queue' && reported.heldSeconds !== undefined && since !== undefined) return new Date(since + reported.heldSeconds * 1000);
  return undefined;
}

/** A node a webhook entered, in the flow (and version) it is in: a goto moves the call to another flow mid-webhook. */
export interface PathNode extends LinkedFlow {
  nodeId: string;
  flow: Flow;
}

export interface SummaryInput {
  /** the flow the webhook began in, which a new call's summary starts in */
  flowId: string;
  versionId: string;
  /** the flow the call is in once the webhook is answered */
  current: LinkedFlow;
  /** the record before this webhook; undefined for the call's first */
  previous: CallRecord | undefined;
  event: CallEvent;
  /** the step answered, after any look-ups */
  step: Step;
  /** every node entered in this webhook, look-ups and links included, in order */
  path: PathNode[];
  /** the webhook's events (call-events.ts) */
  events: CallEventRecord[];
  /** what the action webhook reported; undefined for the Voice URL */
  reported?: StepInput;
  at: Date;
}

/** The summary update of one answered webhook. */
export function getStepSummary(input: SummaryInput): CallSummaryUpdate {
  const { previous, event, step, path, events, at } = input;
  const update: CallSummaryUpdate = { at };
  if (previous === undefined) update.start = { flowId: input.flowId, versionId: input.versionId, caller: step.state.caller.from ?? '' };
  // the flow the call waited in before this webhook: where the caller's answer (and a person answering) happened
  const waitedIn: LinkedFlow = previous === undefined ? { flowId: input.flowId, versionId: input.versionId } : { flowId: previous.flowId, versionId: previous.state.flowVersion };
  const stepsBefore = previous?.state.steps ?? 0;
  const nodes: CallNodeMark[] = [];
  const answeredAt = previous?.wait.kind === 'input' ? previous.wait.nodeId : undefined;
  if (answeredAt !== undefined && previous !== undefined) {
    if (step.miss !== undefined) nodes.push({ nodeId: answeredAt, ...waitedIn, mark: step.miss, steps: stepsBefore });
    if (isZeroOut(previous, event, step)) nodes.push({ nodeId: answeredAt, ...waitedIn, mark: 'zeroOut', steps: stepsBefore });
  }
  const person = events.find((entry) => entry.type === 'personReached');
  if (person !== undefined) {
    const answeredAt = previous === undefined || input.reported === undefined ? undefined : getPersonAnsweredAt(previous, input.reported, at);
    // as call-events.ts names it: the wait answered, else where the call now is
    const personIn = previous !== undefined && previous.wait.kind !== 'end' ? waitedIn : input.current;
    update.person = { nodeId: person.nodeId, flowId: personIn.flowId, steps: stepsBefore, ...(answeredAt === undefined ? {} : { answeredAt }) };
    nodes.push({ nodeId: person.nodeId, ...personIn, mark: 'person', steps: stepsBefore });
  }
  let from = previous?.state.at;
  let fromFlowId = waitedIn.flowId;
  let steps = stepsBefore;
  for (const { nodeId, flow, flowId, versionId } of path) {
    // no edge across a link: each flow's canvas has only its own nodes
    const edge = from !== undefined && fromFlowId === flowId ? { from } : {};
    nodes.push({ nodeId, flowId, versionId, mark: 'visit', ...edge, steps });
    if (isCallerNode(flow, nodeId)) steps++;
    from = nodeId;
    fromFlowId = flowId;
  }
  const linked = events.flatMap((entry) => (entry.type === 'flowLinked' ? [{ flowId: entry.flowId, versionId: entry.versionId }] : []));
  if (linked.length > 0) update.linked = linked;
  if (nodes.length > 0) update.nodes = nodes;
  if (nodes.some((node) => node.mark === 'zeroOut') || isPersonWait(step.wait)) update.personAsked = true;
  // the caller waited for a person and the flow, not the caller, ended the call: a queue's timeout or a failed transfer into a hang-up
  if (previous !== undefined && isPersonWait(previous.wait) && step.wait.kind === 'end' && person === undefined) update.lineEndedWait = true;
  if (step.state.reached === 'followUp' && previous?.state.reached !== 'followUp') update.followUp = true;
  if (step.state.guard !== undefined && previous?.state.guard === undefined) update.fallback = true;
  const score = events.find((entry) => entry.type === 'surveyScore');
  if (score !== undefined) update.surveyScore = score.score;
  if (step.wait.kind === 'end') {
    // silence or no match that ran out of retries into an end is the flow's doing, not the caller's choice
    const chosen = step.wait.reason === 'hangup' && step.miss === undefined;
    update.flowEnd = { kind: chosen ? 'choice' : 'noChoice', nodeId: path.at(-1)?.nodeId ?? previous?.state.at ?? null, flowId: path.at(-1)?.flowId ?? waitedIn.flowId };
  }
  return update;
}

