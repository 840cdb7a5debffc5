import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../core/lint/registry.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const CORE_RULES = ['dead-end', 'endless-loop', 'human-unreachable', 'operator-key', 'silent-caller', 'steps-to-human'];

describe('rule registry', () => {
  it('is sorted by id and has no duplicates', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it('holds the six core rules of the spec as errors with counterexamples', () => {
    for (const id of CORE_RULES) {
      const rule = RULES.find((r) => r.id === id);
      expect(rule, id).toBeDefined();
      expect(rule!.meta).toMatchObject({ severity: 'error', core: true });
    }
  });

  for (const rule of RULES) {
    it(`${rule.id}: has a description, messages, default options, a README entry and a test file`, () => {
      expect(rule.meta.description.length).toBeGreaterThan(20);
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      for (const [id, message] of Object.entries(rule.meta.messages)) {
        expect(id).toMatch(/^[a-z][A-Za-z]+$/);
        expect(message.length).toBeGreaterThan(10);
      }
      expect(rule.meta.options.safeParse({}).success).toBe(true);
      expect(readme).toContain(`| \`${rule.id}\` |`);
      expect(existsSync(new URL(`./${rule.id}.test.ts`, import.meta.url))).toBe(true);
    });
  }
});
