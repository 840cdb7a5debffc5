import { describe, expect, it } from 'vitest';
import { getExits } from '../../core/nodes/registry.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { connect, disconnect, moveNodes } from '../../designer/src/model/canvas-edits.ts';
import { createCanvasDrawer, toCanvas } from '../../designer/src/model/to-canvas.ts';
import { edited } from './edit-results.ts';
import { makeFlow, menu, say } from '../helpers/flows.ts';
import { readShippedFlowTexts } from '../helpers/shipped-flows.ts';

// The saved file is our schema, never React Flow's objects: what the canvas
// shows must go back into the flow without losing or reordering anything.

const shipped = readShippedFlowTexts();

/** The flow rebuilt from what the canvas shows, starting from `base`. */
function applyCanvas(base: Flow, canvas: ReturnType<typeof toCanvas>): Flow {
  let flow = edited(moveNodes(base, Object.fromEntries(canvas.nodes.map((node) => [node.id, node.position]))));
  for (const edge of canvas.edges) flow = edited(connect(flow, edge));
  return flow;
}

describe('toCanvas', () => {
  const flow = makeFlow(
    'hello',
    {
      hello: { ...say('main'), label: 'Hello' },
      // Integer-like keys sort first: option 0 is key 0, unconnected.
      main: menu({ '1': 'hello', '0': undefined }, { noInput: 'hello' }),
    },
    { ui: { positions: { hello: { x: 10, y: 20 } } } },
  );

  it('gives one node per flow node, typed by kind, placed from ui.positions or at the origin', () => {
    const { nodes } = toCanvas(flow);
    expect(nodes).toEqual([
      { id: 'hello', type: 'say', position: { x: 10, y: 20 }, data: { nodeId: 'hello', kind: 'say', label: 'Hello' } },
      { id: 'main', type: 'menu', position: { x: 0, y: 0 }, data: { nodeId: 'main', kind: 'menu', label: 'main' } },
    ]);
    // A copy: React Flow must never hold the flow's own objects.
    expect(nodes[0]!.position).not.toBe(flow.ui!.positions!.hello);
  });

  it('gives one labelled edge per connected exit, its handle the exit id', () => {
    expect(toCanvas(flow).edges).toEqual([
      { id: 'hello:next', source: 'hello', target: 'main', sourceHandle: 'next', label: 'next', data: { exitType: 'next' } },
      { id: 'main:options.1.next', source: 'main', target: 'hello', sourceHandle: 'options.1.next', label: 'press 1', data: { exitType: 'option' } },
      { id: 'main:noInput.next', source: 'main', target: 'hello', sourceHandle: 'noInput.next', label: 'no input', data: { exitType: 'noInput' } },
    ]);
  });

  it('draws no edge to a node that does not exist (the missing-target rule reports it)', () => {
    const dangling = makeFlow('a', { a: say('ghost') });
    expect(toCanvas(dangling).edges).toEqual([]);
  });

  for (const { file, text } of shipped) {
    it(`${file}: node data holds ids and words only, and every connected exit has its edge`, () => {
      const flow = JSON.parse(text) as Flow;
      const { nodes, edges } = toCanvas(flow);
      for (const node of nodes) expect(Object.values(node.data).every((value) => typeof value === 'string')).toBe(true);
      const exits = Object.entries(flow.nodes).flatMap(([nodeId, node]) =>
        getExits(node)
          .filter((exit) => exit.target !== undefined)
          .map((exit) => `${nodeId}:${exit.id}->${exit.target}`),
      );
      expect(edges.map((edge) => `${edge.id}->${edge.target}`)).toEqual(exits);
    });
  }
});

describe('the canvas round trip', () => {
  for (const { file, text } of shipped) {
    it(`${file}: applying its own canvas back changes not a byte`, () => {
      const flow = JSON.parse(text) as Flow;
      const result = applyCanvas(flow, toCanvas(flow));
      expect(result).toBe(flow);
      expect(JSON.stringify(result, null, 2)).toBe(JSON.stringify(flow, null, 2));
    });

    it(`${file}: a flow with every edge removed gets them all back from the canvas`, () => {
      const flow = JSON.parse(text) as Flow;
      const canvas = toCanvas(flow);
      const bare = canvas.edges.reduce((current, edge) => edited(disconnect(current, edge.id)), flow);
      expect(toCanvas(bare).edges).toEqual([]);
      expect(applyCanvas(bare, canvas)).toEqual(flow);
    });

    it(`${file}: a no-op move keeps the JSON text identical`, () => {
      const flow = JSON.parse(text) as Flow;
      const moved = edited(moveNodes(flow, structuredClone(flow.ui?.positions ?? {})));
      expect(JSON.stringify(moved, null, 2)).toBe(JSON.stringify(flow, null, 2));
    });
  }
});

describe('createCanvasDrawer', () => {
  const bank = JSON.parse(shipped.find(({ flowId }) => flowId === 'bank')!.text) as Flow;

  it('keeps the objects of nodes an edit did not touch, and draws the same as toCanvas', () => {
    const draw = createCanvasDrawer();
    const before = draw(bank);
    const renamed = { ...bank, nodes: { ...bank.nodes, greeting: { ...bank.nodes.greeting!, label: 'Hello' } } };
    const after = draw(renamed);
    expect(after).toEqual(toCanvas(renamed));
    const changed = after.nodes.filter((node, index) => node !== before.nodes[index]).map((node) => node.id);
    expect(changed).toEqual(['greeting']);
    const redrawnEdges = after.edges.filter((edge, index) => edge !== before.edges[index]).map((edge) => edge.source);
    expect(new Set(redrawnEdges)).toEqual(new Set(['greeting']));
  });

  it('redraws a moved node and drops edges to a removed node', () => {
    const draw = createCanvasDrawer();
    draw(bank);
    const { goodbye: _removed, ...rest } = bank.nodes;
    const moved = { ...bank, nodes: rest, ui: { ...bank.ui, positions: { ...bank.ui?.positions, greeting: { x: 999, y: 1 } } } };
    const after = draw(moved as Flow);
    expect(after).toEqual(toCanvas(moved as Flow));
    expect(after.nodes.find((node) => node.id === 'greeting')?.position).toEqual({ x: 999, y: 1 });
    expect(after.edges.some((edge) => edge.target === 'goodbye')).toBe(false);
  });
});
