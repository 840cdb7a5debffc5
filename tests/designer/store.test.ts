import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow, NodeOfKind } from '../../core/schema/flow.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import { toEdgeId } from '../../designer/src/model/canvas-types.ts';
import { HISTORY_LIMIT } from '../../designer/src/model/history.ts';
import { createDesignerStore, type DesignerStore } from '../../designer/src/stores/designer-store.ts';

/** Frozen all the way down: an edit that mutated the loaded flow instead of copying it would throw. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const BANK_JSON = readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8');

function openBank(options: { historyLimit?: number } = {}): { store: DesignerStore; bank: Flow } {
  const bank = deepFreeze(JSON.parse(BANK_JSON) as Flow);
  return { store: createDesignerStore({ flowId: 'bank', flow: bank, ...options }), bank };
}

const CLEAN_VERDICT = /^every caller reaches a person within 3 steps$/i;
/** The "0" option of the bank's main menu: its fourth option. */
const MAIN_MENU_ZERO = { source: 'main_menu', sourceHandle: 'options.3.next' };

const menuNode = (store: DesignerStore, id: string) => store.getState().flow.nodes[id] as NodeOfKind<'menu'>;
const undoCount = (store: DesignerStore) => store.getState().history.past.length;

function undoAll(store: DesignerStore) {
  while (store.getState().history.past.length) store.getState().undo();
}

/** What React Flow keeps on its node and edge objects: none of it may reach a saved file. */
const REACT_FLOW_FIELDS = ['measured', 'selected', 'dragging', 'sourceHandle', 'targetHandle', 'internals', 'positionAbsolute'];

function getJsonKeys(json: string): Set<string> {
  const keys = new Set<string>();
  JSON.parse(json, (key, value: unknown) => {
    keys.add(key);
    return value;
  });
  return keys;
}

describe('opening a flow', () => {
  it('shows the bank flow clean, with step badges on its nodes', () => {
    const { store, bank } = openBank();
    const state = store.getState();
    expect(state.flow).toBe(bank);
    expect(state.flowId).toBe('bank');
    expect(state.findings).toEqual([]);
    expect(state.verdict).toMatch(CLEAN_VERDICT);
    expect(state.maxSteps).toBe(3);
    expect(state.steps.main_menu).toEqual({ best: 1, worst: 1 });
    expect(state.steps.agent_queue?.best).toBe(0);
    expect(state.dirty).toBe(false);
    expect(state.history.past).toEqual([]);
  });

  it('refuses a file that does not pass the schema and keeps the flow it had', () => {
    const { store, bank } = openBank();
    expect(store.getState().load('broken', { ...bank, entry: '9 lives' })).toBe(false);
    expect(store.getState().lastError).toMatch(/entry/);
    // the schema problem as everywhere else: `path: message`
    expect(store.getState().lastError).toMatch(/^Cannot open this flow: entry: \S/);
    expect(store.getState().flow).toBe(bank);
  });

  it('lays out a flow whose file places no node, as an opened state and not an edit', () => {
    const { bank } = openBank();
    const { ui: _placed, ...unplaced } = bank;
    const store = createDesignerStore({ flowId: 'bank', flow: unplaced });
    const { flow, dirty, history } = store.getState();
    const positions = Object.values(flow.ui?.positions ?? {});
    expect(positions).toHaveLength(Object.keys(bank.nodes).length);
    // before, every card sat at the origin, one on another
    expect(new Set(positions.map(({ x, y }) => `${x},${y}`)).size).toBe(positions.length);
    expect({ ...flow, ui: undefined }).toEqual({ ...unplaced, ui: undefined });
    expect(dirty).toBe(false);
    expect(history.past).toEqual([]);
  });

  it('starts a new flow from a starter when given none', () => {
    const state = createDesignerStore().getState();
    expect(state.flowId).toBeNull();
    expect(parseFlow(state.flow).ok).toBe(true);
    expect(state.verdict).toMatch(/error/);
  });
});

