import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFlow } from '../../core/import/index.ts';
import { countFindings, PSEUDO_RULES } from '../../core/lint/findings.ts';
import { lintSource } from '../../core/lint/lint-source.ts';
import { hasLinks } from '../../core/lint/line.ts';
import { lintFlow } from '../../core/lint/linter.ts';
import { RULES_BY_ID } from '../../core/lint/registry.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { cleanFlow, trapFlow } from '../cli/flows.ts';

const studioExport = JSON.parse(readFileSync(new URL('../fixtures/import/studio-odd.json', import.meta.url), 'utf8')) as unknown;

describe('lintSource: one way from parsed JSON to a linted flow', () => {
  it('lints a humanline flow as the linter does, and hands back the flow it parsed', () => {
    const linted = lintSource(trapFlow, { file: 'trap.json' });
    expect(linted.format).toBe('humanline');
    expect(linted.result).toEqual(lintFlow(trapFlow, { file: 'trap.json' }));
    expect(linted.flow).toBe(trapFlow);
  });

  it('imports an export first: its findings lead the report and are counted with the linter\'s', () => {
    const imported = importFlow(studioExport);
    if (!imported.ok) throw new Error(imported.message);
    const linted = lintSource(studioExport, { file: 'studio.json' });
    const ownFindings = lintFlow(imported.flow).findings;
    expect(linted.format).toBe('twilio-studio');
    expect(linted.flow).toEqual(imported.flow);
    expect(imported.findings.length).toBeGreaterThan(0);
    expect(linted.result.findings).toEqual([...imported.findings, ...ownFindings]);
    expect({ errorCount: linted.result.errorCount, warningCount: linted.result.warningCount }).toEqual(countFindings(linted.result.findings));
    expect(linted.result).toMatchObject({ file: 'studio.json', stats: { nodes: Object.keys(imported.flow.nodes).length } });
  });

  it('reports a refused import as one import error, with no flow', () => {
    const linted = lintSource({ states: [] }, { file: 'empty.json' });
    expect(linted.format).toBe('twilio-studio');
    expect(linted.flow).toBeUndefined();
    expect(linted.result).toMatchObject({ file: 'empty.json', errorCount: 1, warningCount: 0, stats: null });
    expect(linted.result.findings).toEqual([{ ruleId: 'import', severity: 'error', message: expect.any(String) }]);
  });

  it('lints data of no known format as a flow, so the schema says what is wrong', () => {
    const linted = lintSource([1, 2, 3]);
    expect(linted.format).toBeUndefined();
    expect(linted.flow).toBeUndefined();
    expect(linted.result.findings.map((finding) => finding.ruleId)).toEqual(['schema']);
  });

  it('says whether the flow hands the call to another flow, as hasLinks does, for flows and exports with and without links', () => {
    const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Flow;
    const brand = readJson('../fixtures/line/brand.json');
    const bank = readJson('../../flows/bank.json');
    const withLink = (flow: Flow, link: Record<string, unknown>): Flow => ({ ...flow, nodes: { ...flow.nodes, link: link as Flow['nodes'][string] } });
    const clean = cleanFlow as Flow;
    const flows = [
      clean,
      trapFlow as Flow,
      bank,
      brand,
      // a goto to another flow's entry, and to one of its nodes
      withLink(clean, { kind: 'goto', flow: 'brand' }),
      withLink(bank, { kind: 'goto', flow: 'brand', node: 'hours', on: { failed: bank.entry } }),
    ];
    for (const flow of flows) expect(lintSource(flow).hasLinks, flow.name).toBe(hasLinks(flow));
    expect(flows.map((flow) => hasLinks(flow))).toEqual([false, false, false, false, true, true]);
    expect(lintSource(studioExport).hasLinks).toBe(false);
    expect(lintSource({ states: [] }).hasLinks).toBe(false);
    expect(lintSource({ ...cleanFlow, entry: 42 }).hasLinks).toBe(false);
  });

  it('hands back no flow when a humanline flow does not parse', () => {
    const linted = lintSource({ ...cleanFlow, entry: 42 });
    expect(linted.flow).toBeUndefined();
    expect(linted.result.findings[0]).toMatchObject({ ruleId: 'schema', jsonPath: 'entry' });
  });
});

describe('pseudo-rules and counts', () => {
  it('names each pseudo-rule once, apart from the registry\'s rules, with one sentence', () => {
    expect(Object.keys(PSEUDO_RULES).sort()).toEqual(['config', 'file', 'import', 'schema']);
    for (const [id, description] of Object.entries(PSEUDO_RULES)) {
      expect(RULES_BY_ID.has(id), id).toBe(false);
      expect(description, id).toMatch(/^[A-Z][^\n]*\.$/);
    }
  });

  it('counts errors and warnings', () => {
    expect(countFindings([])).toEqual({ errorCount: 0, warningCount: 0 });
    const finding = (severity: 'error' | 'warning') => ({ ruleId: 'schema', severity, message: 'x' });
    expect(countFindings([finding('error'), finding('warning'), finding('error')])).toEqual({ errorCount: 2, warningCount: 1 });
  });

  it('says where bad rule options are, as every schema problem is written', () => {
    const result = lintFlow({ ...cleanFlow, rules: { 'prompt-length': ['warn', { maxSeconds: 'long' }] } });
    const configFinding = result.findings.find((finding) => finding.ruleId === 'config');
    expect(configFinding?.message).toMatch(/^Invalid options for rule "prompt-length" in the flow's "rules": maxSeconds: .+\.$/);
  });
});
