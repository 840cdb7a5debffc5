import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Flow } from '../../core/schema/flow.ts';
import { readShippedFlowTexts } from '../../tests/helpers/shipped-flows.ts';

// The soak's copy of the example flows. Look-up URLs point at the soak's own
// loopback server, so no request leaves 127.0.0.1.

/** The shipped flows as written to `dir`, each look-up's URL moved to `lookupBaseUrl` (same path). */
export function writeSoakFlows(dir: string, lookupBaseUrl: string): Map<string, Flow> {
  const flows = new Map<string, Flow>();
  for (const { flowId, text } of readShippedFlowTexts()) {
    const flow = JSON.parse(text) as Flow & { $schema?: string };
    delete flow.$schema;
    for (const node of Object.values(flow.nodes)) {
      if (node.kind === 'http') node.request.url = new URL(new URL(node.request.url).pathname, lookupBaseUrl).href;
    }
    writeFlowFile(dir, flowId, flow);
    flows.set(flowId, flow);
  }
  return flows;
}

export function writeFlowFile(dir: string, flowId: string, content: Flow | Buffer): void {
  writeFileSync(path.join(dir, `${flowId}.json`), Buffer.isBuffer(content) ? content : `${JSON.stringify(content, null, 2)}\n`);
}
