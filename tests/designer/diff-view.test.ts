import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffFlows } from '../../core/diff/diff-flows.ts';
import type { FlowDiff } from '../../core/diff/types.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { NO_PERSON, toDiffView } from '../../designer/src/model/diff-view.ts';

const bank = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../flows/bank.json'), 'utf8')) as Flow;

/** The bank flow with `edit` applied to a copy. */
function editBank(edit: (flow: Flow & { nodes: Record<string, any> }) => void): Flow {
  const flow = structuredClone(bank) as Flow & { nodes: Record<string, any> };
  edit(flow);
  return flow;
}

describe('the diff as the History panel names it', () => {
  it('says nothing changed for the same flow, with the verdict on both sides', () => {
    const view = toDiffView(diffFlows(bank, bank), bank, bank);
    expect(view.empty).toBe(true);
    expect(view.verdict.before).toEqual({ text: 'Every caller reaches a person within 3 steps', ok: true });
    expect(view.verdict.after).toEqual(view.verdict.before);
  });

  it('names a removed route by the node and target labels, with their ids beside', () => {
    const after = editBank((flow) => delete flow.nodes.main_menu.options[3].next);
    const view = toDiffView(diffFlows(bank, after), bank, after);
    expect(view.routes).toEqual([
      { change: 'removed', node: { nodeId: 'main_menu', name: 'Main menu', kind: 'menu' }, exit: 'press 0', before: { nodeId: 'agent_hours', name: 'Customer service open?', kind: 'condition' } },
    ]);
    expect(view.verdict.after.ok).toBe(false);
    expect(view.findings.appeared[0]).toMatchObject({ severity: 'error', node: { nodeId: 'main_menu', name: 'Main menu' } });
    expect(view.findings.cleared).toEqual([]);
  });

  it('keeps a field change in words, before and after', () => {
    const after = editBank((flow) => (flow.nodes.main_menu.noMatch.retries = 3));
    expect(toDiffView(diffFlows(bank, after), bank, after).nodes.changed).toEqual([
      { node: { nodeId: 'main_menu', name: 'Main menu', kind: 'menu' }, fields: [{ words: 'no match retries', before: '2', after: '3' }] },
    ]);
  });

  it('names a removed node from the older version, and an unlabelled one by its id', () => {
    const after = editBank((flow) => {
      delete flow.nodes.closed_voicemail;
      flow.nodes.goodbye.label = undefined;
      flow.nodes.extra = { kind: 'hangup' };
    });
    const { nodes } = toDiffView(diffFlows(bank, after), bank, after);
    expect(nodes.removed).toEqual([{ nodeId: 'closed_voicemail', name: 'After-hours voicemail', kind: 'voicemail' }]);
    expect(nodes.added).toEqual([{ nodeId: 'extra', name: 'extra', kind: 'hangup' }]);
  });

  it('shows steps and seconds to a person before → after, "no person" where none is reached', () => {
    const diff: FlowDiff = {
      ...diffFlows(bank, bank),
      reach: [{ nodeId: 'main_menu', label: 'Main menu', before: { best: 1, worst: 2, seconds: 40 }, after: { best: 1, worst: null, seconds: null } }],
    };
    expect(toDiffView(diff, bank, bank).reach).toEqual([
      {
        node: { nodeId: 'main_menu', name: 'Main menu', kind: 'menu' },
        best: { before: '1', after: '1', changed: false },
        worst: { before: '2', after: NO_PERSON, changed: true },
        seconds: { before: '40 s', after: NO_PERSON, changed: true },
      },
    ]);
  });
});
