import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import { createTargetChooser, toTargetChoices } from '../../designer/src/model/inspector-choices.ts';
import { createDesignerStore } from '../../designer/src/stores/designer-store.ts';

// What keeps an edit on a 1,000-node flow within a frame: the store hands each
// card the same badge object while its figures stay, per-node severities are
// looked up rather than searched, and the inspector's Next choices are not
// sorted again for a letter typed in a prompt.

const loadBank = (): Flow => FlowSchema.parse(JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')));

describe('the validator state a card selects', () => {
  it('keeps every badge object through a prompt edit, and gives new ones only where the figures change', () => {
    const store = createDesignerStore({ flow: loadBank() });
    const before = store.getState().steps;
    expect(store.getState().updateNode('main_menu', { prompt: 'Welcome. For cards press 1, for loans press 2, for a person press 0.' })).toBe(true);
    const after = store.getState().steps;
    for (const id of Object.keys(before)) expect(after[id], id).toBe(before[id]);

    // with the open-hours branch unconnected, the hours check reaches no person when open
    expect(store.getState().disconnect({ source: 'agent_hours', sourceHandle: 'then' })).toBe(true);
    const broken = store.getState().steps;
    const changed = Object.keys(after).filter((id) => broken[id]!.best !== after[id]!.best || broken[id]!.worst !== after[id]!.worst);
    expect(changed).toContain('agent_hours');
    for (const id of Object.keys(after)) {
      if (changed.includes(id)) expect(broken[id], id).not.toBe(after[id]);
      else expect(broken[id], id).toBe(after[id]);
    }
  });

  it("gives each node the severity of its first finding, as the card's colour", () => {
    const flow = loadBank();
    delete (flow.nodes.agent_queue as { on: Record<string, string> }).on.full;
    const { findings, nodeSeverity } = createDesignerStore({ flow }).getState();
    expect(findings.length).toBeGreaterThan(0);
    const expected: Record<string, string> = {};
    for (const finding of findings) if (finding.nodeId !== undefined) expected[finding.nodeId] ??= finding.severity;
    expect(nodeSeverity).toEqual(expected);
    expect(nodeSeverity.agent_queue).toBe('error');
  });
});

describe("the inspector's Next choices", () => {
  it('are the same array while ids, labels and kinds stay, and sorted again when one changes', () => {
    const flow = loadBank();
    const toChoices = createTargetChooser();
    const first = toChoices(flow.nodes);
    expect(first).toEqual(toTargetChoices(flow.nodes));
    const typed = { ...flow.nodes, main_menu: { ...flow.nodes.main_menu!, prompt: 'Hello' } };
    expect(toChoices(typed)).toBe(first);
    const relabelled = { ...typed, main_menu: { ...typed.main_menu!, label: 'Aardvark menu' } };
    const second = toChoices(relabelled);
    expect(second).not.toBe(first);
    expect(second[0]).toEqual({ id: 'main_menu', label: 'Aardvark menu', kind: 'menu' });
    const fewer: Flow['nodes'] = { ...relabelled };
    delete fewer.agent_queue;
    expect(toChoices(fewer).map((choice) => choice.id)).not.toContain('agent_queue');
  });
});
