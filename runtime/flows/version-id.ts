import { createHash } from 'node:crypto';
import type { Flow } from '../../core/schema/flow.ts';

/** A published version's id: a hash of the flow as served, so an unchanged save publishes nothing new. */
export function getVersionId(flow: Flow): string {
  return createHash('sha256').update(JSON.stringify(flow)).digest('hex').slice(0, 16);
}