describe('deleting the 0 route of a menu', () => {
  it('shows the operator-key error on that menu, and undo / redo take it away and back', () => {
    const { store, bank } = openBank();
    expect(store.getState().disconnect(MAIN_MENU_ZERO)).toBe(true);

    const broken = store.getState();
    expect(menuNode(store, 'main_menu').options[3]).not.toHaveProperty('next');
    expect(broken.findings).toContainEqual(expect.objectContaining({ ruleId: 'operator-key', nodeId: 'main_menu', severity: 'error' }));
    expect(broken.verdict).toMatch(/operator-key at main_menu/);
    expect(broken.verdict).not.toMatch(CLEAN_VERDICT);
    expect(broken.dirty).toBe(true);

    store.getState().undo();
    expect(store.getState().flow).toBe(bank);
    expect(store.getState().verdict).toMatch(CLEAN_VERDICT);
    expect(store.getState().dirty).toBe(false);

    store.getState().redo();
    expect(store.getState().flow).toBe(broken.flow);
    expect(store.getState().findings.some((f) => f.ruleId === 'operator-key' && f.nodeId === 'main_menu')).toBe(true);
  });

  it('clears again when the 0 route is reconnected', () => {
    const { store } = openBank();
    store.getState().disconnect(MAIN_MENU_ZERO);
    expect(store.getState().connect({ ...MAIN_MENU_ZERO, target: 'agent_hours' })).toBe(true);
    expect(store.getState().verdict).toMatch(CLEAN_VERDICT);
    expect(undoCount(store)).toBe(2);
  });

  it('selects the menu and highlights the counterexample when the problem is clicked', () => {
    const { store } = openBank();
    store.getState().disconnect(MAIN_MENU_ZERO);
    const index = store.getState().findings.findIndex((f) => f.ruleId === 'operator-key');
    store.getState().selectFinding(index);
    expect(store.getState().selection).toEqual({ nodeIds: ['main_menu'], edgeIds: [] });
    expect(store.getState().highlightedPath).toEqual(['greeting', 'main_menu']);

    // The highlighted path belongs to findings that an edit replaces.
    store.getState().connect({ ...MAIN_MENU_ZERO, target: 'agent_hours' });
    expect(store.getState().highlightedPath).toEqual([]);
  });

  it('keeps the same empty highlighted path across edits, so the canvas does not restyle every edge', () => {
    const { store } = openBank();
    const path = store.getState().highlightedPath;
    store.getState().updateNode('greeting', { prompt: 'Welcome to the bank.' });
    store.getState().setMaxSteps(4);
    expect(store.getState().highlightedPath).toBe(path);
  });

  it('refuses an exit the node does not have', () => {
    const { store, bank } = openBank();
    expect(store.getState().connect({ source: 'main_menu', sourceHandle: 'options.9.next', target: 'goodbye' })).toBe(false);
    expect(store.getState().lastError).toMatch(/no exit "options.9.next"/);
    expect(store.getState().flow).toBe(bank);
    expect(undoCount(store)).toBe(0);
  });
});

