import type { CallEvent, Step } from '../../core/interpreter/types.ts';
import { FALLBACK_AT } from '../../core/interpreter/index.ts';
import type { Flow } from '../../core/schema/flow.ts';
import type { CallEventRecord, CallNodeMark, CallRecord, CallSummaryUpdate } from '../store/types.ts';

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

export interface SummaryInput {
  flow: Flow;
  flowId: string;
  versionId: string;
  /** the record before this webhook; undefined for the call's first */
  previous: CallRecord | undefined;
  event: CallEvent;
  /** the step answered, after any look-ups */
  step: Step;
  /** every node entered in this webhook, look-ups included, in order */
  path: string[];
  /** the webhook's events (call-events.ts) */
  events: CallEventRecord[];
  at: Date;
}

/** The summary update of one answered webhook. */
export function getStepSummary(input: SummaryInput): CallSummaryUpdate {
  const { flow, previous, event, step, path, events, at } = input;
  const update: CallSummaryUpdate = { at };
  if (previous === undefined) update.start = { flowId: input.flowId, versionId: input.versionId, caller: step.state.caller.from ?? '' };
  const stepsBefore = previous?.state.steps ?? 0;
  const nodes: CallNodeMark[] = [];
  const answeredAt = previous?.wait.kind === 'input' ? previous.wait.nodeId : undefined;
  if (answeredAt !== undefined && previous !== undefined) {
    if (step.miss !== undefined) nodes.push({ nodeId: answeredAt, mark: step.miss, steps: stepsBefore });
    if (isZeroOut(previous, event, step)) nodes.push({ nodeId: answeredAt, mark: 'zeroOut', steps: stepsBefore });
  }
  const person = events.find((entry) => entry.type === 'personReached');
  if (person !== undefined) {
    update.person = { nodeId: person.nodeId, steps: stepsBefore };
    nodes.push({ nodeId: person.nodeId, mark: 'person', steps: stepsBefore });
  }
  let from = previous?.state.at;
  let steps = stepsBefore;
  for (const nodeId of path) {
    nodes.push({ nodeId, mark: 'visit', ...(from === undefined ? {} : { from }), steps });
    if (isCallerNode(flow, nodeId)) steps++;
    from = nodeId;
  }
  if (nodes.length > 0) update.nodes = nodes;
  if (step.state.reached === 'followUp' && previous?.state.reached !== 'followUp') update.followUp = true;
  if (step.state.guard !== undefined && previous?.state.guard === undefined) update.fallback = true;
  const score = events.find((entry) => entry.type === 'surveyScore');
  if (score !== undefined) update.surveyScore = score.score;
  if (step.wait.kind === 'end') {
    // silence or no match that ran out of retries into an end is the flow's doing, not the caller's choice
    const chosen = step.wait.reason === 'hangup' && step.miss === undefined;
    update.flowEnd = { kind: chosen ? 'choice' : 'noChoice', nodeId: path.at(-1) ?? previous?.state.at ?? null };
  }
  return update;
}

