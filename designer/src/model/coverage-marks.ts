import { z } from 'zod';
import { countOf } from '../../../core/format/words.ts';
import { getExits } from '../../../core/nodes/registry.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { toFirstIssueText } from '../../../core/schema/issue-text.ts';
import { parseJsonText } from '../../../core/schema/json-text.ts';
import type { Coverage } from '../../../core/testing/coverage.ts';
import { toEdgeId } from './canvas-types.ts';

// A coverage report of `humanline test --coverage -f json`, read at the designer's
// edge: which exits and nodes of the open flow no test walked, for the canvas to mark.

/** Larger than any report of a 1,000-node flow; a bigger file is refused before it is parsed. */
export const COVERAGE_REPORT_MAX_CHARS = 32 * 1024 * 1024;

const RatioSchema = z
  .object({ walked: z.number().int().nonnegative(), total: z.number().int().nonnegative() })
  .refine((ratio) => ratio.walked <= ratio.total, { message: 'walks more than there is' });

// Not strict: the CLI writes this file, and a newer CLI may add fields the designer has no use for.
const FlowCoverageSchema = z.object({
  flowId: z.string().min(1),
  flow: z.string(),
  name: z.string().optional(),
  nodes: z.object({ reachable: RatioSchema, all: RatioSchema }),
  edges: z.object({ reachable: RatioSchema, all: RatioSchema }),
  uncoveredNodes: z.array(z.string()),
  uncoveredEdges: z.array(z.object({ nodeId: z.string(), exitId: z.string(), label: z.string() })),
}) satisfies z.ZodType<Coverage & { flowId: string; flow: string; name?: string | undefined }>;

export type FlowCoverage = z.infer<typeof FlowCoverageSchema>;

/** What every JSON report of `humanline test` has: its scenarios; `coverage` only with `--coverage`. */
const TestReportSchema = z.object({ scenarios: z.array(z.unknown()), coverage: z.unknown().optional() });

/** What the canvas marks of a report, kept to what the open flow still has. */
export interface CoverageMarks {
  /** the flow the marks are on, by its file name: only its canvas draws them */
  flowId: string;
  /** the file the report was read from, as the user picked it */
  fileName: string;
  /** exits of the flow the tests walked, out of all its exits, as the report counted them */
  edges: { walked: number; total: number };
  /** edge ids (`node:exit`, as the canvas names edges) of exits no test took */
  uncoveredExits: ReadonlySet<string>;
  /** nodes no test entered */
  uncoveredNodes: ReadonlySet<string>;
}

export type CoverageReading = { ok: true; marks: CoverageMarks } | { ok: false; message: string };

const NOT_A_REPORT = 'is not a coverage report of humanline test';

/** The JSON file is a report of `humanline test` (with or without coverage), not a flow or an export. */
export function isTestReport(data: unknown): boolean {
  return TestReportSchema.safeParse(data).success;
}

/** Reads a coverage report for the flow saved as `flowId`; the refusal says what the file is instead. */
export function readCoverageReport(fileName: string, text: string, flowId: string | null, flow: Flow): CoverageReading {
  if (text.length > COVERAGE_REPORT_MAX_CHARS) return { ok: false, message: `${fileName} is too large for a coverage report (over 32 MB)` };
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, message: `${fileName} is not JSON: ${parsed.message}` };
  const report = TestReportSchema.safeParse(parsed.data);
  if (!report.success) return { ok: false, message: `${fileName} ${NOT_A_REPORT}: write one with \`humanline test --coverage -f json -o report.json\`` };
  if (report.data.coverage === undefined) return { ok: false, message: `${fileName} has no coverage: it was written without --coverage (run \`humanline test --coverage -f json\`)` };
  const coverage = z.array(FlowCoverageSchema).safeParse(report.data.coverage);
  if (!coverage.success) return { ok: false, message: `${fileName} ${NOT_A_REPORT}: ${toFirstIssueText(coverage.error.issues, ['coverage'])}` };
  if (flowId === null) return { ok: false, message: 'Save this flow first: a coverage report names flows by their file name' };
  const covered = coverage.data.find((entry) => entry.flowId === flowId);
  if (covered === undefined) {
    const others = coverage.data.map((entry) => entry.flowId);
    const covers = others.length === 0 ? 'it covers no flow' : `it covers ${others.join(', ')}`;
    return { ok: false, message: `The report has no coverage for flow ${flowId}: ${covers}` };
  }
  return { ok: true, marks: keepExistingMarks(toCoverageMarks(fileName, covered), flow) };
}

export function toCoverageMarks(fileName: string, coverage: FlowCoverage): CoverageMarks {
  return {
    flowId: coverage.flowId,
    fileName,
    edges: { walked: coverage.edges.all.walked, total: coverage.edges.all.total },
    uncoveredExits: new Set(coverage.uncoveredEdges.map((edge) => toEdgeId(edge.nodeId, edge.exitId))),
    uncoveredNodes: new Set(coverage.uncoveredNodes),
  };
}

/**
 * The marks of exits and nodes `flow` still has: an edit that removes an exit drops its mark for good.
 * The same object when nothing was dropped, so the canvas redraws nothing.
 */
export function keepExistingMarks(marks: CoverageMarks, flow: Flow): CoverageMarks {
  const exits = new Set<string>();
  for (const [nodeId, node] of Object.entries(flow.nodes)) for (const exit of getExits(node)) exits.add(toEdgeId(nodeId, exit.id));
  const uncoveredExits = [...marks.uncoveredExits].filter((id) => exits.has(id));
  const uncoveredNodes = [...marks.uncoveredNodes].filter((id) => Object.hasOwn(flow.nodes, id));
  if (uncoveredExits.length === marks.uncoveredExits.size && uncoveredNodes.length === marks.uncoveredNodes.size) return marks;
  return { ...marks, uncoveredExits: new Set(uncoveredExits), uncoveredNodes: new Set(uncoveredNodes) };
}

/** `Tests walk 41 of 52 exits (78%)`: rounded down, so a line one exit short never reads 100%. */
export function describeCoverage(marks: CoverageMarks): string {
  const { walked, total } = marks.edges;
  const percent = total === 0 ? 100 : Math.floor((walked / total) * 100);
  return `Tests walk ${walked} of ${countOf(total, 'exit')} (${percent}%)`;
}