describe('building from the palette', () => {
  it('adds, connects, renames and copies a menu, each step one undo entry', () => {
    const { store, bank } = openBank();
    const s = () => store.getState();

    const id = s().addNode('menu', { x: 100, y: 2000 });
    expect(id).toBe('menu_1');
    expect(s().flow.nodes.menu_1).toMatchObject({ kind: 'menu', options: [{ key: '0' }] });
    expect(s().flow.ui?.positions?.menu_1).toEqual({ x: 100, y: 2000 });
    expect(s().selection.nodeIds).toEqual(['menu_1']);
    expect(s().steps.menu_1).toBeDefined();

    expect(s().connect({ source: 'menu_1', sourceHandle: 'options.0.next', target: 'agent_queue' })).toBe(true);
    expect(menuNode(store, 'menu_1').options[0]?.next).toBe('agent_queue');

    expect(s().renameNode('menu_1', 'billing_menu')).toBe(true);
    expect(s().flow.nodes).not.toHaveProperty('menu_1');
    expect(s().flow.ui?.positions).toHaveProperty('billing_menu');
    expect(s().selection.nodeIds).toEqual(['billing_menu']);

    s().copySelection();
    const pasted = s().paste();
    expect(pasted).toEqual(['billing_menu_1']);
    expect(menuNode(store, 'billing_menu_1').options[0]?.next).toBe('agent_queue');
    expect(s().flow.ui?.positions?.billing_menu_1).toEqual({ x: 140, y: 2040 });
    expect(s().selection.nodeIds).toEqual(['billing_menu_1']);

    expect(undoCount(store)).toBe(4);
    undoAll(store);
    expect(s().flow).toBe(bank);
  });

  it('gives every kind of node default content that passes the schema', () => {
    const { store } = openBank();
    const kinds = ['say', 'set', 'menu', 'input', 'condition', 'http', 'transfer', 'queue', 'voicemail', 'callback', 'survey', 'hangup'] as const;
    for (const kind of kinds) store.getState().addNode(kind, { x: 0, y: 0 });
    expect(parseFlow(store.getState().flow).ok).toBe(true);
    expect(store.getState().lastError).toBeNull();
    expect(undoCount(store)).toBe(kinds.length);
  });

  it('pastes linked nodes under fresh ids with the links between them remapped', () => {
    const { store, bank } = openBank();
    store.getState().select({ nodeIds: ['balance_say', 'balance_menu'] });
    store.getState().copySelection();
    expect(store.getState().paste()).toEqual(['balance_say_1', 'balance_menu_1']);

    const nodes = store.getState().flow.nodes;
    expect(nodes.balance_say_1).toMatchObject({ kind: 'say', next: 'balance_menu_1' });
    const options = menuNode(store, 'balance_menu_1').options;
    expect(options.map((o) => o.next)).toEqual(['balance_say_1', 'main_menu', 'agent_hours', 'goodbye']);
    // The originals are untouched.
    expect(nodes.balance_say).toMatchObject({ next: 'balance_menu' });

    // A second paste lands further on, under the next free ids.
    expect(store.getState().paste()).toEqual(['balance_say_2', 'balance_menu_2']);
    const original = bank.ui!.positions!.balance_say!;
    expect(store.getState().flow.ui?.positions?.balance_say_2).toEqual({ x: original.x + 80, y: original.y + 80 });
  });
});

describe('renaming a node', () => {
  it('updates every transition, the entry and its position', () => {
    const { store, bank } = openBank();
    expect(store.getState().renameNode('agent_hours', 'service_hours')).toBe(true);
    expect(store.getState().renameNode('greeting', 'welcome')).toBe(true);
    const flow = store.getState().flow;
    const json = JSON.stringify(flow);
    expect(json).not.toMatch(/"agent_hours"|"greeting"/);
    expect(flow.entry).toBe('welcome');
    expect(Object.keys(flow.nodes).indexOf('service_hours')).toBe(Object.keys(JSON.parse(BANK_JSON).nodes).indexOf('agent_hours'));
    expect(flow.ui?.positions?.service_hours).toEqual(bank.ui!.positions!.agent_hours);
    expect(store.getState().verdict).toMatch(CLEAN_VERDICT);
  });

  it('refuses a clash or an invalid id, changing nothing', () => {
    const { store, bank } = openBank();
    expect(store.getState().renameNode('main_menu', 'goodbye')).toBe(false);
    expect(store.getState().lastError).toMatch(/already exists/);
    expect(store.getState().renameNode('main_menu', '9 lives')).toBe(false);
    expect(store.getState().lastError).toMatch(/not a valid node id/);
    expect(store.getState().flow).toBe(bank);
    expect(undoCount(store)).toBe(0);
  });
});

