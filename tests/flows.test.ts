import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toWords } from '../core/graph/path.ts';
import { lintFlow } from '../core/lint/linter.ts';
import { readShippedFlowTexts, SHIPPED_FLOW_IDS, SHIPPED_FLOWS_DIR } from './helpers/shipped-flows.ts';

const read = (folder: URL, file: string) => JSON.parse(readFileSync(new URL(file, folder), 'utf8'));

describe('shipped example flows', () => {
  it('include a bank, a clinic, an outage line and a multilingual line', () => {
    expect(SHIPPED_FLOW_IDS).toEqual(['bank', 'clinic', 'multilingual', 'utility-outage']);
  });

  it('are exactly the flows the repository tracks', () => {
    const tracked = execFileSync('git', ['ls-files', 'flows/'], { cwd: path.dirname(SHIPPED_FLOWS_DIR), encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(tracked.sort()).toEqual(SHIPPED_FLOW_IDS.map((flowId) => `flows/${flowId}.json`));
  });

  it('are read by name, so a flow published into the folder is never linted here', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'humanline-flows-'));
    try {
      for (const flowId of SHIPPED_FLOW_IDS) copyFileSync(path.join(SHIPPED_FLOWS_DIR, `${flowId}.json`), path.join(folder, `${flowId}.json`));
      writeFileSync(path.join(folder, 'my-line.json'), JSON.stringify({ name: 'Mine', entry: 'bye', nodes: { bye: { kind: 'hangup' } } }));
      expect(readdirSync(folder)).toContain('my-line.json');
      expect(readShippedFlowTexts(folder)).toEqual(readShippedFlowTexts());
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  for (const { file, text } of readShippedFlowTexts()) {
    it(`${file} passes every rule, with a person within its budget`, () => {
      const result = lintFlow(JSON.parse(text), { file });
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
