import { FALLBACK_AT, type CallEvent, type Wait } from '../../../core/interpreter/index.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { findLinkedFlow, getCallFlow, isCallOver, MAX_LINKS_IN_A_ROW, type SimulatorSession } from './simulator-session.ts';
import { describeEnd, describeGuard, OUTCOME_WORDS, REACHED_FOLLOW_UP, REACHED_PERSON } from './transcript.ts';

// What the panel says about the call in progress: the wait in the designer's
// words, the status line, and the outcomes the environment may pick next.

function getNodeName(flow: Flow, nodeId: string): string {
  if (nodeId === FALLBACK_AT) return 'The guard';
  const node = Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId] : undefined;
  return node?.label ?? nodeId;
}

const toAddress = (to: Extract<Wait, { kind: 'dial' }>['to']): string => ('number' in to ? to.number : 'sip' in to ? to.sip : `client ${to.client}`);

type LinkWait = Extract<Wait, { kind: 'link' }>;

/** Why the call stays at a goto instead of going on in the linked flow, as the runtime would judge it. */
export function getLinkNote(session: SimulatorSession, wait: LinkWait): string {
  const line = session.options.line;
  if (line === undefined) return ' (not simulated here)';
  if (findLinkedFlow(session, wait) !== undefined) return `: ${MAX_LINKS_IN_A_ROW} links in a row without a wait, the runtime sends such a call to a person`;
  if (wait.flowId !== line.flowId && !line.linked.has(wait.flowId)) return ', which the designer is still loading: the linked flow cannot start here until it is loaded';
  const linked = wait.flowId === line.flowId ? session.flow : line.linked.get(wait.flowId);
  if (linked == null) return ', which the runtime does not have: the linked flow cannot start';
  return `, which has no node ${wait.entry ?? linked.entry}: the linked flow cannot start`;
}

/** What the call waits for in the flow it is in now, a goto's note included. */
export function getSessionWaitText(session: SimulatorSession): string {
  const { wait } = session.step;
  return getWaitText(getCallFlow(session), wait, wait.kind === 'link' ? getLinkNote(session, wait) : undefined);
}

/** "Main menu is listening for keys or words"; `linkNote` says why a goto's call does not go on in the linked flow. */
export function getWaitText(flow: Flow, wait: Wait, linkNote = ' (not simulated here)'): string {
  if (wait.kind === 'end') return 'The call has ended';
  const name = getNodeName(flow, wait.nodeId);
  switch (wait.kind) {
    case 'input':
      if (wait.mode === 'menu') return `${name} is listening for keys${wait.speech ? ' or words' : ''}`;
      if (wait.mode === 'survey') return `${name} is waiting for a score from 1 to 5`;
      return `${name} is waiting for ${wait.numDigits ?? 'some'} digits${wait.finishOnKey ? ` ending with ${wait.finishOnKey}` : ''}`;
    case 'lookup':
      return `${name} is looking data up (${wait.method} ${wait.url})`;
    case 'dial':
      return `${name} is ringing ${toAddress(wait.to)}`;
    case 'queue':
      return `${name}: on hold in queue ${wait.queue}${wait.callbackOffer ? `, ${wait.callbackOffer.key} for a call back` : ''}`;
    case 'record':
      return `${name} is recording a message`;
    case 'callbackNumber':
      return `${name} is taking a call-back number`;
    case 'link':
      return `${name}: the call continues in flow ${wait.flowId}${wait.entry === undefined ? '' : ` at ${wait.entry}`}${linkNote}`;
  }
}

/** The status line: who was reached, whether the guard stepped in, and whether the call goes on. */
export function getStatusText(session: SimulatorSession): string {
  const { state } = session.step;
  const parts: string[] = [];
  if (state.reached === 'person') parts.push(REACHED_PERSON);
  else if (state.reached === 'followUp') parts.push(REACHED_FOLLOW_UP);
  if (state.guard !== undefined) parts.push(describeGuard(state.guard));
  // the canvas shows the flow the call was placed on: say when the call is elsewhere
  const where = session.inFlow === undefined ? '' : ` in flow ${session.inFlow.id}`;
  parts.push(`${isCallOver(session) ? describeEnd(state, session.callerHungUp) : 'In call'}${where}`);
  return parts.join(' · ');
}

export interface EnvironmentChoice {
  label: string;
  event: CallEvent;
}

/** The outcomes the designer may pick for a wait the environment decides; none where the caller decides. */
export function getEnvironmentChoices(wait: Wait): EnvironmentChoice[] {
  switch (wait.kind) {
    case 'lookup':
      return (['ok', 'failed', 'timeout'] as const).map((outcome) => ({ label: OUTCOME_WORDS.lookup[outcome], event: { type: 'lookup', outcome } }));
    case 'dial':
      return (['answered', 'busy', 'noAnswer', 'failed'] as const).map((outcome) => ({ label: OUTCOME_WORDS.dial[outcome], event: { type: 'dial', outcome } }));
    case 'queue': {
      // A queue without a maximum wait never times out; without an offer nobody asks for a call back.
      const outcomes = (['answered', 'full', 'timeout', 'callback'] as const).filter(
        (outcome) => (outcome !== 'timeout' || wait.maxWait !== undefined) && (outcome !== 'callback' || wait.callbackOffer !== undefined),
      );
      return outcomes.map((outcome) => ({ label: OUTCOME_WORDS.queue[outcome], event: { type: 'queue', outcome } }));
    }
    case 'record':
      return [{ label: OUTCOME_WORDS.recorded, event: { type: 'recorded' } }];
    case 'callbackNumber':
      return [{ label: OUTCOME_WORDS.callbackNumber, event: { type: 'callbackNumber' } }];
    case 'link':
      return [{ label: OUTCOME_WORDS.linkFailed, event: { type: 'link', outcome: 'failed' } }];
    case 'input':
    case 'end':
      return [];
  }
}
