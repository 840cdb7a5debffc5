import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Flow, FlowNode } from '../../core/schema/flow.ts';

// The soak's copy of the example flows, and what a caller needs to know of them:
// which node a Gather's prompt belongs to, and which keys there are valid. Look-up
// URLs point at the soak's own loopback server, so no request leaves 127.0.0.1.

const SHIPPED_FLOWS = path.resolve(import.meta.dirname, '../../flows');

/** What a caller hears a Gather for, recognised by its prompt. */
export type GatherNode =
  | { kind: 'menu'; nodeId: string; keys: string[]; keysThatEndTheCall: string[] }
  | { kind: 'input'; nodeId: string; minDigits: number; maxDigits: number }
  | { kind: 'survey'; nodeId: string };

export interface FlowGuide {
  flowId: string;
  /** every prompt text of a menu, input or survey node (each language) -> the node */
  gathersByPrompt: Map<string, GatherNode>;
  /** the first thing a new caller hears: the entry node's prompt, when it is a text */
  greeting: string | undefined;
}

/** The texts of a prompt: one, one per language, or none for a recording. */
function getPromptTexts(prompt: unknown): string[] {
  if (typeof prompt === 'string') return [prompt];
  if (prompt === null || typeof prompt !== 'object' || 'audio' in prompt) return [];
  return Object.values(prompt).filter((text): text is string => typeof text === 'string');
}

/** Whether going to `target` ends the call with no person on the way (through says and sets only): the flow's "end the call". */
function endsTheCall(flow: Flow, target: string | undefined): boolean {
  const seen = new Set<string>();
  let nodeId = target;
  while (nodeId !== undefined && !seen.has(nodeId)) {
    seen.add(nodeId);
    const node: FlowNode | undefined = flow.nodes[nodeId];
    if (node === undefined || node.kind === 'hangup') return true;
    if (node.kind !== 'say' && node.kind !== 'set') return false;
    nodeId = node.next;
  }
  return nodeId === undefined;
}

function toGatherNode(flow: Flow, nodeId: string, node: FlowNode): GatherNode | undefined {
  if (node.kind === 'menu') {
    const keys = node.options.flatMap((option) => (option.key === undefined ? [] : [option.key]));
    const keysThatEndTheCall = node.options.flatMap((option) => (option.key !== undefined && endsTheCall(flow, option.next) ? [option.key] : []));
    return { kind: 'menu', nodeId, keys, keysThatEndTheCall };
  }
  if (node.kind === 'input') return { kind: 'input', nodeId, minDigits: node.minDigits ?? 1, maxDigits: node.maxDigits ?? node.minDigits ?? 4 };
  if (node.kind === 'survey') return { kind: 'survey', nodeId };
  return undefined;
}

export function createFlowGuide(flowId: string, flow: Flow): FlowGuide {
  const gathersByPrompt = new Map<string, GatherNode>();
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    const gather = toGatherNode(flow, nodeId, node);
    if (gather === undefined || !('prompt' in node)) continue;
    for (const text of getPromptTexts(node.prompt)) gathersByPrompt.set(text, gather);
  }
  const entry = flow.nodes[flow.entry];
  const greeting = entry !== undefined && 'prompt' in entry ? getPromptTexts(entry.prompt)[0] : undefined;
  return { flowId, gathersByPrompt, greeting };
}

/** Adds a newer version's prompts: calls pinned to either version are recognised. */
export function addFlowVersion(guide: FlowGuide, flow: Flow): void {
  for (const [text, gather] of createFlowGuide(guide.flowId, flow).gathersByPrompt) guide.gathersByPrompt.set(text, gather);
}

/** The shipped flows as written to `dir`, each look-up's URL moved to `lookupBaseUrl` (same path). */
export function writeSoakFlows(dir: string, lookupBaseUrl: string): Map<string, Flow> {
  const flows = new Map<string, Flow>();
  for (const fileName of readdirSync(SHIPPED_FLOWS).filter((name) => name.endsWith('.json'))) {
    const flow = JSON.parse(readFileSync(path.join(SHIPPED_FLOWS, fileName), 'utf8')) as Flow & { $schema?: string };
    delete flow.$schema;
    for (const node of Object.values(flow.nodes)) {
      if (node.kind === 'http') node.request.url = new URL(new URL(node.request.url).pathname, lookupBaseUrl).href;
    }
    const flowId = fileName.slice(0, -'.json'.length);
    writeFlowFile(dir, flowId, flow);
    flows.set(flowId, flow);
  }
  return flows;
}

export function writeFlowFile(dir: string, flowId: string, content: Flow | Buffer): void {
  writeFileSync(path.join(dir, `${flowId}.json`), Buffer.isBuffer(content) ? content : `${JSON.stringify(content, null, 2)}\n`);
}