describe('the inspector', () => {
  it('refuses an invalid change with a message and no undo entry', () => {
    const { store, bank } = openBank();
    expect(store.getState().updateNode('fraud_transfer', { to: { number: '555' } })).toBe(false);
    expect(store.getState().lastError).toMatch(/to\.number.*E\.164/);
    expect(store.getState().flow).toBe(bank);
    expect(undoCount(store)).toBe(0);
  });

  it('applies a valid change, removes a field set to undefined, and clears the last error', () => {
    const { store } = openBank();
    store.getState().updateNode('fraud_transfer', { to: { number: '555' } });
    expect(store.getState().updateNode('fraud_transfer', { to: { number: '+12125550148' }, label: undefined })).toBe(true);
    expect(store.getState().flow.nodes.fraud_transfer).toMatchObject({ to: { number: '+12125550148' } });
    expect(store.getState().flow.nodes.fraud_transfer).not.toHaveProperty('label');
    expect(store.getState().lastError).toBeNull();
    expect(undoCount(store)).toBe(1);
  });

  it('writes the step budget to the flow and validates against it', () => {
    const { store } = openBank();
    expect(store.getState().setMaxSteps(1)).toBe(true);
    expect(store.getState().flow.settings?.maxSteps).toBe(1);
    expect(store.getState().maxSteps).toBe(1);
    expect(store.getState().findings.some((f) => f.ruleId === 'steps-to-human')).toBe(true);

    expect(store.getState().setMaxSteps(0)).toBe(false);
    expect(store.getState().lastError).toMatch(/from 1 to 50/);
    store.getState().undo();
    expect(store.getState().maxSteps).toBe(3);
    expect(store.getState().verdict).toMatch(CLEAN_VERDICT);
  });
});

describe('deleting', () => {
  it('removes the selected nodes and edges as one undo entry, unconnecting what led to them', () => {
    const { store, bank } = openBank();
    store.getState().select({ nodeIds: ['cards_menu'], edgeIds: [toEdgeId('balance_menu', 'options.3.next')] });
    store.getState().removeSelection();

    const flow = store.getState().flow;
    expect(flow.nodes).not.toHaveProperty('cards_menu');
    expect(flow.ui?.positions).not.toHaveProperty('cards_menu');
    expect(menuNode(store, 'main_menu').options[1]).not.toHaveProperty('next');
    expect(menuNode(store, 'balance_menu').options[3]).not.toHaveProperty('next');
    expect(store.getState().selection).toEqual({ nodeIds: [], edgeIds: [] });
    expect(undoCount(store)).toBe(1);

    store.getState().undo();
    expect(store.getState().flow).toBe(bank);
  });

  it('refuses to delete the node calls start at', () => {
    const { store, bank } = openBank();
    store.getState().select({ nodeIds: ['greeting'] });
    store.getState().removeSelection();
    expect(store.getState().lastError).toMatch(/where calls start/);
    expect(store.getState().flow).toBe(bank);
  });
});

describe('dragging', () => {
  it('merges the moves of one drag into one undo entry', () => {
    const { store, bank } = openBank();
    for (let x = 760; x <= 900; x += 10) store.getState().moveNodes([{ id: 'main_menu', position: { x, y: 300 } }]);
    expect(store.getState().flow.ui?.positions?.main_menu).toEqual({ x: 900, y: 300 });
    expect(undoCount(store)).toBe(1);
    store.getState().undo();
    expect(store.getState().flow).toBe(bank);
  });

  it('starts a new entry for other nodes, another edit, or after the drop', () => {
    const { store } = openBank();
    const s = () => store.getState();
    s().moveNodes([{ id: 'main_menu', position: { x: 1, y: 1 } }]);
    s().moveNodes([{ id: 'main_menu', position: { x: 2, y: 2 } }], { dragEnded: true });
    s().moveNodes([{ id: 'main_menu', position: { x: 3, y: 3 } }]);
    s().moveNodes([{ id: 'goodbye', position: { x: 3, y: 3 } }]);
    s().setMaxSteps(4);
    s().moveNodes([{ id: 'goodbye', position: { x: 4, y: 4 } }]);
    expect(undoCount(store)).toBe(5);
  });

  it('does not rerun the validator for a move', () => {
    const { store } = openBank();
    const findings = store.getState().findings;
    store.getState().moveNodes([{ id: 'main_menu', position: { x: 0, y: 0 } }]);
    expect(store.getState().findings).toBe(findings);
  });
});

