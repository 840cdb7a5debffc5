import { countOf } from '../format/words.ts';
import { getMaxSteps, lintParsedFlow, type LintOptions } from '../lint/linter.ts';
import type { Finding, LintResult } from '../lint/types.ts';
import { getExits, getTargetFields } from '../nodes/registry.ts';
import type { Flow, FlowNode } from '../schema/flow.ts';
import type { Analysis } from '../solver/analyze.ts';
import { getFieldChanges } from './field-changes.ts';
import type { DiffVerdict, FlowDiff, NodeChange, NodeSummary, Reach, ReachChange, Route, RouteChange } from './types.ts';

/** One version linted, with what the diff reads of it. */
interface Version {
  flow: Flow;
  result: LintResult;
  analysis: Analysis;
  maxSteps: number;
}

function toVersion(flow: Flow, options: Omit<LintOptions, 'file'>): Version {
  const { result, analysis } = lintParsedFlow(flow, options);
  return { flow, result, analysis, maxSteps: getMaxSteps(flow, options) };
}

function toNodeSummary(nodeId: string, node: FlowNode): NodeSummary {
  return { nodeId, kind: node.kind, ...(node.label !== undefined ? { label: node.label } : {}) };
}

/** How far from the entry a caller meets the node; a node no call reaches comes last. */
function getDepth(version: Version, nodeId: string): number {
  const index = version.analysis.graph.indexOf.get(nodeId);
  const depth = index === undefined ? -1 : version.analysis.reachable.depth[index]!;
  return depth < 0 ? Infinity : depth;
}

/**
 * Nodes in the order callers meet them in either version (the nearer of the
 * two), then by id: the same order whichever version comes first.
 */
