// Where the designer is, as the address's hash says it: `#flow=bank` for a flow,
// `#flow=bank&node=main_menu` for a node of it. Back, forward and a typed address move by it.

/** The flow and node a hash names; null for what it leaves out. */
export interface FlowAddress {
  flowId: string | null;
  nodeId: string | null;
}

export function readFlowAddress(hash: string): FlowAddress {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { flowId: params.get('flow') || null, nodeId: params.get('node') || null };
}

export function toFlowAddress(flowId: string, nodeId?: string | null): string {
  const params = new URLSearchParams({ flow: flowId });
  if (nodeId) params.set('node', nodeId);
  return `#${params.toString()}`;
}
