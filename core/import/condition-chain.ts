import type { ConditionTest, NodeOfKind } from '../schema/flow.ts';
import type { ImportContext } from './import-context.ts';

/** One test of a chain; `negate` when the source asked the opposite (`not_equal_to`, `is_blank`). */
export interface ChainTest {
  test: ConditionTest;
  negate?: boolean;
}

/** A route the source picks when all its tests hold. */
export interface ChainBranch {
  tests: ChainTest[];
  target: string | undefined;
}

/** Offset of each added link below the first in the designer, so the nodes do not overlap. */
const LINK_SPACING = 120;

/**
 * Adds a multi-way branch as linked `condition` nodes, since a condition has only `then` and
 * `else`: each test that holds passes to the next test of its branch (or the branch's target),
 * each that fails falls through to the next branch, and the last falls to `elseTarget`.
 * The first link gets `firstId`, so transitions into the source widget still arrive.
 * `emptyTest` stands in when there is no branch at all, with both exits to `elseTarget`.
 */
export function addConditionChain(
  ctx: ImportContext,
  firstId: string,
  branches: ChainBranch[],
  elseTarget: string | undefined,
  meta: { label?: string | undefined; description?: string | undefined; emptyTest: ConditionTest },
): void {
  const links = branches.flatMap((branch, branchIndex) =>
    branch.tests.map((test, testIndex) => ({ branchIndex, testIndex, test })),
  );
  const ids = links.map((_, index) => (index === 0 ? firstId : ctx.ids.fresh(firstId)));
  const extras = { ...(meta.label !== undefined ? { label: meta.label } : {}), ...(meta.description !== undefined ? { description: meta.description } : {}) };
  if (links.length === 0) {
    ctx.nodes.set(firstId, createLink(extras, meta.emptyTest, elseTarget, elseTarget));
    return;
  }
  const firstOfBranch = (branchIndex: number): string | undefined => {
    for (let b = branchIndex; b < branches.length; b++) {
      const index = links.findIndex((link) => link.branchIndex === b);
      if (index >= 0) return ids[index];
    }
    return elseTarget;
  };
  const origin = ctx.positions.get(firstId);
  links.forEach((link, index) => {
    const id = ids[index] ?? firstId;
    const branch = branches[link.branchIndex];
    const lastTest = branch === undefined || link.testIndex === branch.tests.length - 1;
    const pass = lastTest ? branch?.target : ids[index + 1];
    const fail = firstOfBranch(link.branchIndex + 1);
    const [then, otherwise] = link.test.negate ? [fail, pass] : [pass, fail];
    ctx.nodes.set(id, createLink(extras, link.test.test, then, otherwise));
    if (index > 0 && origin) ctx.positions.set(id, { x: origin.x, y: origin.y + LINK_SPACING * index });
  });
}

/** One link, its exits assigned only where they go somewhere: spreads built a throwaway object per exit. */
function createLink(extras: { label?: string; description?: string }, test: ConditionTest, then: string | undefined, otherwise: string | undefined): NodeOfKind<'condition'> {
  const link: NodeOfKind<'condition'> = { kind: 'condition', ...extras, test };
  if (then !== undefined) link.then = then;
  if (otherwise !== undefined) link.else = otherwise;
  return link;
}
