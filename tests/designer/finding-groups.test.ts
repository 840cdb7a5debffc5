import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import { getFlowFindings } from '../../designer/src/model/findings.ts';
import { getDepths } from '../../designer/src/model/finding-groups.ts';

// One missing edge makes several rules speak; the problems panel and the
// verdict show the exit to connect, with what it causes under it.

const loadBank = (): Flow => FlowSchema.parse(JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')));

/** The bank with one exit of one node left unconnected. */
function withoutEdge(nodeId: string, exit: string): Flow {
  const flow = loadBank();
  delete (flow.nodes[nodeId] as { on: Record<string, string> }).on[exit];
  return flow;
}

const describeFinding = (f: { severity: string; ruleId: string; nodeId?: string }) => `${f.severity} ${f.ruleId} ${f.nodeId ?? ''}`;

describe('findings grouped under their root cause', () => {
  it('puts the queue whose "full" outcome is unconnected first, with the silent-caller errors upstream under it', () => {
    const found = getFlowFindings(withoutEdge('agent_queue', 'full'));
    expect(found.findingGroups).toHaveLength(1);
    const [group] = found.findingGroups;
    expect(describeFinding(found.findings[group!.root]!)).toBe('error dead-end agent_queue');
    // every caller node whose silent or confused caller ends up in that queue is judged on its own
    expect(group!.consequences.map((i) => describeFinding(found.findings[i]!))).toEqual([
      'error silent-caller main_menu',
      'error silent-caller main_menu',
      'error silent-caller balance_account',
      'error silent-caller cards_menu',
      'error silent-caller balance_account',
      'error silent-caller cards_menu',
      'error silent-caller balance_menu',
      'error silent-caller balance_menu',
      'warning failure-branch agent_queue',
    ]);
    expect(found.verdict).toMatch(/^9 errors break the guarantee; first: dead-end at agent_queue: /);
  });

  it('orders groups by the root node distance from the entry, and keeps each group together', () => {
    const flow = withoutEdge('fraud_queue', 'full');
    delete (flow.nodes.agent_queue as { on: Record<string, string> }).on.full;
    const depths = getDepths(flow);
    expect(depths.get('agent_queue')).toBeLessThan(depths.get('fraud_queue')!);
    const found = getFlowFindings(flow);
    expect(found.findingGroups.map((g) => describeFinding(found.findings[g.root]!))).toEqual(['error dead-end agent_queue', 'error dead-end fraud_queue']);
    expect(found.findingGroups.flatMap((g) => [g.root, ...g.consequences])).toEqual(found.findings.map((_, i) => i));
  });

  it('lists groups with errors before groups of warnings only', () => {
    const flow = withoutEdge('agent_queue', 'full');
    flow.nodes.fraud_queue = { ...flow.nodes.fraud_queue!, announce: { position: false, estimatedWait: false } } as Flow['nodes'][string];
    const found = getFlowFindings(flow);
    const severities = found.findingGroups.map((g) => g.severity);
    expect(severities).toEqual([...severities].sort());
    expect(severities).toContain('warning');
    expect(describeFinding(found.findings[found.findingGroups.at(-1)!.root]!)).toMatch(/^warning /);
  });

  it('gathers the findings that hang up through one unconnected menu option under it', () => {
    const flow = loadBank();
    delete (flow.nodes.main_menu as { options: Array<{ next?: string }> }).options[3]!.next;
    const found = getFlowFindings(flow);
    expect(found.findingGroups).toHaveLength(1);
    expect(found.findingGroups[0]!.consequences).toHaveLength(found.errorCount - 1);
    expect(found.verdict).toContain('first: operator-key at main_menu');
  });
});
