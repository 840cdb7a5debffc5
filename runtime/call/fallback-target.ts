import { findNearestPerson as findNearestPersonNode } from '../../core/interpreter/index.ts';
import type { Flow } from '../../core/schema/flow.ts';
import type { FallbackTarget } from '../twiml/fallback.ts';

/** The transfer or queue nearest to `fromNodeId` (else to the entry), as the interpreter's guard finds it. */
export function findNearestPerson(flow: Flow, fromNodeId: string | undefined): FallbackTarget {
  const nodeId = findNearestPersonNode(flow, fromNodeId ?? flow.entry);
  const node = nodeId === undefined ? undefined : flow.nodes[nodeId];
  if (node?.kind === 'transfer') return { kind: 'transfer', to: node.to };
  if (node?.kind === 'queue') return { kind: 'queue', queue: node.queue };
  return { kind: 'none' };
}

/** Where to send a caller when anything goes wrong: the flow's fallback, the configured one, the nearest person. */
export function getFallbackTarget(flow: Flow | undefined, atNodeId: string | undefined, configuredNumber: string | undefined): FallbackTarget {
  const flowNumber = flow?.settings?.fallback?.number;
  if (flowNumber !== undefined) return { kind: 'number', number: flowNumber };
  if (configuredNumber !== undefined) return { kind: 'number', number: configuredNumber };
  return flow === undefined ? { kind: 'none' } : findNearestPerson(flow, atNodeId);
}
