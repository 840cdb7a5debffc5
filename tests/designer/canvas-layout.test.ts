import dagre from '@dagrejs/dagre';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getExits } from '../../core/nodes/registry.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { layoutFlow, placeUnplacedNodes, toLayoutGraph } from '../../designer/src/model/layout.ts';
import { hangup, makeFlow, menu, say } from '../helpers/flows.ts';
import { readShippedFlowTexts } from '../helpers/shipped-flows.ts';
import { anyFlow, severalFaultsFlow } from '../property/arbitraries.ts';

// Auto-layout moves nodes and nothing else; the entry leads, and no two
// nodes cover each other.

const shipped = readShippedFlowTexts().map(({ file, text }) => ({ file, flow: JSON.parse(text) as Flow }));

const size = { nodeWidth: 200, nodeHeight: 90 };

function overlapping(flow: Flow): string[] {
  const boxes = Object.entries(flow.ui!.positions!);
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i]!;
      const [b, q] = boxes[j]!;
      if (p.x < q.x + size.nodeWidth && q.x < p.x + size.nodeWidth && p.y < q.y + size.nodeHeight && q.y < p.y + size.nodeHeight) found.push(`${a} / ${b}`);
    }
  }
  return found;
}

/** The fewest transitions from the entry to each node the entry reaches. */
function getCallerDepths(flow: Flow): Map<string, number> {
  const depths = new Map([[flow.entry, 0]]);
  const queue = [flow.entry];
  for (let head = 0; head < queue.length; head++) {
    const nodeId = queue[head]!;
    for (const exit of getExits(flow.nodes[nodeId]!)) {
      if (exit.target === undefined || depths.has(exit.target) || !Object.hasOwn(flow.nodes, exit.target)) continue;
      depths.set(exit.target, depths.get(nodeId)! + 1);
      queue.push(exit.target);
    }
  }
  return depths;
}

