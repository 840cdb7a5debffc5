// How a link to another flow of the line is written as an exit's target: `flow:node`, or `flow:`
// for that flow's entry. A node id never holds ":", so a link names no node of its own flow: alone,
// a flow's links are unknown targets (the call hangs up there); linted as a line, they resolve.

const SEPARATOR = ':';

/** Where a link goes, as an exit's target. */
export function toLinkTarget(flowId: string, nodeId: string | undefined): string {
  return `${flowId}${SEPARATOR}${nodeId ?? ''}`;
}

/** The flow and node a link target names (node undefined: the flow's entry); undefined for a plain node id. */
export function readLinkTarget(target: string): { flowId: string; nodeId: string | undefined } | undefined {
  const at = target.indexOf(SEPARATOR);
  if (at < 0) return undefined;
  const nodeId = target.slice(at + 1);
  return { flowId: target.slice(0, at), nodeId: nodeId === '' ? undefined : nodeId };
}
