import type { Analysis } from '../../../core/solver/analyze.ts';
import { getClosingNodes } from '../../../core/solver/closing.ts';
import type { Finding, LintResult } from '../../../core/lint/types.ts';
import { countOf } from '../../../core/format/words.ts';
import { toDiffVerdict } from '../../../core/diff/diff-flows.ts';

/** A node's badge: caller steps to a person, best and worst case; null where no person can be reached. */
export interface StepBadge {
  best: number | null;
  worst: number | null;
  /** set where the call only ends (a hang-up, or only steps to one) or takes a message from here: no person there is by design, not a fault */
  final?: true;
}

const finite = (value: number | undefined): number | null => (value === undefined || value === Infinity ? null : value);

/**
 * Each node's badge (`toOwnId` names a graph node by its id in the open flow; undefined for another flow's). A badge equal to the one in `previous` is that same object, so a card
 * selecting its badge redraws only when its own figures change.
 */
export function getStepBadges(
  analysis: Analysis,
  previous: Readonly<Record<string, StepBadge>> = {},
  toOwnId: (graphId: string) => string | undefined = (graphId) => graphId,
): Record<string, StepBadge> {
  const badges: Record<string, StepBadge> = {};
  const { graph } = analysis;
  // a dead end (an unconnected exit) is a fault, not an ending: only real hang-ups close here
  const closing = getClosingNodes(graph, { unconnectedExitsClose: false });
  graph.ids.forEach((graphId, node) => {
    // a line's graph holds other flows' nodes too: only the open flow's get badges
    const id = toOwnId(graphId);
    if (id === undefined) return;
    const best = finite(analysis.best.value[node]);
    const worst = finite(analysis.worst.value[node]);
    const final = closing[node] === 1 || graph.role[node] === 'followUp' ? true : undefined;
    const old = Object.hasOwn(previous, id) ? previous[id] : undefined;
    badges[id] = old !== undefined && old.best === best && old.worst === worst && old.final === final ? old : { best, worst, ...(final && { final }) };
  });
  return badges;
}

/** The header line: the guarantee, or how many errors break it and the one to fix first (`firstError`, else the first listed). */
export function getVerdict(result: LintResult, maxSteps: number, firstError?: Finding): string {
  // the same words as humanline diff's verdict; with errors, the header also names the one to fix first
  if (result.errorCount === 0) return toDiffVerdict(result, maxSteps).text;
  const first = firstError ?? result.findings.find((finding) => finding.severity === 'error')!;
  const where = first.nodeId !== undefined ? ` at ${first.nodeId}` : '';
  return `${countOf(result.errorCount, 'error')} ${result.errorCount === 1 ? 'breaks' : 'break'} the guarantee; first: ${first.ruleId}${where}: ${first.message}`;
}
