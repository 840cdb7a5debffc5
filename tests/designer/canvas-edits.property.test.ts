import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getExits } from '../../core/nodes/registry.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import { connect, disconnect } from '../../designer/src/model/canvas-edits.ts';
import { toCanvas } from '../../designer/src/model/to-canvas.ts';
import { edited } from './edit-results.ts';

// Any sequence of drags between handles and edge deletions leaves a flow the
// schema accepts, and the canvas always shows exactly the flow's connections.

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const bank = deepFreeze(JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')) as Flow);
const nodeIds = Object.keys(bank.nodes);
const run = { seed: 20260406, numRuns: 300 };

/** One gesture, its node, exit and target picked by index so every pick is valid. */
const gesture = fc.record({ connects: fc.boolean(), source: fc.nat(), exit: fc.nat(), target: fc.nat() });

function connectedExits(flow: Flow): string[] {
  return Object.entries(flow.nodes).flatMap(([nodeId, node]) =>
    getExits(node)
      .filter((exit) => exit.target !== undefined)
      .map((exit) => `${nodeId}:${exit.id}->${exit.target}`),
  );
}

describe('random canvas edits on the bank flow', () => {
  it('keep the flow valid and the canvas edges equal to its connected exits', () => {
    fc.assert(
      fc.property(fc.array(gesture, { maxLength: 40 }), (gestures) => {
        let flow = bank;
        for (const { connects, source, exit, target } of gestures) {
          const sourceId = nodeIds[source % nodeIds.length]!;
          const exits = getExits(flow.nodes[sourceId]!);
          if (exits.length === 0) continue;
          const exitId = exits[exit % exits.length]!.id;
          // Frozen deep, so any edit that wrote into its input would throw.
          flow = deepFreeze(
            connects
              ? edited(connect(flow, { source: sourceId, sourceHandle: exitId, target: nodeIds[target % nodeIds.length]! }))
              : edited(disconnect(flow, `${sourceId}:${exitId}`)),
          );
          const parsed = parseFlow(flow);
          expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
          expect(toCanvas(flow).edges.map((edge) => `${edge.id}->${edge.target}`)).toEqual(connectedExits(flow));
        }
      }),
      run,
    );
  });

  it('disconnect undoes connecting an unconnected exit, byte for byte', () => {
    const bare = toCanvas(bank).edges.reduce((flow, edge) => edited(disconnect(flow, edge.id)), bank);
    fc.assert(
      fc.property(gesture, ({ source, exit, target }) => {
        const sourceId = nodeIds[source % nodeIds.length]!;
        const exits = getExits(bare.nodes[sourceId]!);
        if (exits.length === 0) return;
        const exitId = exits[exit % exits.length]!.id;
        const connected = edited(connect(bare, { source: sourceId, sourceHandle: exitId, target: nodeIds[target % nodeIds.length]! }));
        expect(JSON.stringify(edited(disconnect(connected, `${sourceId}:${exitId}`)))).toBe(JSON.stringify(bare));
      }),
      run,
    );
  });
});