describe('history', () => {
  it(`keeps the last ${HISTORY_LIMIT} entries`, () => {
    const { store } = openBank();
    const label = () => store.getState().flow.nodes.main_menu?.label;
    for (let edit = 1; edit <= HISTORY_LIMIT + 5; edit++) store.getState().updateNode('main_menu', { label: `edit ${edit}` });
    expect(undoCount(store)).toBe(HISTORY_LIMIT);
    undoAll(store);
    // The five oldest entries were dropped: undo stops at the flow after the fifth edit.
    expect(label()).toBe('edit 5');
    store.getState().undo();
    expect(label()).toBe('edit 5');
    for (let i = 0; i < HISTORY_LIMIT; i++) store.getState().redo();
    expect(label()).toBe(`edit ${HISTORY_LIMIT + 5}`);
  });

  it('drops what could be redone when a new edit is made', () => {
    const { store } = openBank();
    store.getState().disconnect(MAIN_MENU_ZERO);
    store.getState().undo();
    expect(store.getState().history.future).toHaveLength(1);
    store.getState().setMaxSteps(4);
    expect(store.getState().history.future).toHaveLength(0);
    store.getState().redo();
    expect(store.getState().flow.settings?.maxSteps).toBe(4);
  });

  it('makes no entry for an edit that changes nothing', () => {
    const { store, bank } = openBank();
    store.getState().connect({ ...MAIN_MENU_ZERO, target: 'agent_hours' });
    store.getState().setMaxSteps(3);
    store.getState().moveNodes([{ id: 'main_menu', position: bank.ui!.positions!.main_menu! }]);
    expect(undoCount(store)).toBe(0);
    expect(store.getState().dirty).toBe(false);
  });
});

describe('saving', () => {
  it('is dirty after an edit, clean after markSaved, and dirty again after undoing past the save', () => {
    const { store } = openBank();
    store.getState().setMaxSteps(4);
    expect(store.getState().dirty).toBe(true);
    store.getState().markSaved();
    expect(store.getState().dirty).toBe(false);
    store.getState().undo();
    expect(store.getState().dirty).toBe(true);
    store.getState().redo();
    expect(store.getState().dirty).toBe(false);
  });

  it('writes our flow format only: it parses, and holds nothing of React Flow', () => {
    const { store } = openBank();
    const s = () => store.getState();
    s().addNode('transfer', { x: 10, y: 10 });
    s().connect({ source: 'transfer_1', sourceHandle: 'on.busy', target: 'agent_queue' });
    s().moveNodes([{ id: 'transfer_1', position: { x: 20, y: 20 } }], { dragEnded: true });
    s().select({ nodeIds: ['transfer_1', 'goodbye'], edgeIds: [toEdgeId('main_menu', 'noInput.next')] });
    s().copySelection();
    s().paste();
    s().disconnect({ source: 'main_menu', sourceHandle: 'noMatch.next' });
    s().renameNode('transfer_1', 'overflow_transfer');

    const saved = JSON.stringify(s().flow);
    expect(parseFlow(JSON.parse(saved)).ok).toBe(true);
    const keys = getJsonKeys(saved);
    for (const field of REACT_FLOW_FIELDS) expect(keys.has(field), field).toBe(false);
  });
});

