import type { NodeKind, NodeOfKind } from '../../../core/schema/flow.ts';

// What a node dragged from the palette starts as: the least that passes the
// schema, unconnected, with placeholder content the designer will replace.
// Typed per kind, so a new node kind without a default fails to compile.

const WEEKDAY_HOURS: [string, string][] = [['09:00', '17:00']];

const NEW_NODES: { [K in NodeKind]: () => NodeOfKind<K> } = {
  say: () => ({ kind: 'say', prompt: 'Thank you for calling.' }),
  set: () => ({ kind: 'set', assign: { variable: 'value' } }),
  // The 0 option is there from the start: every menu needs a way to a person.
  menu: () => ({ kind: 'menu', prompt: 'To speak with an agent, press 0.', options: [{ key: '0', label: 'Agent' }] }),
  input: () => ({ kind: 'input', prompt: 'Please enter your account number, followed by the pound key.', variable: 'digits' }),
  condition: () => ({
    kind: 'condition',
    test: {
      type: 'hours',
      timezone: 'America/New_York',
      weekly: { mon: WEEKDAY_HOURS, tue: WEEKDAY_HOURS, wed: WEEKDAY_HOURS, thu: WEEKDAY_HOURS, fri: WEEKDAY_HOURS },
    },
  }),
  http: () => ({ kind: 'http', request: { url: 'https://api.example.com/lookup' }, on: {} }),
  // 555-01xx numbers are reserved for fiction: a placeholder that can never ring anyone.
  transfer: () => ({ kind: 'transfer', prompt: 'Connecting you to an agent.', to: { number: '+12025550100' }, on: {} }),
  queue: () => ({ kind: 'queue', queue: 'support', prompt: 'Please hold for the next available agent.', on: {} }),
  voicemail: () => ({ kind: 'voicemail', prompt: 'Please leave a message after the tone.' }),
  callback: () => ({ kind: 'callback', prompt: 'We will call you back at this number.', confirmNumber: true }),
  survey: () => ({ kind: 'survey', prompt: 'How satisfied were you with your call? Press a key from 1 to 5.' }),
  goto: () => ({ kind: 'goto', flow: 'main' }),
  hangup: () => ({ kind: 'hangup', prompt: 'Thank you for calling. Goodbye.' }),
};

/** A fresh node of `kind` with default content; a new object each call, so nodes never share state. */
export function createNewNode<K extends NodeKind>(kind: K): NodeOfKind<K> {
  return (NEW_NODES[kind] as () => NodeOfKind<K>)();
}
