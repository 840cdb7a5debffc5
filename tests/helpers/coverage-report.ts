import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Flow } from '../../core/schema/flow.ts';
import { getCoverage } from '../../core/testing/coverage.ts';
import { generateWalks } from '../../core/testing/paths.ts';
import { SHIPPED_FLOWS_DIR } from './shipped-flows.ts';

// A report as `humanline test --coverage -f json` prints it (contract: `{ scenarios, coverage: FlowCoverage[] }`),
// made from core's own coverage of a few generated walks, so some exits and nodes are left unwalked.

export const readShippedFlow = (flowId: string): Flow => JSON.parse(readFileSync(path.join(SHIPPED_FLOWS_DIR, `${flowId}.json`), 'utf8')) as Flow;

/** The coverage of the shipped flow `flowId` by its first `walkCount` generated walks. */
export function createFlowCoverage(flowId: string, walkCount: number) {
  const flow = readShippedFlow(flowId);
  return { flowId, flow: `flows/${flowId}.json`, name: flow.name, ...getCoverage(flow, generateWalks(flow).slice(0, walkCount)) };
}

/** The JSON text of a report covering each of `flowIds` with its first `walkCount` walks. */
export function createCoverageReportText(flowIds: readonly string[], walkCount: number): string {
  return JSON.stringify({ scenarios: [], coverage: flowIds.map((flowId) => createFlowCoverage(flowId, walkCount)) }, null, 2);
}
