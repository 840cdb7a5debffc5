import type { ProjectConfig } from '../../core/lint/config.ts';
import { countFindings, MISSING_FLOW_MESSAGES } from '../../core/lint/findings.ts';
import { getLinkedFlowIds, lintLine } from '../../core/lint/line.ts';
import type { LintedSource } from '../../core/lint/lint-source.ts';
import type { Finding, LintResult } from '../../core/lint/types.ts';
import type { Flow } from '../../core/schema/flow.ts';

// The publish gate for flows that hand calls to each other: a flow is judged in the line it
// joins, made of it and the other flows' published versions, so a goto to a published flow is a
// route like any other and a goto to a flow that is not published is an error at the goto.

/** A flow about to be published: its id, the file the report names, and its lint alone. */
export interface LineCandidate {
  flowId: string;
  file: string;
  linted: LintedSource;
}

/** Another published flow that a publish would break: only the errors it did not have before. */
export interface BrokenFlow {
  flowId: string;
  result: LintResult;
}

/** The candidate's own findings in the line, and (one candidate alone) the flows its publish would break. */
export interface LineVerdict {
  result: LintResult;
  broken: BrokenFlow[];
}

/**
 * The flows linked to `starts`, either way, in any of `lines` (the line before and after a
 * publish): no other flow's verdict can change, so the others are not linted again.
 */
function getLinkedGroup(starts: Iterable<string>, lines: ReadonlyArray<ReadonlyMap<string, Flow>>): Set<string> {
  const neighbours = new Map<string, Set<string>>();
  const join = (from: string, to: string) => neighbours.set(from, (neighbours.get(from) ?? new Set()).add(to));
  for (const line of lines) {
    for (const [flowId, flow] of line) {
      for (const linked of getLinkedFlowIds(flow)) {
        join(flowId, linked);
        join(linked, flowId);
      }
    }
  }
  const group = new Set(starts);
  const queue = [...group];
  for (let flowId = queue.pop(); flowId !== undefined; flowId = queue.pop()) {
    for (const next of neighbours.get(flowId) ?? []) {
      if (group.has(next)) continue;
      group.add(next);
      queue.push(next);
    }
  }
  return group;
}

/** The flows of `flows` whose ids are in `group`. */
function pick(flows: ReadonlyMap<string, Flow>, group: ReadonlySet<string>): Map<string, Flow> {
  return new Map([...flows].filter(([flowId]) => group.has(flowId)));
}

const isError = (finding: Finding) => finding.severity === 'error';
const toErrorKey = (flowId: string, finding: Finding) => `${flowId}\u0000${finding.ruleId}\u0000${finding.nodeId ?? ''}\u0000${finding.message}`;

function lintPublished(flows: ReadonlyMap<string, Flow>, fileOf: (flowId: string) => string, config: ProjectConfig | undefined): Map<string, LintResult> {
  const ids = [...flows.keys()];
  const results = lintLine(
    ids.map((flowId) => ({ file: fileOf(flowId), flowId, flow: flows.get(flowId)! })),
    config ? { config } : {},
  );
  return new Map(ids.map((flowId, index) => [flowId, results[index]!]));
}

/**
 * Judges candidates in the line of `published` (their own published versions replaced), made of
 * the flows linked to them. When none of those links, each keeps its lint alone. A single candidate is also told which other
 * flows would get errors they did not have (a line already broken still takes a fix); several
 * candidates (a start-up) are judged on their own findings only, as nothing was served before.
 */
export function judgeInLine(candidates: readonly LineCandidate[], published: ReadonlyMap<string, Flow>, config?: ProjectConfig): LineVerdict[] {
  const wholeLine = new Map(published);
  const files = new Map<string, string>();
  for (const { flowId, file, linted } of candidates) {
    if (linted.flow === undefined) continue;
    wholeLine.set(flowId, linted.flow);
    files.set(flowId, file);
  }
  const alone = candidates.map(({ linted }) => ({ result: linted.result, broken: [] }));
  const group = getLinkedGroup(files.keys(), [wholeLine, published]);
  const line = pick(wholeLine, group);
  if (![...line.values()].some((flow) => getLinkedFlowIds(flow).length > 0)) return alone;

  const fileOf = (flowId: string) => files.get(flowId) ?? `${flowId}.json`;
  const after = lintPublished(line, fileOf, config);
  const others = [...line.keys()].filter((flowId) => !files.has(flowId) && after.get(flowId)!.errorCount > 0);
  let broken: BrokenFlow[] = [];
  if (candidates.length === 1 && others.length > 0) {
    const before = lintPublished(pick(published, group), (flowId) => `${flowId}.json`, config);
    const known = new Set([...before].flatMap(([flowId, result]) => result.findings.filter(isError).map((finding) => toErrorKey(flowId, finding))));
    broken = others.flatMap((flowId) => {
      const result = after.get(flowId)!;
      const findings = result.findings.filter((finding) => isError(finding) && !known.has(toErrorKey(flowId, finding)));
      return findings.length === 0 ? [] : [{ flowId, result: { ...result, findings, ...countFindings(findings) } }];
    });
  }
  return candidates.map(({ flowId, linted }, index) => {
    if (linted.flow === undefined) return alone[index]!;
    // the importer's findings (a Studio or Connect export) are no lint of the line: kept first
    const importFindings = linted.result.findings.filter((finding) => finding.ruleId === 'import');
    const inLine = after.get(flowId)!;
    const findings = [...importFindings, ...inLine.findings];
    return { result: { ...inLine, findings, ...countFindings(findings) }, broken };
  });
}

/** The first new error of each broken flow, in a sentence: `would break flow brand: missing-target at node "back": …`. */
export function describeBroken(broken: readonly BrokenFlow[]): string {
  return `would break ${broken
    .map(({ flowId, result }) => {
      const first = result.findings[0]!;
      const where = first.nodeId === undefined ? '' : ` at node "${first.nodeId}"`;
      return `flow ${flowId}: ${first.ruleId}${where}: ${first.message}`;
    })
    .join('; ')}`;
}

/** What to do about a goto the line cannot follow, for a refusal's message; empty when no error is one. */
export function describeLinkFix(findings: readonly Finding[]): string {
  const link = findings.find((finding) => isError(finding) && finding.ruleId === 'missing-target' && (MISSING_FLOW_MESSAGES.has(finding.messageId) || finding.messageId === 'missingLinkedNode'));
  if (link === undefined) return '';
  return MISSING_FLOW_MESSAGES.has(link.messageId)
    ? `; the goto at node "${link.nodeId ?? ''}" names a flow that is not published: publish that flow first, or point the goto at a published one`
    : `; the goto at node "${link.nodeId ?? ''}" names a node the published flow does not have: publish a version of it with that node, or point the goto at one it has`;
}