describe('the header', () => {
  it('renames the flow, as one undo entry; an empty name leaves it going by its id', () => {
    const { store, bank } = openBank();
    expect(store.getState().setFlowName('  Acme Bank (test line)  ')).toBe(true);
    expect(store.getState().flow.name).toBe('Acme Bank (test line)');
    expect(store.getState().setFlowName('   ')).toBe(true);
    expect('name' in store.getState().flow).toBe(false);
    expect(parseFlow(store.getState().flow).ok).toBe(true);
    store.getState().undo();
    expect(store.getState().flow.name).toBe('Acme Bank (test line)');
    store.getState().undo();
    expect(store.getState().flow).toBe(bank);
  });

  it('lays the flow out as one undo entry, the entry on top, and changes nothing but positions', () => {
    const { store, bank } = openBank();
    store.getState().autoLayout({ nodeWidth: 250, nodeHeight: 150 });
    const { flow } = store.getState();
    const positions = flow.ui!.positions!;
    const entryY = positions[flow.entry]!.y;
    for (const id of Object.keys(flow.nodes)) if (id !== flow.entry) expect(positions[id]!.y, id).toBeGreaterThan(entryY);
    expect({ ...flow, ui: undefined }).toEqual({ ...bank, ui: undefined });
    expect(store.getState().findings).toEqual([]);
    expect(undoCount(store)).toBe(1);
    store.getState().undo();
    expect(store.getState().flow).toBe(bank);
  });
});

describe('typing in the inspector', () => {
  it('undoes a word typed as one entry, and a new selection starts a new one', () => {
    const { store, bank } = openBank();
    for (const text of ['H', 'He', 'Hel', 'Hello']) store.getState().updateNode('greeting', { prompt: text }, { typing: true });
    expect(undoCount(store)).toBe(1);
    store.getState().updateNode('greeting', { label: 'Hi' }, { typing: true });
    expect(undoCount(store)).toBe(2);
    store.getState().select({ nodeIds: ['greeting'] });
    store.getState().updateNode('greeting', { label: 'Hi there' }, { typing: true });
    expect(undoCount(store)).toBe(3);
    undoAll(store);
    expect(store.getState().flow).toBe(bank);
  });
});

describe('the flow settings', () => {
  it('edits the flow fields the schema allows, keeps key order, and refuses the rest with the reason', () => {
    const { store, bank } = openBank();
    expect(store.getState().updateFlow({ settings: { ...bank.settings, languages: ['en-US', 'es-US'] } })).toBe(true);
    expect(store.getState().flow.settings?.languages).toEqual(['en-US', 'es-US']);
    expect(Object.keys(store.getState().flow)).toEqual(Object.keys(bank));

    expect(store.getState().updateFlow({ description: 'Main line' })).toBe(true);
    // a new field lands before the entry, where a person writing the file would put it
    const keys = Object.keys(store.getState().flow);
    expect(keys.indexOf('description')).toBeLessThan(keys.indexOf('entry'));

    expect(store.getState().updateFlow({ settings: { maxSteps: 99 } })).toBe(false);
    expect(store.getState().lastError).toMatch(/settings\.maxSteps/);
    expect(store.getState().updateFlow({ nodes: {} })).toBe(false);
    expect(store.getState().updateFlow({ name: '' })).toBe(false);
    expect(store.getState().flow.settings?.languages).toEqual(['en-US', 'es-US']);

    // the step budget set here is the one the verdict uses
    expect(store.getState().updateFlow({ settings: { maxSteps: 5 } })).toBe(true);
    expect(store.getState().verdict).toMatch(/within 5 steps/);
    undoAll(store);
    expect(store.getState().flow).toBe(bank);
  });
});

describe('opening and saving', () => {
  it('counts openings, not saves, so the canvas fits the view to a newly opened flow only', () => {
    const { store, bank } = openBank();
    const opened = store.getState().loadCount;
    store.getState().setMaxSteps(4);
    store.getState().markSaved();
    expect(store.getState().loadCount).toBe(opened);
    store.getState().load('bank', bank);
    expect(store.getState().loadCount).toBe(opened + 1);
  });
});

describe('saving while editing', () => {
  it('keeps an edit made during the save unsaved', () => {
    const { store } = openBank();
    store.getState().setMaxSteps(4);
    const sent = store.getState().flow;
    store.getState().setMaxSteps(5); // typed while the request ran
    store.getState().markSaved(sent);
    expect(store.getState().dirty).toBe(true);
    expect(store.getState().savedFlow).toBe(sent);
    store.getState().undo();
    expect(store.getState().dirty).toBe(false);
  });
});