function getCallerOrder(before: Version, after: Version): string[] {
  const ids = [...new Set([...Object.keys(before.flow.nodes), ...Object.keys(after.flow.nodes)])];
  const depth = new Map(ids.map((id) => [id, Math.min(getDepth(before, id), getDepth(after, id))]));
  return ids.sort((a, b) => depth.get(a)! - depth.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
}

/** A node's connected routes by exit words; a second `press 1` (a duplicate key) is `press 1 (2)`. */
function getRoutes(node: FlowNode | undefined): Map<string, string> {
  const routes = new Map<string, string>();
  if (node === undefined) return routes;
  const seen = new Map<string, number>();
  for (const exit of getExits(node)) {
    const count = (seen.get(exit.label) ?? 0) + 1;
    seen.set(exit.label, count);
    if (exit.target !== undefined) routes.set(count === 1 ? exit.label : `${exit.label} (${count})`, exit.target);
  }
  return routes;
}

/** The fields that hold routes: compared as routes, not as fields. */
function getRouteFields(...nodes: Array<FlowNode | undefined>): Set<string> {
  const fields = new Set<string>();
  for (const node of nodes) {
    if (node === undefined) continue;
    for (const exit of getExits(node)) fields.add(exit.id);
    for (const { path } of getTargetFields(node)) fields.add(path);
  }
  return fields;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function getReach(version: Version, nodeId: string): Reach {
  const index = version.analysis.graph.indexOf.get(nodeId)!;
  const finite = (value: number | undefined) => (value === undefined || value === Infinity ? null : value);
  const seconds = finite(version.analysis.seconds.value[index]);
  return {
    best: finite(version.analysis.best.value[index]),
    worst: finite(version.analysis.worst.value[index]),
    seconds: seconds === null ? null : Math.round(seconds),
  };
}

const sameReach = (a: Reach, b: Reach): boolean => a.best === b.best && a.worst === b.worst && a.seconds === b.seconds;

/** The one key findings are matched by: a finding that moved to another node, or now says another thing, is another finding. */
const toFindingKey = (finding: Finding): string => JSON.stringify([finding.ruleId, finding.nodeId ?? null, finding.message]);

/** The findings of `findings` that `others` has not, each match used once. */
function subtractFindings(findings: readonly Finding[], others: readonly Finding[]): Finding[] {
  const left = new Map<string, number>();
  for (const finding of others) left.set(toFindingKey(finding), (left.get(toFindingKey(finding)) ?? 0) + 1);
  return findings.filter((finding) => {
    const key = toFindingKey(finding);
    const count = left.get(key) ?? 0;
    if (count === 0) return true;
    left.set(key, count - 1);
    return false;
  });
}

/** The header's line in short: the guarantee, or how many errors break it. */
export function toDiffVerdict(result: Pick<LintResult, 'errorCount' | 'warningCount'>, maxSteps: number): DiffVerdict {
  const { errorCount, warningCount } = result;
  const warnings = warningCount > 0 ? ` (${countOf(warningCount, 'warning')})` : '';
  const text =
    errorCount === 0
      ? `Every caller reaches a person within ${countOf(maxSteps, 'step')}${warnings}`
      : `${countOf(errorCount, 'error')} ${errorCount === 1 ? 'breaks' : 'break'} the guarantee${warnings}`;
  return { errorCount, warningCount, maxSteps, text };
}

/**
 * What changes for callers from `before` to `after`: nodes and routes added,
 * removed and changed, the nodes whose steps or seconds to a person moved,
 * the findings that appeared or cleared, and the verdict of each. Pure: the
 * designer and the CLI call it alike; `options` are the linter's.
 */
export function diffFlows(before: Flow, after: Flow, options: Omit<LintOptions, 'file'> = {}): FlowDiff {
  const old = toVersion(before, options);
  const now = toVersion(after, options);
  const diff: FlowDiff = {
    // `ui` is the designer's layout (card positions, the view): moving a card changes nothing a caller meets
    flow: getFieldChanges({ ...before, nodes: undefined, $schema: undefined, ui: undefined }, { ...after, nodes: undefined, $schema: undefined, ui: undefined }),
    nodes: { added: [], removed: [], changed: [] },
    routes: { added: [], removed: [], changed: [] },
    reach: [],
    findings: { appeared: subtractFindings(now.result.findings, old.result.findings), cleared: subtractFindings(old.result.findings, now.result.findings) },
    verdict: { before: toDiffVerdict(old.result, old.maxSteps), after: toDiffVerdict(now.result, now.maxSteps) },
  };

  for (const nodeId of getCallerOrder(old, now)) {
    const beforeNode = Object.hasOwn(before.nodes, nodeId) ? before.nodes[nodeId] : undefined;
    const afterNode = Object.hasOwn(after.nodes, nodeId) ? after.nodes[nodeId] : undefined;
    if (beforeNode === undefined && afterNode !== undefined) diff.nodes.added.push(toNodeSummary(nodeId, afterNode));
    if (afterNode === undefined && beforeNode !== undefined) diff.nodes.removed.push(toNodeSummary(nodeId, beforeNode));
    if (beforeNode !== undefined && afterNode !== undefined) {
      const fields = getFieldChanges(beforeNode, afterNode, getRouteFields(beforeNode, afterNode));
      if (fields.length > 0) diff.nodes.changed.push({ ...toNodeSummary(nodeId, afterNode), fields } satisfies NodeChange);
      const reachBefore = getReach(old, nodeId);
      const reachAfter = getReach(now, nodeId);
      if (!sameReach(reachBefore, reachAfter)) {
        diff.reach.push({ nodeId, ...(afterNode.label !== undefined ? { label: afterNode.label } : {}), before: reachBefore, after: reachAfter } satisfies ReachChange);
      }
    }

    const routesBefore = getRoutes(beforeNode);
    const routesAfter = getRoutes(afterNode);
    for (const exit of [...new Set([...routesBefore.keys(), ...routesAfter.keys()])].sort(byText)) {
      const from = routesBefore.get(exit);
      const to = routesAfter.get(exit);
      if (from === undefined && to !== undefined) diff.routes.added.push({ nodeId, exit, target: to } satisfies Route);
      else if (to === undefined && from !== undefined) diff.routes.removed.push({ nodeId, exit, target: from } satisfies Route);
      else if (from !== to) diff.routes.changed.push({ nodeId, exit, before: from!, after: to! } satisfies RouteChange);
    }
  }
  return diff;
}

/** Whether the new version has errors the old one had not: what fails a pull request. */
export function hasNewErrors(diff: FlowDiff): boolean {
  return diff.findings.appeared.some((finding) => finding.severity === 'error');
}

/** Whether nothing a caller or a report would notice changed. */
export function isEmptyDiff(diff: FlowDiff): boolean {
  const { flow, nodes, routes, reach, findings } = diff;
  return [flow, nodes.added, nodes.removed, nodes.changed, routes.added, routes.removed, routes.changed, reach, findings.appeared, findings.cleared].every(
    (list) => list.length === 0,
  );
}
