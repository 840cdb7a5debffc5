import type { Finding, Severity } from '../../../core/lint/types.ts';
import { getExits } from '../../../core/nodes/registry.ts';
import type { Flow } from '../../../core/schema/flow.ts';

// One missing edge makes several rules speak: dead-end at the node whose exit
// is not connected, failure-branch there too, and silent-caller or stranding
// errors upstream whose walk hangs up through that same exit. The problems
// panel and the verdict show the exit to connect first, with what it causes
// under it, errors before warnings and the nearest to the entry first.

/** Findings that name an unconnected exit of their own node: the edge to draw. */
const UNCONNECTED_EXIT_FINDINGS: ReadonlySet<string> = new Set(['dead-end:unconnected', 'failure-branch:unconnectedFailure']);

export interface FindingGroup {
  /** index (into the ordered findings) of the finding to fix: an unconnected exit, or a finding nothing else explains */
  root: number;
  /** indexes of the findings the root explains: they clear once it is fixed */
  consequences: number[];
  /** the worst severity in the group */
  severity: Severity;
}

export interface GroupedFindings {
  /** every finding once, group after group, the root first */
  findings: Finding[];
  groups: FindingGroup[];
}

/** Each node's distance from the entry, in transitions; nodes off every route are absent. */
export function getDepths(flow: Flow): Map<string, number> {
  const depths = new Map<string, number>();
  if (!Object.hasOwn(flow.nodes, flow.entry)) return depths;
  depths.set(flow.entry, 0);
  const queue = [flow.entry];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    for (const exit of getExits(flow.nodes[id]!)) {
      if (exit.target === undefined || depths.has(exit.target) || !Object.hasOwn(flow.nodes, exit.target)) continue;
      depths.set(exit.target, depths.get(id)! + 1);
      queue.push(exit.target);
    }
  }
  return depths;
}

function isUnconnectedExit(flow: Flow, nodeId: string, exitId: string): boolean {
  const node = Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId] : undefined;
  return node !== undefined && getExits(node).some((exit) => exit.id === exitId && exit.target === undefined);
}

/**
 * What the finding comes from: the node of an unconnected exit of its own, or
 * the unconnected exit (`node:exit`) its walk hangs up through.
 */
function getCause(flow: Flow, finding: Finding): { nodeId: string; exitId?: string } | undefined {
  if (UNCONNECTED_EXIT_FINDINGS.has(`${finding.ruleId}:${finding.messageId ?? ''}`)) return finding.nodeId === undefined ? undefined : { nodeId: finding.nodeId };
  const last = finding.path?.end === 'hangup' ? finding.path.steps.at(-1) : undefined;
  return last?.exitId !== undefined && isUnconnectedExit(flow, last.nodeId, last.exitId) ? { nodeId: last.nodeId, exitId: last.exitId } : undefined;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

/** Groups `findings` under their root causes and orders them: errors first, then by the root's distance from the entry. */
export function groupFindings(flow: Flow, findings: readonly Finding[]): GroupedFindings {
  // A clean flow, the usual state while typing: no walk of the whole flow for depths nothing will be sorted by.
  if (findings.length === 0) return { findings: [], groups: [] };
  const depths = getDepths(flow);
  // A finding with no node (schema, file) comes before all; a node off every route after all.
  const depthOf = (finding: Finding) => (finding.nodeId === undefined ? -1 : (depths.get(finding.nodeId) ?? Infinity));
  const compare = (a: number, b: number) =>
    SEVERITY_ORDER[findings[a]!.severity] - SEVERITY_ORDER[findings[b]!.severity] || depthOf(findings[a]!) - depthOf(findings[b]!) || a - b;

  // A node with an unconnected exit of its own gathers every walk that hangs up there; other walks gather by the exit they hang up through.
  const causeNodes = new Set(findings.filter((f) => UNCONNECTED_EXIT_FINDINGS.has(`${f.ruleId}:${f.messageId ?? ''}`)).map((f) => f.nodeId));
  const causes = new Map<string, number[]>();
  findings.forEach((finding, index) => {
    const cause = getCause(flow, finding);
    const key = cause === undefined ? `#${index}` : causeNodes.has(cause.nodeId) ? cause.nodeId : `${cause.nodeId}:${cause.exitId ?? ''}`;
    causes.set(key, [...(causes.get(key) ?? []), index]);
  });

  const members = [...causes.values()].map((indexes) => {
    // The root is the cause node's own finding (the edge to draw), most severe first.
    const own = indexes.filter((i) => UNCONNECTED_EXIT_FINDINGS.has(`${findings[i]!.ruleId}:${findings[i]!.messageId ?? ''}`)).sort(compare);
    const root = own[0] ?? indexes[0]!;
    const rest = indexes.filter((i) => i !== root).sort(compare);
    const severity: Severity = indexes.some((i) => findings[i]!.severity === 'error') ? 'error' : 'warning';
    return { root, rest, severity };
  });
  members.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || depthOf(findings[a.root]!) - depthOf(findings[b.root]!) || a.root - b.root);

  const ordered: Finding[] = [];
  const groups: FindingGroup[] = [];
  for (const { root, rest, severity } of members) {
    const at = ordered.push(findings[root]!) - 1;
    const consequences = rest.map((i) => ordered.push(findings[i]!) - 1);
    groups.push({ root: at, consequences, severity });
  }
  return { findings: ordered, groups };
}

/** The finding the verdict names first: the root of the first group with an error, the exit to connect rather than what it causes. */
export function getFirstError(grouped: GroupedFindings): Finding | undefined {
  const group = grouped.groups.find((g) => g.severity === 'error');
  return group && grouped.findings[group.root];
}
