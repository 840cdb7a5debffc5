import type { CallTimelineEvent } from '../../../core/designer-api/types.ts';
import { pickText } from '../../../core/interpreter/prompts.ts';
import { getDefaultLanguage } from '../../../core/interpreter/state.ts';
import { getKindSpec } from '../../../core/nodes/registry.ts';
import type { Flow, Prompt } from '../../../core/schema/flow.ts';
import { toPlaceName, type CallFlows } from './call-flows.ts';

// A recorded call's transcript: each event of its timeline in words, with
// its time from the start of the call, and the prompt of each node entered
// as the version it ran says it (null when that version is gone).

export interface TimelineLine {
  /** `+1:05` from the call's start */
  offset: string;
  /** the event's ISO time */
  at: string;
  kind: 'system' | 'caller' | 'environment' | 'outcome';
  text: string;
}

/** `+0:05`, `+12:40`, `+1:02:03`. */
export function formatOffset(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `+${hours}:${pad(minutes)}:${pad(seconds % 60)}` : `+${minutes}:${pad(seconds % 60)}`;
}

/** The first prompt a node plays, in the flow's default language; undefined for a node without one. */
function getFirstPrompt(flow: Flow, nodeId: string): string | undefined {
  const node = Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId] : undefined;
  if (!node) return undefined;
  let first: Prompt | undefined;
  getKindSpec(node).prompts(node as never, (_field, prompt) => {
    first ??= prompt;
  });
  if (first === undefined) return undefined;
  if (typeof first === 'object' && 'audio' in first) return '(a recording)';
  return pickText(flow, first as Exclude<Prompt, { audio: string }>, getDefaultLanguage(flow))?.text;
}

/** The flow the call is in at an event: its words for nodes, and its id when a goto took the call there. */
interface TimelinePlace {
  flow: Flow | null;
  /** undefined in the flow the call started in */
  flowId?: string;
}

function getNodeName(place: TimelinePlace, nodeId: string): string {
  const { flow } = place;
  const label = flow && Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId]?.label : undefined;
  return label ? `${label} (${toPlaceName(nodeId, place.flowId)})` : toPlaceName(nodeId, place.flowId);
}

function toLine(place: TimelinePlace, event: CallTimelineEvent): Pick<TimelineLine, 'kind' | 'text'> {
  const { flow } = place;
  const where = (nodeId: string) => toPlaceName(nodeId, place.flowId);
  switch (event.type) {
    case 'nodeEntered': {
      const prompt = flow ? getFirstPrompt(flow, event.nodeId) : undefined;
      return { kind: 'system', text: `${getNodeName(place, event.nodeId)}${prompt ? `: "${prompt}"` : ''}` };
    }
    case 'input': {
      const what = event.digits ? `Pressed ${event.digits}` : event.speech ? `Said "${event.speech}"` : 'Stayed silent';
      return { kind: 'caller', text: `${what} at ${where(event.nodeId)}` };
    }
    case 'outcome':
      return { kind: 'environment', text: `${getNodeName(place, event.nodeId)}: ${event.outcome}` };
    case 'personReached':
      return { kind: 'outcome', text: `Reached a person at ${where(event.nodeId)}` };
    case 'noMatch':
      return { kind: 'caller', text: `No option matched at ${where(event.nodeId)}` };
    case 'surveyScore':
      return { kind: 'caller', text: `Survey score ${event.score} of 5${event.target ? ` for ${event.target}` : ''}` };
    case 'fallback':
      return { kind: 'outcome', text: `The runtime's fallback took the call (${event.reason})` };
    case 'hangup':
      return { kind: 'outcome', text: event.reason === 'hangup' ? 'The flow ended the call' : `Call ended: ${event.reason}${event.nodeId ? ` at ${where(event.nodeId)}` : ''}` };
    case 'flowLinked':
      return { kind: 'system', text: `${getNodeName(place, event.nodeId)}: the call continues in flow ${event.flowId} (version ${event.versionId})` };
  }
}

/**
 * The transcript lines of `timeline`, timed from its first event. With `flows`, the events after a
 * goto are worded from the flow it continued the call in (its node ids as `bank:main_menu`), so a node
 * id both flows have is not given the other flow's label and prompt.
 */
export function toTimelineLines(flow: Flow | null, timeline: readonly CallTimelineEvent[], flows?: Pick<CallFlows, 'flowId' | 'getLinked'>): TimelineLine[] {
  const start = Date.parse(timeline[0]?.at ?? '');
  const home: TimelinePlace = { flow };
  let place = home;
  return timeline.map((event) => {
    const line = { offset: formatOffset(Date.parse(event.at) - start), at: event.at, ...toLine(place, event) };
    if (event.type === 'flowLinked' && flows !== undefined) {
      place = event.flowId === flows.flowId ? home : { flow: flows.getLinked(event.flowId, event.versionId), flowId: event.flowId };
    }
    return line;
  });
}