describe('layoutFlow', () => {
  for (const { file, flow } of shipped) {
    for (const direction of ['TB', 'LR'] as const) {
      it(`${file} ${direction}: places every node, without overlaps, the entry first, nothing else changed`, () => {
        const laid = layoutFlow(flow, { ...size, direction });
        const positions = laid.ui!.positions!;
        expect(Object.keys(positions)).toEqual(Object.keys(flow.nodes));
        expect(overlapping(laid)).toEqual([]);
        const axis = direction === 'TB' ? 'y' : 'x';
        const entry = positions[flow.entry]![axis];
        for (const [nodeId, position] of Object.entries(positions)) if (nodeId !== flow.entry) expect(position[axis], nodeId).toBeGreaterThan(entry);
        expect({ ...laid, ui: { ...laid.ui, positions: flow.ui?.positions } }).toEqual(flow);
        expect(JSON.stringify(Object.keys(laid))).toBe(JSON.stringify(Object.keys(flow)));
      });
    }

    it(`${file}: the same flow gets the same layout`, () => {
      expect(JSON.stringify(layoutFlow(flow))).toBe(JSON.stringify(layoutFlow(structuredClone(flow))));
    });
  }

  it('keeps the entry on top when a loop and an unreachable node lead into it', () => {
    const flow = makeFlow('start', {
      stray: say('start'),
      loop: say('start'),
      start: say('loop'),
      island: say('island_end'),
      island_end: hangup(),
    });
    const positions = layoutFlow(flow, size).ui!.positions!;
    expect(Object.keys(positions)).toEqual(['stray', 'loop', 'start', 'island', 'island_end']);
    for (const nodeId of ['stray', 'loop', 'island', 'island_end']) expect(positions[nodeId]!.y, nodeId).toBeGreaterThan(positions.start!.y);
    expect(overlapping(layoutFlow(flow, size))).toEqual([]);
  });

  it('draws a flow as shallow as callers walk it: one row per transition from the entry, a "back to the menu" pulling nothing down', () => {
    for (const { file, flow } of shipped) {
      const laid = layoutFlow(flow, size).ui!.positions!;
      const depths = getCallerDepths(flow);
      const rows = new Set(Object.values(laid).map((position) => position.y));
      expect(rows.size, file).toBe(Math.max(...depths.values()) + 1);
      for (const [nodeId, depth] of depths) expect(laid[nodeId]!.y, `${file}: ${nodeId}`).toBe(laid[flow.entry]!.y + depth * (size.nodeHeight + 70));
    }
  });

  it("ranks in one pass exactly as dagre's network simplex does, which is quadratic in the flow", () => {
    /** Every node's centre, laid out with the given ranker. */
    const centres = (flow: Flow, ranker?: 'network-simplex') => {
      const graph = toLayoutGraph(flow, size);
      if (ranker !== undefined) graph.graph().ranker = ranker;
      dagre.layout(graph);
      return Object.keys(flow.nodes).map((nodeId) => ({ nodeId, x: graph.node(nodeId).x, y: graph.node(nodeId).y }));
    };
    for (const { file, flow } of shipped) expect(centres(flow), file).toEqual(centres(flow, 'network-simplex'));
    fc.assert(
      fc.property(fc.oneof(anyFlow, severalFaultsFlow), (flow) => {
        expect(centres(flow)).toEqual(centres(flow, 'network-simplex'));
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it('gives a flow without a ui part one, and lays out one whose entry names no node', () => {
    const flow = makeFlow('ghost', { a: say('b'), b: hangup() });
    const laid = layoutFlow(flow);
    expect(Object.keys(laid.ui!.positions!)).toEqual(['a', 'b']);
    expect(laid.ui!.positions!.b!.y).toBeGreaterThan(laid.ui!.positions!.a!.y);
  });
});

describe('placeUnplacedNodes, as a flow opens', () => {
  const bank = shipped.find(({ file }) => file.startsWith('bank'))!.flow;

  it('returns a flow whose nodes all have a place as it is', () => {
    expect(placeUnplacedNodes(bank)).toBe(bank);
  });

  it('lays out a flow that places no node, as Auto layout does', () => {
    const { ui: _ui, ...unplaced } = bank;
    expect(placeUnplacedNodes(unplaced, size)).toEqual(layoutFlow(unplaced, size));
  });

  it('places a flow too large for dagre at open row by row: one row per transition from the entry, file order across, no card on another', () => {
    // a tree of 511 menus and 512 hang-ups: dagre takes about half a second at this size, with the page frozen
    const nodes: Flow['nodes'] = {};
    for (let index = 0; index < 1023; index++) {
      const [left, right] = [`n${2 * index + 1}`, `n${2 * index + 2}`];
      nodes[`n${index}`] = 2 * index + 1 < 1023 ? menu({ '1': left, '2': right }, { fallback: left }) : hangup();
    }
    const flow = makeFlow('n0', nodes);
    const placed = placeUnplacedNodes(flow, size);
    const positions = placed.ui!.positions!;
    const depth = (index: number) => Math.floor(Math.log2(index + 1));
    for (let index = 0; index < 1023; index++) {
      const column = index + 1 - 2 ** depth(index);
      expect(positions[`n${index}`], `n${index}`).toEqual({ x: column * (size.nodeWidth + 30), y: depth(index) * (size.nodeHeight + 70) });
    }
    expect({ ...placed, ui: undefined }).toEqual({ ...flow, ui: undefined });
  });

  it('places nodes missing among placed ones below them, moving none of the placed, with no card on another', () => {
    const positions = { ...bank.ui!.positions! };
    const missing = Object.keys(bank.nodes).slice(-3);
    for (const nodeId of missing) delete positions[nodeId];
    const placed = placeUnplacedNodes({ ...bank, ui: { positions } }, size);
    const result = placed.ui!.positions!;
    for (const [nodeId, position] of Object.entries(positions)) expect(result[nodeId], nodeId).toEqual(position);
    const lowest = Math.max(...Object.values(positions).map(({ y }) => y));
    for (const nodeId of missing) expect(result[nodeId]!.y, nodeId).toBeGreaterThanOrEqual(lowest + size.nodeHeight);
    expect(overlapping(placed)).toEqual([]);
  });
});
