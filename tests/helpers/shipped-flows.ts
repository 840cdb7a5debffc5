import { readFileSync } from 'node:fs';
import path from 'node:path';

// The examples the project ships, by name: `humanline serve` in a checkout
// publishes into flows/ too, and a user's own flow must never fail our tests.

export const SHIPPED_FLOW_IDS = ['bank', 'clinic', 'multilingual', 'utility-outage'] as const;
export type ShippedFlowId = (typeof SHIPPED_FLOW_IDS)[number];

export const SHIPPED_FLOWS_DIR = path.resolve(import.meta.dirname, '../../flows');

/** Each shipped example's file name and text, read from `dir` by name (whatever else `dir` holds). */
export function readShippedFlowTexts(dir: string = SHIPPED_FLOWS_DIR): { flowId: ShippedFlowId; file: string; text: string }[] {
  return SHIPPED_FLOW_IDS.map((flowId) => ({ flowId, file: `${flowId}.json`, text: readFileSync(path.join(dir, `${flowId}.json`), 'utf8') }));
}
