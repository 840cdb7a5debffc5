import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toWords } from '../core/graph/path.ts';
import { lintFlow } from '../core/lint/linter.ts';

const read = (folder: URL, file: string) => JSON.parse(readFileSync(new URL(file, folder), 'utf8'));

describe('shipped example flows', () => {
  const folder = new URL('../flows/', import.meta.url);
  const files = readdirSync(folder).filter((file) => file.endsWith('.json'));

  it('include a bank, a clinic, an outage line and a multilingual line', () => {
    expect(files.sort()).toEqual(expect.arrayContaining(['bank.json', 'clinic.json', 'multilingual.json', 'utility-outage.json']));
  });

  for (const file of files) {
    it(`${file} passes every rule, with a person within its budget`, () => {
      const result = lintFlow(read(folder, file), { file });
      expect(result.findings.map((f) => `${f.ruleId} ${f.nodeId}: ${f.message}`)).toEqual([]);
      expect(result.stats!.worstStepsBestCase).toBeLessThanOrEqual(3);
      expect(result.stats!.worstStepsWorstCase).toBeLessThanOrEqual(3);
    });
  }
});

describe('broken fixtures', () => {
  const folder = new URL('./fixtures/broken/', import.meta.url);
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const ruleId = file.replace(/^(dead-end|endless-loop|human-unreachable|operator-key|silent-caller|steps-to-human)-.*$/, '$1');
    it(`${file} trips ${ruleId} with a readable counterexample`, () => {
      const result = lintFlow(read(folder, file), { file });
      const finding = result.findings.find((f) => f.ruleId === ruleId);
      expect(finding, JSON.stringify(result.findings, null, 1)).toBeDefined();
      if (ruleId !== 'operator-key') expect(toWords(finding!.path!)).toMatch(/--.+-->/);
    });
  }
});
