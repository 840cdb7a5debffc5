import type { Flow, FlowNode } from '../core/schema/flow.ts';

/**
 * A valid flow of about `nodeCount` nodes, shaped like the files the designer
 * saves and like the shipped examples (flows/bank.json): every node has a
 * label and a canvas position, menus speak full sentences and name their
 * options. It is a long line of menu blocks, each with a look-up, an info
 * prompt, an hours check, an agent and a voicemail; every menu keeps 0,
 * silence and nonsense on a person, so the whole flow passes the linter and
 * every rule runs in full.
 */
export function generateFlow(nodeCount: number): Flow {
  const blocks = Math.max(1, Math.floor(nodeCount / 6));
  const nodes: Record<string, FlowNode> = {};
  const positions: Record<string, { x: number; y: number }> = {};
  const place = (id: string, column: number, row: number) => (positions[id] = { x: column * 250, y: row * 150 });
  for (let i = 0; i < blocks; i++) {
    const next = i + 1 < blocks ? `menu${i + 1}` : `menu${i}`;
    nodes[`menu${i}`] = {
      kind: 'menu',
      label: `Menu ${i}`,
      prompt: `You are in service area ${i}. For news about your service, press 1. For your account and recent payments, press 2. To speak with an agent, press 0.`,
      options: [
        { key: '1', label: 'News', next: `info${i}` },
        { key: '2', label: 'Account', next: `lookup${i}` },
        { key: '0', label: 'Agent', next: `agent${i}` },
      ],
      noInput: { retries: 2, prompt: 'Sorry, I did not hear you.', next: `agent${i}` },
      noMatch: { retries: 2, prompt: 'Sorry, that is not one of the options.', next: `agent${i}` },
    };
    nodes[`info${i}`] = { kind: 'say', label: `News ${i}`, prompt: `Here is the latest news for service area ${i}: all systems are working normally.`, next };
    nodes[`lookup${i}`] = {
      kind: 'http',
      label: `Account look-up ${i}`,
      request: { url: `https://api.example.com/accounts/${i}` },
      timeout: 3,
      saveAs: 'account',
      on: { ok: `hours${i}`, failed: `agent${i}`, timeout: `agent${i}` },
    };
    nodes[`hours${i}`] = {
      kind: 'condition',
      label: `Office hours ${i}`,
      test: { type: 'hours', timezone: 'Europe/Madrid', weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] } },
      then: next,
      else: `vm${i}`,
    };
    nodes[`agent${i}`] = {
      kind: 'transfer',
      label: `Agent ${i}`,
      to: { number: '+34910000000' },
      on: { answered: 'bye', busy: `vm${i}`, noAnswer: `vm${i}`, failed: `vm${i}` },
    };
    nodes[`vm${i}`] = { kind: 'voicemail', label: `Voicemail ${i}`, prompt: 'Please leave your name, number and message after the tone.', next: 'bye' };
    ['menu', 'info', 'lookup', 'hours', 'agent', 'vm'].forEach((kind, column) => place(`${kind}${i}`, column, i));
  }
  nodes.bye = { kind: 'hangup', label: 'Goodbye', prompt: 'Thank you for calling. Goodbye.' };
  place('bye', 6, 0);
  return { name: `generated ${nodeCount}`, settings: { languages: ['en-US'] }, entry: 'menu0', nodes, ui: { positions } };
}
