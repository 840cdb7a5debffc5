import { isEmptyDiff } from '../../../core/diff/diff-flows.ts';
import type { DiffVerdict, FieldChange, FlowDiff, NodeSummary } from '../../../core/diff/types.ts';
import type { Severity } from '../../../core/lint/types.ts';
import type { Flow } from '../../../core/schema/flow.ts';

// A FlowDiff (core/diff) in the History panel's words: nodes by their labels
// with ids beside them, values before → after, "no person" for no path. The
// diff itself is core's; this only names what it lists.

/** A node as the panel shows it: its label first, its id secondary. */
export interface DiffNodeName {
  nodeId: string;
  /** the label, or the id when the node has none */
  name: string;
  kind: string;
}

/** One figure before and after; `changed` false when only another figure of the row moved. */
export interface DiffValue {
  before: string;
  after: string;
  changed: boolean;
}

export interface DiffReachRow {
  node: DiffNodeName;
  best: DiffValue;
  worst: DiffValue;
  seconds: DiffValue;
}

export interface DiffFindingRow {
  severity: Severity;
  message: string;
  /** undefined for a finding about the whole flow */
  node?: DiffNodeName;
}

/** A field in words and how it changed: `set` (new), `removed`, or `changed` (both values). */
export interface DiffFieldRow {
  words: string;
  before?: string;
  after?: string;
}

export interface DiffRouteRow {
  change: 'added' | 'removed' | 'changed';
  node: DiffNodeName;
  /** the exit in words, e.g. `press 0`, `no input` */
  exit: string;
  /** where it went; undefined for an added route */
  before?: DiffNodeName;
  /** where it goes; undefined for a removed route */
  after?: DiffNodeName;
}

export interface DiffView {
  /** nothing a caller would notice changed */
  empty: boolean;
  verdict: { before: DiffVerdictView; after: DiffVerdictView };
  reach: DiffReachRow[];
  findings: { appeared: DiffFindingRow[]; cleared: DiffFindingRow[] };
  /** the flow's own fields: name, settings, rules */
  flow: DiffFieldRow[];
  nodes: { added: DiffNodeName[]; removed: DiffNodeName[]; changed: Array<{ node: DiffNodeName; fields: DiffFieldRow[] }> };
  routes: DiffRouteRow[];
}

export interface DiffVerdictView {
  text: string;
  /** the guarantee holds: no error */
  ok: boolean;
}

/** What a caller-facing figure says when no person can be reached from the node. */
export const NO_PERSON = 'no person';

/** The node's label in the newer version, else the older; the id when neither has one. */
function createNodeNamer(before: Flow, after: Flow): (nodeId: string, summary?: NodeSummary) => DiffNodeName {
  return (nodeId, summary) => {
    const node = (Object.hasOwn(after.nodes, nodeId) ? after.nodes[nodeId] : undefined) ?? (Object.hasOwn(before.nodes, nodeId) ? before.nodes[nodeId] : undefined);
    const label = summary?.label ?? node?.label;
    return { nodeId, name: label === undefined || label.trim() === '' ? nodeId : label, kind: summary?.kind ?? node?.kind ?? 'node' };
  };
}

const toFigure = (value: number | null, unit = ''): string => (value === null ? NO_PERSON : `${value}${unit}`);

function toDiffValue(before: number | null, after: number | null, unit = ''): DiffValue {
  return { before: toFigure(before, unit), after: toFigure(after, unit), changed: before !== after };
}

const toFieldRow = ({ words, before, after }: FieldChange): DiffFieldRow => ({ words, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });

const toVerdictView = (verdict: DiffVerdict): DiffVerdictView => ({ text: verdict.text, ok: verdict.errorCount === 0 });

/** The diff of `before` → `after` (as diffFlows returned it) named for the panel. */
export function toDiffView(diff: FlowDiff, before: Flow, after: Flow): DiffView {
  const name = createNodeNamer(before, after);
  const toFindingRow = (finding: FlowDiff['findings']['appeared'][number]): DiffFindingRow => ({
    severity: finding.severity,
    message: finding.message,
    ...(finding.nodeId !== undefined ? { node: name(finding.nodeId) } : {}),
  });
  return {
    empty: isEmptyDiff(diff),
    verdict: { before: toVerdictView(diff.verdict.before), after: toVerdictView(diff.verdict.after) },
    reach: diff.reach.map((change) => ({
      node: name(change.nodeId),
      best: toDiffValue(change.before.best, change.after.best),
      worst: toDiffValue(change.before.worst, change.after.worst),
      seconds: toDiffValue(change.before.seconds, change.after.seconds, ' s'),
    })),
    findings: { appeared: diff.findings.appeared.map(toFindingRow), cleared: diff.findings.cleared.map(toFindingRow) },
    flow: diff.flow.map(toFieldRow),
    nodes: {
      added: diff.nodes.added.map((node) => name(node.nodeId, node)),
      removed: diff.nodes.removed.map((node) => name(node.nodeId, node)),
      changed: diff.nodes.changed.map((node) => ({ node: name(node.nodeId, node), fields: node.fields.map(toFieldRow) })),
    },
    routes: [
      ...diff.routes.removed.map((route): DiffRouteRow => ({ change: 'removed', node: name(route.nodeId), exit: route.exit, before: name(route.target) })),
      ...diff.routes.added.map((route): DiffRouteRow => ({ change: 'added', node: name(route.nodeId), exit: route.exit, after: name(route.target) })),
      ...diff.routes.changed.map((route): DiffRouteRow => ({ change: 'changed', node: name(route.nodeId), exit: route.exit, before: name(route.before), after: name(route.after) })),
    ],
  };
}
