import { forEachPrompt } from '../../../core/nodes/registry.ts';
import type { FlowNode, Prompt } from '../../../core/schema/flow.ts';

const MAX_CHARS = 70;

function getPromptText(prompt: Prompt): string {
  if (typeof prompt === 'string') return prompt;
  if ('audio' in prompt && typeof prompt.audio === 'string') return `♪ ${prompt.audio}`;
  return Object.values(prompt).find((text): text is string => typeof text === 'string') ?? '';
}

/** The first words of the node's first prompt, for the card on the canvas. */
export function getNodeSummary(node: FlowNode): string {
  let text = '';
  forEachPrompt(node, (_field, prompt) => {
    if (text === '') text = getPromptText(prompt);
  });
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}
