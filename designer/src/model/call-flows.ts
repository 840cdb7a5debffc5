import type { CallDetail } from '../../../core/designer-api/types.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { parseFlow } from '../../../core/schema/parse.ts';

// The flows a recorded call ran in: the one it started in, and each a goto continued it in, at the
// version the call pinned (one per flow), as the call detail carries them. The transcript words a
// linked flow's nodes from them, and a replay follows the call into them.

/** A node where a recorded call was: its id in the flow the call started in, `bank:main_menu` in a flow a goto took it to. */
export const toPlaceName = (nodeId: string, flowId: string | undefined): string => (flowId === undefined ? nodeId : `${flowId}:${nodeId}`);

export interface CallFlows {
  /** the flow the call started in */
  flowId: string;
  /** a flow a goto continued the call in, at the version it ran; null when gone or not a valid flow */
  getLinked(flowId: string, versionId: string): Flow | null;
  /** each linked flow by id, as the simulator's line takes them (null: gone) */
  byId: ReadonlyMap<string, Flow | null>;
}

export function toCallFlows(detail: Pick<CallDetail, 'call' | 'linkedFlows'>): CallFlows {
  const byVersion = new Map<string, Flow | null>();
  const byId = new Map<string, Flow | null>();
  for (const { flowId, versionId, flow } of detail.linkedFlows) {
    const parsed = flow === null ? undefined : parseFlow(flow);
    const linked = parsed?.ok ? parsed.flow : null;
    byVersion.set(`${flowId}@${versionId}`, linked);
    // a call runs one version of each flow: the first is the one
    if (!byId.has(flowId)) byId.set(flowId, linked);
  }
  return { flowId: detail.call.flowId, getLinked: (flowId, versionId) => byVersion.get(`${flowId}@${versionId}`) ?? null, byId };
}

/**
 * The linked flows a recorded call's canvas is judged with: each flow a goto took the call to, at
 * the version it ran, and the call's own flow under its id (for a goto back to it). A version no
 * longer stored is left out, so the runtime's flow of that id stands in, as for gotos the call did
 * not take.
 */
export function toCallLinkedFlows(flow: Flow, detail: Pick<CallDetail, 'call' | 'linkedFlows'>): Map<string, Flow> {
  const linked = new Map<string, Flow>();
  for (const [flowId, version] of toCallFlows(detail).byId) if (version !== null) linked.set(flowId, version);
  if (!linked.has(detail.call.flowId)) linked.set(detail.call.flowId, flow);
  return linked;
}
