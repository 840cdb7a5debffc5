import { toSurveyScore } from '../../core/interpreter/index.ts';
import type { CallEvent, Step } from '../../core/interpreter/types.ts';
import type { CallEventRecord, CallRecord } from '../store/types.ts';

/**
 * The analytics events of one webhook: what the caller did at the old wait, and where the call went. `passed`
 * is the webhook's way to its new wait in order: the nodes entered, with the look-ups' and links' outcomes
 * between them, across every step a look-up or a link made.
 */
export function getCallEvents(previous: CallRecord | undefined, event: CallEvent, passed: CallEventRecord[], step: Step): CallEventRecord[] {
  const events: CallEventRecord[] = [];
  const wait = previous?.wait;
  if (wait !== undefined && event.type === 'input' && wait.kind === 'input') {
    events.push({ type: 'input', nodeId: wait.nodeId, ...(event.digits ? { digits: event.digits } : {}), ...(event.speech ? { speech: event.speech } : {}) });
    const score = wait.mode === 'survey' ? toSurveyScore(event.digits) : undefined;
    if (score !== undefined) events.push({ type: 'surveyScore', nodeId: wait.nodeId, score, ...(wait.rates !== undefined ? { target: wait.rates } : {}) });
    if (step.miss === 'noMatch') events.push({ type: 'noMatch', nodeId: wait.nodeId });
  }
  if (wait !== undefined && wait.kind !== 'end' && (event.type === 'dial' || event.type === 'queue')) {
    events.push({ type: 'outcome', nodeId: wait.nodeId, outcome: event.outcome });
  }
  if (wait !== undefined && wait.kind !== 'end' && (event.type === 'recorded' || event.type === 'callbackNumber')) {
    events.push({ type: 'outcome', nodeId: wait.nodeId, outcome: event.type });
  }
  const reachedBefore = previous?.state.reached ?? 'none';
  if (reachedBefore !== 'person' && step.state.reached === 'person') {
    events.push({ type: 'personReached', nodeId: wait !== undefined && wait.kind !== 'end' ? wait.nodeId : (step.state.at ?? '') });
  }
  // the nodes passed on the way (a greeting, a condition, a goto), so a call's transcript has every prompt it heard
  const answeredNodeId = wait === undefined || wait.kind === 'end' ? undefined : wait.nodeId;
  const waitNodeId = step.wait.kind === 'end' ? undefined : step.wait.nodeId;
  for (const passing of passed) {
    if (passing.type !== 'nodeEntered' || (passing.nodeId !== waitNodeId && passing.nodeId !== answeredNodeId)) events.push(passing);
  }
  if (step.wait.kind === 'end') events.push({ type: 'hangup', reason: step.wait.reason, ...(previous?.state.at ? { nodeId: previous.state.at } : {}) });
  else events.push({ type: 'nodeEntered', nodeId: step.wait.nodeId });
  return events;
}
