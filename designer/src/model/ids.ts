import { NodeIdSchema } from '../../../core/schema/flow.ts';
import { toFirstIssueText } from '../../../core/schema/issue-text.ts';

/** Why `id` cannot name a node, or null when it can. */
export function getNodeIdProblem(id: string): string | null {
  const result = NodeIdSchema.safeParse(id);
  return result.success ? null : `"${id}" is not a valid node id: ${toFirstIssueText(result.error.issues)}`;
}

/** `menu_2` -> `menu`: a copy of a copy counts on from the same base, not `menu_2_1`. */
export function getIdBase(id: string): string {
  return id.replace(/_\d+$/, '') || id;
}

/** The first `${base}_${n}` (n = 1, 2, ...) that `isTaken` refuses. */
export function getFreshNodeId(base: string, isTaken: (id: string) => boolean): string {
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!isTaken(id)) return id;
  }
}
