import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getExits } from '../../core/nodes/registry.ts';
import type { Flow, NodeKind } from '../../core/schema/flow.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import { toEdgeId } from '../../designer/src/model/canvas-types.ts';
import { createDesignerStore, type DesignerStore } from '../../designer/src/stores/designer-store.ts';

// Random editing sessions on the bank flow: whatever a designer does, the
// flow stays a valid file of our format, and undo / redo walk back and forth
// through exactly the flows they passed.

const BANK_JSON = readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8');
/** The loaded flow as the store would save it untouched. */
const BANK_SAVED = JSON.stringify(JSON.parse(BANK_JSON));

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const KINDS: NodeKind[] = ['say', 'set', 'menu', 'input', 'condition', 'http', 'transfer', 'queue', 'voicemail', 'callback', 'survey', 'hangup'];
const REACT_FLOW_FIELDS = /"(measured|selected|dragging|sourceHandle|targetHandle|internals)"\s*:/;

/** One gesture; numbers pick among whatever nodes and exits the flow has when it runs. */
type Gesture =
  | { type: 'add'; kind: number; x: number; y: number }
  | { type: 'connect'; node: number; exit: number; target: number }
  | { type: 'disconnect'; node: number; exit: number }
  | { type: 'rename'; node: number; name: string }
  | { type: 'label'; node: number; label: string }
  | { type: 'badNumber'; node: number }
  | { type: 'move'; nodes: number[]; x: number; y: number; dragEnded: boolean }
  | { type: 'remove'; nodes: number[]; edge: { node: number; exit: number } | null }
  | { type: 'copyPaste'; nodes: number[] }
  | { type: 'maxSteps'; value: number }
  | { type: 'undo' }
  | { type: 'redo' };

const index = fc.nat(1000);
const gesture: fc.Arbitrary<Gesture> = fc.oneof(
  fc.record({ type: fc.constant('add' as const), kind: index, x: fc.integer({ min: -500, max: 3000 }), y: fc.integer({ min: -500, max: 3000 }) }),
  fc.record({ type: fc.constant('connect' as const), node: index, exit: index, target: index }),
  fc.record({ type: fc.constant('disconnect' as const), node: index, exit: index }),
  fc.record({ type: fc.constant('rename' as const), node: index, name: fc.oneof(fc.constantFrom('goodbye', 'main_menu', '9 lives', '__proto__', 'a:b'), fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/)) }),
  fc.record({ type: fc.constant('label' as const), node: index, label: fc.string({ maxLength: 12 }) }),
  fc.record({ type: fc.constant('badNumber' as const), node: index }),
  fc.record({ type: fc.constant('move' as const), nodes: fc.array(index, { minLength: 1, maxLength: 3 }), x: fc.integer({ min: -500, max: 3000 }), y: fc.integer({ min: -500, max: 3000 }), dragEnded: fc.boolean() }),
  fc.record({ type: fc.constant('remove' as const), nodes: fc.array(index, { maxLength: 2 }), edge: fc.option(fc.record({ node: index, exit: index }), { nil: null }) }),
  fc.record({ type: fc.constant('copyPaste' as const), nodes: fc.array(index, { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('maxSteps' as const), value: fc.integer({ min: 0, max: 51 }) }),
  fc.constant({ type: 'undo' as const }),
  fc.constant({ type: 'redo' as const }),
);

function perform(store: DesignerStore, g: Gesture): void {
  const s = store.getState();
  const ids = Object.keys(s.flow.nodes);
  const pick = (n: number) => ids[n % ids.length]!;
  const exitOf = (node: string, n: number) => {
    const exits = getExits(s.flow.nodes[node]!);
    return exits.length ? exits[n % exits.length]!.id : 'next';
  };
  switch (g.type) {
    case 'add':
      return void s.addNode(KINDS[g.kind % KINDS.length]!, { x: g.x, y: g.y });
    case 'connect': {
      const source = pick(g.node);
      return void s.connect({ source, sourceHandle: exitOf(source, g.exit), target: pick(g.target) });
    }
    case 'disconnect': {
      const source = pick(g.node);
      return void s.disconnect({ source, sourceHandle: exitOf(source, g.exit) });
    }
    case 'rename':
      return void s.renameNode(pick(g.node), g.name);
    case 'label':
      return void s.updateNode(pick(g.node), { label: g.label });
    case 'badNumber':
      return void s.updateNode(pick(g.node), { to: { number: '555' } });
    case 'move':
      return s.moveNodes(g.nodes.map((n) => ({ id: pick(n), position: { x: g.x, y: g.y } })), { dragEnded: g.dragEnded });
    case 'remove': {
      const edgeIds = g.edge ? [toEdgeId(pick(g.edge.node), exitOf(pick(g.edge.node), g.edge.exit))] : [];
      s.select({ nodeIds: g.nodes.map(pick), edgeIds });
      return store.getState().removeSelection();
    }
    case 'copyPaste':
      s.select({ nodeIds: g.nodes.map(pick) });
      store.getState().copySelection();
      return void store.getState().paste();
    case 'maxSteps':
      return void s.setMaxSteps(g.value);
    case 'undo':
      return s.undo();
    case 'redo':
      return s.redo();
  }
}

function expectSavable(flow: Flow): void {
  const saved = JSON.stringify(flow);
  expect(parseFlow(JSON.parse(saved)).ok).toBe(true);
  expect(saved).not.toMatch(REACT_FLOW_FIELDS);
}

describe('a random editing session on the bank flow', () => {
  it('keeps a valid flow, and undo all / redo all give back the loaded and the final flow exactly', () => {
    fc.assert(
      fc.property(fc.array(gesture, { maxLength: 40 }), (gestures) => {
        const store = createDesignerStore({ flowId: 'bank', flow: deepFreeze(JSON.parse(BANK_JSON) as Flow) });
        for (const g of gestures) {
          perform(store, g);
          expectSavable(store.getState().flow);
        }
        const final = JSON.stringify(store.getState().flow);
        const finalVerdict = store.getState().verdict;

        const edits = store.getState().history.past.length;
        for (let i = 0; i < edits; i++) store.getState().undo();
        expect(JSON.stringify(store.getState().flow)).toBe(BANK_SAVED);
        expect(store.getState().verdict).toMatch(/^Every caller reaches a person within 3 steps$/);
        expect(store.getState().dirty).toBe(false);

        for (let i = 0; i < edits; i++) store.getState().redo();
        expect(JSON.stringify(store.getState().flow)).toBe(final);
        expect(store.getState().verdict).toBe(finalVerdict);
      }),
      { numRuns: 150 },
    );
  });
});
