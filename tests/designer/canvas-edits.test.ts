import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { connect, disconnect, moveNodes, removeNodes, removeSelection } from '../../designer/src/model/canvas-edits.ts';
import { edited, refusal } from './edit-results.ts';
import { hangup, makeFlow, queue, say, transfer } from '../helpers/flows.ts';

// Canvas gestures edit our schema in place of React Flow's state: each edit
// touches only the field its handle names and never the flow it was given.

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const bank = (): Flow => deepFreeze(JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')) as Flow);

const text = (flow: Flow) => JSON.stringify(flow);

/** A small line with every container kind: an option array, a missing retry handler, `on`. */
const line = (): Flow =>
  deepFreeze(
    makeFlow(
      'start',
      {
        start: say('menu'),
        menu: { kind: 'menu', prompt: 'Press 0.', options: [{ key: '0', label: 'Agent' }, { key: '1', next: 'bye' }] },
        agent: transfer({ answered: 'bye' }),
        bye: hangup(),
      },
      { ui: { positions: { start: { x: 0, y: 0 }, menu: { x: 0, y: 100 }, agent: { x: 0, y: 200 }, bye: { x: 0, y: 300 } }, viewport: { x: 1, y: 2, zoom: 1 } } },
    ),
  );

describe('connect', () => {
  it('sets the option field its handle names, keeping key order', () => {
    const flow = edited(connect(line(), { source: 'menu', sourceHandle: 'options.0.next', target: 'agent' }));
    expect(flow.nodes.menu).toEqual({ kind: 'menu', prompt: 'Press 0.', options: [{ key: '0', label: 'Agent', next: 'agent' }, { key: '1', next: 'bye' }] });
    const moved = edited(connect(flow, { source: 'menu', sourceHandle: 'options.1.next', target: 'agent' }));
    expect(text(moved)).toBe(text(flow).replace('"key":"1","next":"bye"', '"key":"1","next":"agent"'));
  });

  it('creates a missing retry handler, and disconnecting removes it again', () => {
    const flow = line();
    const connected = edited(connect(flow, { source: 'menu', sourceHandle: 'noInput.next', target: 'agent' }));
    expect(connected.nodes.menu).toMatchObject({ noInput: { next: 'agent' } });
    expect(text(edited(disconnect(connected, 'menu:noInput.next')))).toBe(text(flow));
  });

  it('keeps the rest of a retry handler when it disconnects', () => {
    const flow = deepFreeze(makeFlow('m', { m: { kind: 'menu', prompt: 'P', options: [{ key: '0' }], noMatch: { retries: 1, next: 'm' } } }));
    expect(edited(disconnect(flow, 'm:noMatch.next')).nodes.m).toEqual({ kind: 'menu', prompt: 'P', options: [{ key: '0' }], noMatch: { retries: 1 } });
  });

  it('sets an outcome under `on`', () => {
    const flow = edited(connect(line(), { source: 'agent', sourceHandle: 'on.busy', target: 'menu' }));
    expect(flow.nodes.agent).toEqual({ ...line().nodes.agent, on: { answered: 'bye', busy: 'menu' } });
  });

  it('returns the flow itself when the exit already leads there', () => {
    const flow = line();
    expect(edited(connect(flow, { source: 'menu', sourceHandle: 'options.1.next', target: 'bye' }))).toBe(flow);
  });

  it('refuses a handle the node does not have, and unknown nodes', () => {
    expect(refusal(connect(line(), { source: 'menu', sourceHandle: 'options.2.next', target: 'bye' }))).toMatchObject({ reason: 'unknown-handle', nodeId: 'menu' });
    expect(refusal(connect(line(), { source: 'menu', sourceHandle: 'prompt', target: 'bye' })).reason).toBe('unknown-handle');
    expect(refusal(connect(line(), { source: 'menu', sourceHandle: null, target: 'bye' })).reason).toBe('unknown-handle');
    expect(refusal(connect(line(), { source: 'bye', sourceHandle: 'next', target: 'menu' })).reason).toBe('unknown-handle');
    expect(refusal(connect(line(), { source: 'ghost', sourceHandle: 'next', target: 'bye' }))).toMatchObject({ reason: 'unknown-node', nodeId: 'ghost' });
    expect(refusal(connect(line(), { source: 'start', sourceHandle: 'next', target: 'ghost' }))).toMatchObject({ reason: 'unknown-node', nodeId: 'ghost' });
  });

  it('refuses an exit the node does not declare (a queue without maxWait has no timeout)', () => {
    const flow = deepFreeze(makeFlow('q', { q: queue(), bye: hangup() }));
    expect(refusal(connect(flow, { source: 'q', sourceHandle: 'on.timeout', target: 'bye' })).reason).toBe('unknown-handle');
  });
});

describe('disconnect', () => {
  it('removes the field, leaving the exit unconnected', () => {
    const original = line();
    const flow = edited(disconnect(original, 'start:next'));
    expect(flow.nodes.start).toEqual({ kind: 'say', prompt: 'Thank you for calling.' });
    // Untouched nodes are shared, not copied.
    expect(flow.nodes.menu).toBe(original.nodes.menu);
  });

  it('removes an option target without disturbing the option array', () => {
    const flow = edited(disconnect(line(), 'menu:options.1.next'));
    expect(flow.nodes.menu).toEqual({ kind: 'menu', prompt: 'Press 0.', options: [{ key: '0', label: 'Agent' }, { key: '1' }] });
  });

  it('returns the flow itself for an exit already unconnected', () => {
    const flow = line();
    expect(edited(disconnect(flow, 'agent:on.busy'))).toBe(flow);
  });

  it('refuses ids that name no edge', () => {
    expect(refusal(disconnect(line(), 'start')).reason).toBe('unknown-edge');
    expect(refusal(disconnect(line(), 'start:nope')).reason).toBe('unknown-handle');
    expect(refusal(disconnect(line(), 'ghost:next')).reason).toBe('unknown-node');
  });
});

describe('moveNodes', () => {
  it('updates positions in place and adds new ones at the end, keeping the viewport', () => {
    const flow = edited(moveNodes(line(), { menu: { x: 5, y: 6 } }));
    expect(Object.keys(flow.ui!.positions!)).toEqual(['start', 'menu', 'agent', 'bye']);
    expect(flow.ui).toEqual({ ...line().ui, positions: { ...line().ui!.positions, menu: { x: 5, y: 6 } } });
    const unplaced = deepFreeze(makeFlow('a', { a: say(undefined) }));
    expect(edited(moveNodes(unplaced, { a: { x: 1, y: 2 } }))).toEqual({ ...unplaced, ui: { positions: { a: { x: 1, y: 2 } } } });
  });

  it('stores plain coordinates, not the object it was given', () => {
    const position = { x: 1, y: 2, extra: true };
    expect(edited(moveNodes(line(), { bye: position })).ui!.positions!.bye).toEqual({ x: 1, y: 2 });
  });

  it('returns the flow itself when nothing moved', () => {
    const flow = line();
    expect(edited(moveNodes(flow, { menu: { x: 0, y: 100 } }))).toBe(flow);
  });

  it('refuses a position for a node that does not exist', () => {
    expect(refusal(moveNodes(line(), { ghost: { x: 0, y: 0 } })).reason).toBe('unknown-node');
  });
});

describe('removeNodes', () => {
  it('deletes the nodes, their positions, and every transition into them', () => {
    const original = line();
    const flow = edited(removeNodes(original, ['bye']));
    expect(Object.keys(flow.nodes)).toEqual(['start', 'menu', 'agent']);
    expect(Object.keys(flow.ui!.positions!)).toEqual(['start', 'menu', 'agent']);
    expect(flow.ui!.viewport).toEqual({ x: 1, y: 2, zoom: 1 });
    expect(flow.nodes.menu).toEqual({ kind: 'menu', prompt: 'Press 0.', options: [{ key: '0', label: 'Agent' }, { key: '1' }] });
    expect(flow.nodes.agent).toEqual({ ...line().nodes.agent, on: {} });
    expect(flow.nodes.start).toBe(original.nodes.start);
  });

  it('also clears transitions the registry does not list as exits, leaving no id of a deleted node', () => {
    // A queue without maxWait never times out, so its on.timeout is no exit; it may still name a node.
    const flow = deepFreeze(makeFlow('q', { q: { ...queue({ answered: 'bye', full: 'bye' }), on: { answered: 'bye', full: 'bye', timeout: 'vm' } }, vm: hangup(), bye: hangup() }));
    expect(edited(removeNodes(flow, ['vm'])).nodes.q).toEqual({ ...flow.nodes.q, on: { answered: 'bye', full: 'bye' } });
  });

  it('removes a retry handler left empty', () => {
    const flow = deepFreeze(makeFlow('m', { m: { kind: 'menu', prompt: 'P', options: [{ key: '0' }], noInput: { next: 'x' } }, x: hangup() }));
    expect(edited(removeNodes(flow, ['x'])).nodes).toEqual({ m: { kind: 'menu', prompt: 'P', options: [{ key: '0' }] } });
  });

  it('refuses to remove the entry, naming it', () => {
    const refused = refusal(removeNodes(line(), ['bye', 'start']));
    expect(refused).toMatchObject({ reason: 'entry-removed', nodeId: 'start', ok: false });
    expect(refused.error).toContain('"start"');
  });

  it('refuses unknown nodes and returns the flow itself for none', () => {
    expect(refusal(removeNodes(line(), ['ghost'])).reason).toBe('unknown-node');
    const flow = line();
    expect(edited(removeNodes(flow, []))).toBe(flow);
  });

  it('edits the bank flow without touching the frozen original', () => {
    const flow = bank();
    const before = text(flow);
    const removable = Object.keys(flow.nodes).filter((nodeId) => nodeId !== flow.entry);
    const result = edited(removeNodes(flow, removable));
    expect(Object.keys(result.nodes)).toEqual([flow.entry]);
    expect(Object.keys(result.ui!.positions!)).toEqual([flow.entry]);
    expect(text(flow)).toBe(before);
  });
});

describe('removeSelection', () => {
  it('deletes the nodes and unconnects the edges in one edit; edges of deleted nodes go with them', () => {
    const flow = edited(removeSelection(line(), ['agent'], ['agent:on.answered', 'menu:options.1.next']));
    expect(Object.keys(flow.nodes)).toEqual(['start', 'menu', 'bye']);
    expect(flow.nodes.menu).toEqual({ kind: 'menu', prompt: 'Press 0.', options: [{ key: '0', label: 'Agent' }, { key: '1' }] });
  });

  it('refuses the whole edit when one part is refused, naming why', () => {
    expect(refusal(removeSelection(line(), ['bye'], ['start:nope']))).toMatchObject({ reason: 'unknown-handle', nodeId: 'start' });
    expect(refusal(removeSelection(line(), ['start'], ['menu:options.1.next']))).toMatchObject({ reason: 'entry-removed', nodeId: 'start' });
  });
});
