import { describe, expect, it } from 'vitest';
import { toIgnoreMatcher } from '../../cli/ignore-patterns.ts';

describe('ignores patterns', () => {
  it.each([
    ['fixtures/**', 'fixtures/a.json', true],
    ['fixtures/**', 'fixtures/deep/a.json', true],
    ['fixtures/**', 'other/fixtures/a.json', false],
    ['fixtures/**', 'fixtures.json', false],
    ['fixtures/', 'fixtures/deep/a.json', true],
    ['**/*.draft.json', 'a.draft.json', true],
    ['**/*.draft.json', 'flows/deep/a.draft.json', true],
    ['**/*.draft.json', 'flows/a.json', false],
    ['*.draft.json', 'a.draft.json', true],
    ['*.draft.json', 'flows/a.draft.json', false],
    ['flows/*/old.json', 'flows/x/old.json', true],
    ['flows/*/old.json', 'flows/x/y/old.json', false],
    ['flows/**/old.json', 'flows/old.json', true],
    ['flows/?.json', 'flows/a.json', true],
    ['flows/?.json', 'flows/ab.json', false],
    ['flows/?.json', 'flows//.json', false],
    ['a+b(1).json', 'a+b(1).json', true],
    ['a.json', 'abjson', false],
  ])('%s on %s: %s', (pattern, file, ignored) => {
    expect(toIgnoreMatcher([pattern])(file)).toBe(ignored);
  });

  it('matches when any pattern does, and never with none', () => {
    expect(toIgnoreMatcher(['x/**', 'y.json'])('y.json')).toBe(true);
    expect(toIgnoreMatcher([])('y.json')).toBe(false);
  });

  it('stays fast on a pattern of many stars', () => {
    const started = performance.now();
    expect(toIgnoreMatcher(['*a*a*a*a*a*a*a*a*a*a*b'])(`${'a'.repeat(200)}.json`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
