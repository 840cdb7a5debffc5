import type { Flow, FlowNode } from '../core/schema/flow.ts';

/**
 * A valid flow of about `nodeCount` nodes: a long line of menu blocks, each
 * with a look-up, an info prompt, an agent and a voicemail, as a large bank
 * or utility line would have. Every menu keeps 0, silence and nonsense on a
 * person, so the whole flow passes the linter and every rule runs in full.
 */
export function generateFlow(nodeCount: number): Flow {
  const blocks = Math.max(1, Math.floor(nodeCount / 6));
  const nodes: Record<string, FlowNode> = {};
  for (let i = 0; i < blocks; i++) {
    const next = i + 1 < blocks ? `menu${i + 1}` : `menu${i}`;
    nodes[`menu${i}`] = {
      kind: 'menu',
      prompt: { 'en-US': `Menu ${i}. For news press 1, for your account press 2, for an agent press 0.` },
      options: [
        { key: '1', next: `info${i}` },
        { key: '2', next: `lookup${i}` },
        { key: '0', next: `agent${i}` },
      ],
      noInput: { retries: 2, next: `agent${i}` },
      noMatch: { retries: 2, next: `agent${i}` },
    };
    nodes[`info${i}`] = { kind: 'say', prompt: { 'en-US': `Here is the news for block ${i}.` }, next };
    nodes[`lookup${i}`] = {
      kind: 'http',
      request: { url: `https://api.example.com/accounts/${i}` },
      on: { ok: `hours${i}`, failed: `agent${i}`, timeout: `agent${i}` },
    };
    nodes[`hours${i}`] = {
      kind: 'condition',
      test: { type: 'hours', timezone: 'Europe/Madrid', weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] } },
      then: next,
      else: `vm${i}`,
    };
    nodes[`agent${i}`] = {
      kind: 'transfer',
      to: { number: '+34910000000' },
      on: { answered: 'bye', busy: `vm${i}`, noAnswer: `vm${i}`, failed: `vm${i}` },
    };
    nodes[`vm${i}`] = { kind: 'voicemail', prompt: { 'en-US': 'Please leave a message after the tone.' }, next: 'bye' };
  }
  nodes.bye = { kind: 'hangup', prompt: { 'en-US': 'Goodbye.' } };
  return { name: `generated ${nodeCount}`, settings: { languages: ['en-US'] }, entry: 'menu0', nodes };
}
