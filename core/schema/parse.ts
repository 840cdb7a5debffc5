import type { z } from 'zod';
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

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
  }
  if (issue.code === 'invalid_key') {
    const key = String(issue.path.at(-1));
    return `invalid id "${key}": ${issue.issues[0]?.message ?? issue.message}`;
  }
  return issue.message;
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
    const nodeId = issue.path[0] === 'nodes' && typeof issue.path[1] === 'string' ? issue.path[1] : undefined;
    return { path: toDottedPath(issue.path), message: describeIssue(issue), ...(nodeId ? { nodeId } : {}) };
  });
  return { ok: false, issues };
}
