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
  // plain loops over the branches' tests: a link object per test, callbacks and a search per link were most of a chain's garbage
  const extras = toLinkExtras(meta);
  const ids = claimLinkIds(ctx, firstId, branches);
  if (ids.length === 0) {
    ctx.nodes.set(firstId, createLink(extras, meta.emptyTest, elseTarget, elseTarget));
    return;
  }
  const starts = getBranchStarts(branches, ids, elseTarget);
  const { positions } = ctx;
  const origin = positions?.get(firstId);
  let index = 0;
  for (let branchIndex = 0; branchIndex < branches.length; branchIndex++) {
    const { tests, target } = branches[branchIndex]!;
    // a test that fails falls through to the next branch
    const fail = starts[branchIndex + 1];
    for (let testIndex = 0; testIndex < tests.length; testIndex++, index++) {
      const id = ids[index]!;
      const pass = testIndex === tests.length - 1 ? target : ids[index + 1];
      const { test, negate } = tests[testIndex]!;
      ctx.nodes.set(id, negate ? createLink(extras, test, fail, pass) : createLink(extras, test, pass, fail));
      if (index > 0 && positions && origin) positions.set(id, { x: origin.x, y: origin.y + LINK_SPACING * index });
    }
  }
}

/** The node id of every link in order: `firstId` for the first, fresh ids after it. */
function claimLinkIds(ctx: ImportContext, firstId: string, branches: readonly ChainBranch[]): string[] {
  const ids: string[] = [];
  for (const { tests } of branches) {
    for (let testIndex = 0; testIndex < tests.length; testIndex++) ids.push(ids.length === 0 ? firstId : ctx.ids.fresh(firstId));
  }
  return ids;
}

/** Where each branch starts: its first link, or the next branch's start where it has no test; `elseTarget` past the last. */
function getBranchStarts(branches: readonly ChainBranch[], ids: readonly string[], elseTarget: string | undefined): Array<string | undefined> {
  const starts: Array<string | undefined> = new Array<string | undefined>(branches.length + 1);
  starts[branches.length] = elseTarget;
  let linkIndex = ids.length;
  for (let branchIndex = branches.length - 1; branchIndex >= 0; branchIndex--) {
    const { tests } = branches[branchIndex]!;
    linkIndex -= tests.length;
    starts[branchIndex] = tests.length > 0 ? ids[linkIndex] : starts[branchIndex + 1];
  }
  return starts;
}

/** The label and description every link carries, as one object the links spread; shared where there are neither. */
function toLinkExtras(meta: { label?: string | undefined; description?: string | undefined }): LinkExtras {
  if (meta.label === undefined && meta.description === undefined) return NO_EXTRAS;
  const extras: LinkExtras = {};
  if (meta.label !== undefined) extras.label = meta.label;
  if (meta.description !== undefined) extras.description = meta.description;
  return extras;
}

interface LinkExtras {
  label?: string;
  description?: string;
}

const NO_EXTRAS: LinkExtras = {};

/** One link, its exits assigned only where they go somewhere: spreads built a throwaway object per exit. */
function createLink(extras: LinkExtras, test: ConditionTest, then: string | undefined, otherwise: string | undefined): NodeOfKind<'condition'> {
  const link: NodeOfKind<'condition'> = extras === NO_EXTRAS ? { kind: 'condition', test } : { kind: 'condition', ...extras, test };
  if (then !== undefined) link.then = then;
  if (otherwise !== undefined) link.else = otherwise;
  return link;
}
