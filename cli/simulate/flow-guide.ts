import type { Flow, FlowNode } from '../../core/schema/flow.ts';

// What a simulated caller needs to know of a flow: which node a Gather's prompt
// belongs to, and which keys there are valid. The caller only hears TwiML, as a
// phone does; this is how it tells a menu from an input or a survey.

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
