import { buildFlowGraph, UNCONNECTED, UNKNOWN_TARGET } from '../../core/graph/flow-graph.ts';
import type { Flow } from '../../core/schema/flow.ts';
import type { FallbackTarget } from '../twiml/fallback.ts';

/**
 * The transfer or queue closest to `fromNodeId` (else the entry), breadth first
 * over the flow's exits: where a caller goes when no fallback number exists.
 */
export function findNearestPerson(flow: Flow, fromNodeId: string | undefined): FallbackTarget {
  const graph = buildFlowGraph(flow);
  const start = (fromNodeId !== undefined ? graph.indexOf.get(fromNodeId) : undefined) ?? graph.entry;
  if (start < 0) return { kind: 'none' };
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const index = queue[head]!;
    const node = graph.nodes[index];
    if (node?.kind === 'transfer') return { kind: 'transfer', to: node.to };
    if (node?.kind === 'queue') return { kind: 'queue', queue: node.queue };
    for (let exit = graph.exitStart[index]!; exit < graph.exitStart[index + 1]!; exit++) {
      const target = graph.exitTarget[exit]!;
      if (target === UNCONNECTED || target === UNKNOWN_TARGET || seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return { kind: 'none' };
}

/** Where to send a caller when anything goes wrong: the flow's fallback, the configured one, the nearest person. */
export function getFallbackTarget(flow: Flow | undefined, atNodeId: string | undefined, configuredNumber: string | undefined): FallbackTarget {
  const flowNumber = flow?.settings?.fallback?.number;
  if (flowNumber !== undefined) return { kind: 'number', number: flowNumber };
  if (configuredNumber !== undefined) return { kind: 'number', number: configuredNumber };
  return flow === undefined ? { kind: 'none' } : findNearestPerson(flow, atNodeId);
}
