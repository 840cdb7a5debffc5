import { describeIssue } from './describe-issue.ts';
import { compileFastCheck, type FastCheck } from './fast-check.ts';
import { FlowSchema, type Flow } from './flow.ts';

/** One problem with the shape of a flow file, located by its dotted JSON path. */
export interface SchemaIssue {
  /** dotted path into the file, e.g. `nodes.main.options.0.next`; empty for the whole file */
  path: string;
  message: string;
  /** the node the problem sits in, when it sits in one */
  nodeId?: string;
}

export type ParseResult = { ok: true; flow: Flow } | { ok: false; issues: SchemaIssue[] };

export function toDottedPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

let isValidFlow: FastCheck | undefined;

/** Parses untrusted input as a flow; never throws. A valid flow comes back as the same object. */
export function parseFlow(input: unknown): ParseResult {
  // The fast check says yes only where zod would return the input unchanged.
  isValidFlow ??= compileFastCheck(FlowSchema);
  if (isValidFlow(input)) return { ok: true, flow: input as Flow };
  const result = FlowSchema.safeParse(input);
  if (result.success) return { ok: true, flow: result.data };
  const issues = result.error.issues.map((issue): SchemaIssue => {
    const { path, message } = describeIssue(issue, input);
    const nodeId = path[0] === 'nodes' && typeof path[1] === 'string' ? path[1] : undefined;
    return { path: toDottedPath(path), message, ...(nodeId ? { nodeId } : {}) };
  });
  return { ok: false, issues };
}
