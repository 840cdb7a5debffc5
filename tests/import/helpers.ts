import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ImportResult } from '../../core/import/index.ts';
import type { Finding } from '../../core/lint/types.ts';
import type { Flow, FlowNode, NodeKind, NodeOfKind } from '../../core/schema/flow.ts';
import { parseFlow } from '../../core/schema/parse.ts';

export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8'));
}

/** The flow of a successful import, after checking that it passes parseFlow unchanged. */
export function expectImported(result: ImportResult): { flow: Flow; findings: Finding[] } {
  if (!result.ok) throw new Error(`import refused: ${result.message}`);
  const parsed = parseFlow(result.flow);
  expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  for (const finding of result.findings) {
    expect(finding.ruleId).toBe('import');
    expect(['warning', 'error']).toContain(finding.severity);
  }
  return { flow: result.flow, findings: result.findings };
}

export function getNode<K extends NodeKind>(flow: Flow, id: string, kind: K): NodeOfKind<K> {
  const node: FlowNode | undefined = flow.nodes[id];
  expect(node?.kind, `node ${id}`).toBe(kind);
  return node as NodeOfKind<K>;
}

/** Findings about one node, as `severity: message` lines for readable failures. */
export function findingsOf(findings: Finding[], nodeId: string): string[] {
  return findings.filter((finding) => finding.nodeId === nodeId).map((finding) => `${finding.severity}: ${finding.message}`);
}
