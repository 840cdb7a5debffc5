import { getLinkedFlowIds } from '../../../core/lint/line.ts';
import type { Flow } from '../../../core/schema/flow.ts';

// The open flow's line: the flows its goto nodes hand calls to, and theirs in turn, as far as
// the runtime's flows are loaded. The open flow is always its canvas's version, never a fetched one.

/** Linked flows by id: a flow, null when the runtime does not have it (or it is no valid flow); absent while not loaded. */
export type LinkedFlows = ReadonlyMap<string, Flow | null>;

/** How far the open flow is judged within its line. */
export type LineStatus = 'alone' | 'checking' | 'checked';

export interface OpenLine {
  /** the loaded flows the open flow reaches through links, the open flow's own id left out */
  flows: Array<{ id: string; flow: Flow }>;
  /** the flow ids it links to, directly or through loaded flows, not loaded yet */
  unloaded: string[];
  /** whether the open flow links to any flow */
  linked: boolean;
}

// A flow not saved yet has no id; its links are judged all the same, under a name no flow id can have.
const UNSAVED_FLOW_FILE = '(unsaved).json';

/** The file name the open flow has in its line. */
export const toOpenFile = (flowId: string | null): string => (flowId === null ? UNSAVED_FLOW_FILE : `${flowId}.json`);

/** The line of `flow` (open as `flowId`) over what `linked` holds. */
export function getOpenLine(flowId: string | null, flow: Flow, linked: LinkedFlows): OpenLine {
  const flows: OpenLine['flows'] = [];
  const unloaded: string[] = [];
  const seen = new Set(flowId === null ? [] : [flowId]);
  const queue = getLinkedFlowIds(flow);
  const linkedAny = queue.length > 0;
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    if (!linked.has(id)) {
      unloaded.push(id);
      continue;
    }
    const found = linked.get(id);
    if (found === null || found === undefined) continue;
    flows.push({ id, flow: found });
    queue.push(...getLinkedFlowIds(found));
  }
  return { flows, unloaded, linked: linkedAny };
}
