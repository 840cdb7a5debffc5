import { getTargetFields } from '../nodes/registry.ts';
import type { Calendars } from '../schema/flow.ts';
import { toFirstIssueText, toIssueText } from '../schema/issue-text.ts';
import { parseFlow } from '../schema/parse.ts';
import type { ImportContext } from './import-context.ts';
import type { ForeignFormat, ImportResult } from './types.ts';

/**
 * Turns what an importer built into the result: the flow checked by `parseFlow`. A node the
 * schema still refuses (a mapping bug, not an odd export) is replaced by a placeholder rather
 * than failing the whole import, and reported as a lost route.
 */
export function finishImport(
  format: ForeignFormat,
  ctx: ImportContext,
  meta: { name: string | undefined; description?: string | undefined; entry: string; calendars?: Calendars },
): ImportResult {
  const toFlow = (withUi: boolean): Record<string, unknown> => ({
    // an export with no name of its own makes a flow without one, which goes by its file's id: a
    // shared "Imported flow" made every such file look alike in reports and the designer's list
    ...(meta.name !== undefined ? { name: meta.name } : {}),
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    ...(meta.calendars !== undefined && Object.keys(meta.calendars).length > 0 ? { calendars: meta.calendars } : {}),
    entry: meta.entry,
    nodes: ctx.nodes.record,
    ...(withUi && ctx.positions !== undefined && !ctx.positions.isEmpty ? { ui: { positions: ctx.positions.record } } : {}),
  });
  const first = parseFlow(toFlow(true));
  if (first.ok) return { ok: true, format, flow: first.flow, findings: ctx.findings.all };

  for (const issue of first.issues) {
    const node = issue.nodeId !== undefined ? ctx.nodes.get(issue.nodeId) : undefined;
    if (issue.nodeId === undefined || node === undefined) continue;
    // Every node id the node names, in the order it writes them; the registry knows which fields hold one.
    const kept = [...new Set(getTargetFields(node).map((field) => field.target))];
    ctx.nodes.set(issue.nodeId, {
      kind: 'say',
      description: `Unmappable ${node.kind} node`,
      prompt: `(${node.kind} node not imported)`,
      ...(kept[0] !== undefined ? { next: kept[0] } : {}),
    });
    ctx.findings.lose(issue.nodeId, `the imported ${node.kind} node did not fit the flow format (${toIssueText(issue)}): it became a placeholder prompt${kept.length > 1 ? ` that only goes on to "${kept[0]}"` : ''}`);
  }
  const repaired = parseFlow(toFlow(!first.issues.some((issue) => issue.path.startsWith('ui'))));
  if (repaired.ok) return { ok: true, format, flow: repaired.flow, findings: ctx.findings.all };
  return { ok: false, format, message: `The import produced a flow that does not parse (${toFirstIssueText(repaired.issues)})` };
}
