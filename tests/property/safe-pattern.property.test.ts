import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePattern, type PatternNode } from '../../core/schema/safe-pattern.ts';

// The safe subset promises that a backtracking matcher (JavaScript's) reads any
// input one way only. This counts the steps of such a matcher, a model of
// the engine's search, exploring every path as a failing match does, and
// holds them to a bound linear in the input for each start position.

const STEP_LIMIT = 2_000_000;

class TooManySteps extends Error {}

/** Steps a backtracking search takes to try `tree` at every start of `input` and explore every path (the worst case). */
function countSearchSteps(tree: PatternNode, input: string): number {
  let steps = 0;
  const inRanges = (node: Extract<PatternNode, { type: 'char' }>, unit: number) => node.ranges.some(([a, b]) => unit >= a && unit <= b);
  const match = (node: PatternNode, at: number, then: (next: number) => boolean): boolean => {
    if (++steps > STEP_LIMIT) throw new TooManySteps();
    switch (node.type) {
      case 'char':
        return at < input.length && inRanges(node, input.charCodeAt(at)) && then(at + 1);
      case 'anchor':
        return (node.at === 'start' ? at === 0 : at === input.length) && then(at);
      case 'sequence': {
        const from = (index: number, position: number): boolean =>
          index === node.items.length ? then(position) : match(node.items[index]!, position, (next) => from(index + 1, next));
        return from(0, at);
      }
      case 'alternation':
        return node.branches.some((branch) => match(branch, at, then));
      case 'repeat': {
        // greedy, with the engine's rule that an iteration matching nothing ends the loop
        const repeat = (count: number, position: number): boolean => {
          if (++steps > STEP_LIMIT) throw new TooManySteps();
          if (count < node.max && match(node.body, position, (next) => (next === position && count >= node.min ? false : repeat(count + 1, next)))) return true;
          return count >= node.min && then(position);
        };
        return repeat(0, at);
      }
    }
  };
  for (let start = 0; start <= input.length; start++) match(tree, start, () => false);
  return steps;
}

function treeSize(node: PatternNode): number {
  switch (node.type) {
    case 'sequence':
      return 1 + node.items.reduce((sum, item) => sum + treeSize(item), 0);
    case 'alternation':
      return 1 + node.branches.reduce((sum, branch) => sum + treeSize(branch), 0);
    case 'repeat':
      // counted repetition is walked once per count
      return 1 + treeSize(node.body) * Math.max(1, Math.min(node.max, 64));
    default:
      return 1;
  }
}

const atom = fc.constantFrom('0', '1', '5', '#', '\\*', '\\d', '[0-4]', '[5-9]', '[^0]', '.');
const quantifier = fc.constantFrom('', '', '', '', '', '*', '+', '?', '{2}', '{3}', '{1,3}', '{0,2}', '{2,}', '+?');
const pattern: fc.Arbitrary<string> = fc.letrec<{ expr: string; term: string }>((tie) => ({
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(atom, quantifier).map(([a, q]) => a + q),
    fc.tuple(tie('expr'), quantifier).map(([e, q]) => `(${e})${q}`),
  ),
  expr: fc.array(fc.array(tie('term'), { minLength: 1, maxLength: 4 }).map((terms) => terms.join('')), { minLength: 1, maxLength: 3 }).map((branches) => branches.join('|')),
})).expr.chain((body) => fc.tuple(fc.boolean(), fc.boolean()).map(([start, end]) => `${start ? '^' : ''}${body}${end ? '$' : ''}`));

/** Inputs that make backtracking work hardest: one key pressed up to 64 times, and mixed keys. */
const worstInputs = (length: number, mixed: string) => [...'0159#*'].map((key) => key.repeat(length)).concat([mixed.slice(0, length)]);

describe('the safe pattern subset', () => {
  it('bounds the search steps for every pattern it accepts: linear in the input per start position', () => {
    let accepted = 0;
    fc.assert(
      fc.property(pattern, fc.stringMatching(/^[0-9#*]{64}$/), fc.integer({ min: 1, max: 64 }), (source, mixed, length) => {
        const parsed = parsePattern(source);
        if (!parsed.ok) return;
        accepted++;
        const bound = (length + 1) * (length + 2) * (treeSize(parsed.tree) + 1) * 2;
        for (const input of worstInputs(length, mixed)) {
          expect(countSearchSteps(parsed.tree, input), `${source} on ${input}`).toBeLessThanOrEqual(bound);
        }
      }),
      { seed: 20261124, numRuns: 3000 },
    );
    // the generator must reach the interesting part of the space
    expect(accepted).toBeGreaterThan(150);
  });

  it('the model sees the blow-up the subset refuses', () => {
    // The same model counts past any such bound on refused patterns, so the property above has teeth.
    for (const source of ['^(\\d+)+0$', '(\\d+)+$', '(0|0)*1', '(\\d|\\d\\d)+#', '\\d*\\d*\\d*\\d*#']) {
      expect(parsePattern(source).ok, source).toBe(false);
      const tree = parsePatternTree(source);
      expect(() => countSearchSteps(tree, '0'.repeat(40))).toThrow(TooManySteps);
    }
  });
});

/** The tree of a pattern the subset refuses, parsed with the checks left out, for the model. */
function parsePatternTree(source: string): PatternNode {
  const result = parsePattern(source, { checks: false });
  if (!result.ok) throw new Error(result.problem);
  return result.tree;
}
