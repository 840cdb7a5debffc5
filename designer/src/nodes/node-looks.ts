import { NODE_KINDS } from '../../../core/nodes/registry.ts';
import type { NodeKind } from '../../../core/schema/flow.ts';

// How each kind looks on the canvas and in the palette. The category comes
// from the registry (who decides, what reaching the node means), so colours
// follow the guarantee's meaning rather than a list kept by hand.

export type NodeCategory = 'caller' | 'environment' | 'human' | 'followUp' | 'closing' | 'step';

export const CATEGORY_NAMES: Record<NodeCategory, string> = {
  caller: 'Caller decides',
  environment: 'Environment decides',
  human: 'Reaches a person',
  followUp: 'Follow-up',
  closing: 'Ends the call',
  step: 'Plays or sets',
};

// Glyphs every common system font has (DejaVu included), so no icon shows as a box.
const KIND_ICONS = {
  say: '▶',
  set: '✎',
  menu: '☷',
  input: '⌨',
  condition: '◇',
  http: '⇄',
  transfer: '☎',
  queue: '≣',
  voicemail: '✉',
  callback: '↺',
  survey: '★',
  goto: '↪',
  hangup: '⊘',
} satisfies Record<NodeKind, string>;

export function getNodeIcon(kind: NodeKind): string {
  return KIND_ICONS[kind];
}

export function getNodeCategory(kind: NodeKind): NodeCategory {
  const { role, decider } = NODE_KINDS[kind];
  if (role === 'human') return 'human';
  if (role === 'followUp') return 'followUp';
  if (role === 'end') return 'closing';
  if (decider === 'caller') return 'caller';
  if (decider === 'environment') return 'environment';
  return 'step';
}

export function getKindDescription(kind: NodeKind): string {
  return NODE_KINDS[kind].description;
}

/** The kinds in palette order: what a caller meets first, closing nodes last. */
export const PALETTE_KINDS: readonly NodeKind[] = ['say', 'menu', 'input', 'condition', 'http', 'set', 'transfer', 'queue', 'voicemail', 'callback', 'survey', 'goto', 'hangup'];
