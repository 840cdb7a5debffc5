import type { CallTimelineEvent } from '../../../core/designer-api/types.ts';
import type { CallEvent } from '../../../core/interpreter/index.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { toPlaceName, type CallFlows } from './call-flows.ts';

// A recorded call as the moves that replay it on the interpreter: each input
// and outcome the runtime recorded becomes the event it fed the interpreter,
// at the time it happened (business hours are decided by it), with the node
// the call waited at, so a replay can tell when it leaves the call's path.

export type CallMove =
  /** an event the runtime handed the interpreter while the call waited at `nodeId`, in flow `flowId` when a goto had taken it to another flow */
  | { kind: 'event'; at: Date; nodeId: string; flowId?: string; event: CallEvent }
  /** the caller hung up (a status callback, or an action webhook that said so) */
  | { kind: 'hangup'; at: Date; nodeId?: string };

export interface CallMoves {
  /** when the call started: the first event's time */
  startedAt: Date;
  moves: CallMove[];
  /** what the interpreter cannot replay: the runtime's fallback, an outcome at a node the flow does not have */
  notReplayable: string[];
}

/** The interpreter's end reasons: the flow ended the call, not the caller. */
const FLOW_END_REASONS = new Set(['hangup', 'unconnected']);

const LOOKUP_OUTCOMES = new Set(['ok', 'failed', 'timeout']);
const DIAL_OUTCOMES = new Set(['answered', 'busy', 'noAnswer', 'failed']);
const QUEUE_OUTCOMES = new Set(['answered', 'full', 'timeout', 'callback']);

/** The interpreter event an environment outcome at `nodeId` was, read off the node's kind. */
function toOutcomeEvent(flow: Flow, nodeId: string, outcome: string): CallEvent | undefined {
  const node = Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId] : undefined;
  switch (node?.kind) {
    case 'http':
      return LOOKUP_OUTCOMES.has(outcome) ? { type: 'lookup', outcome: outcome as 'ok' | 'failed' | 'timeout' } : undefined;
    case 'transfer':
      return DIAL_OUTCOMES.has(outcome) ? { type: 'dial', outcome: outcome as 'answered' | 'busy' | 'noAnswer' | 'failed' } : undefined;
    case 'queue':
      return QUEUE_OUTCOMES.has(outcome) ? { type: 'queue', outcome: outcome as 'answered' | 'full' | 'timeout' | 'callback' } : undefined;
    case 'voicemail':
      return outcome === 'recorded' ? { type: 'recorded' } : undefined;
    case 'callback':
      return outcome === 'callbackNumber' ? { type: 'callbackNumber' } : undefined;
    case 'goto':
      // the runtime could not start the linked flow: the goto's failed route
      return outcome === 'failed' ? { type: 'link', outcome: 'failed' } : undefined;
    default:
      return undefined;
  }
}

/**
 * The moves that replay `timeline` on `flow` (the version the call ran). With `flows`, a move after a
 * goto is read in the flow the goto continued the call in, and says which.
 */
export function toCallMoves(flow: Flow, timeline: readonly CallTimelineEvent[], flows?: Pick<CallFlows, 'flowId' | 'getLinked'>): CallMoves {
  const moves: CallMove[] = [];
  const notReplayable: string[] = [];
  // where the call is: the flow it started in (no id), or the one the last goto took it to
  let place: { flowId?: string; flow: Flow | null } = { flow };
  for (const entry of timeline) {
    const at = new Date(entry.at);
    const inFlow = place.flowId === undefined ? {} : { flowId: place.flowId };
    switch (entry.type) {
      case 'input': {
        const event: CallEvent = { type: 'input', ...(entry.digits ? { digits: entry.digits } : {}), ...(entry.speech ? { speech: entry.speech } : {}) };
        moves.push({ kind: 'event', at, nodeId: entry.nodeId, ...inFlow, event });
        break;
      }
      case 'outcome': {
        const event = place.flow === null ? undefined : toOutcomeEvent(place.flow, entry.nodeId, entry.outcome);
        if (event) moves.push({ kind: 'event', at, nodeId: entry.nodeId, ...inFlow, event });
        else notReplayable.push(`the outcome "${entry.outcome}" at ${toPlaceName(entry.nodeId, place.flowId)}`);
        break;
      }
      case 'flowLinked':
        if (flows !== undefined) place = entry.flowId === flows.flowId ? { flow } : { flowId: entry.flowId, flow: flows.getLinked(entry.flowId, entry.versionId) };
        break;
      case 'hangup':
        if (!FLOW_END_REASONS.has(entry.reason)) moves.push({ kind: 'hangup', at, ...(entry.nodeId !== undefined ? { nodeId: entry.nodeId } : {}) });
        break;
      case 'fallback':
        notReplayable.push(`the runtime's fallback (${entry.reason})`);
        break;
      default:
        // nodeEntered, personReached and surveyScore are what the moves led to, not moves
        break;
    }
  }
  return { startedAt: new Date(timeline[0]?.at ?? 0), moves, notReplayable };
}
