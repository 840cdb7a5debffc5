// Small flows in the humanline format for the CLI tests.

/** Press 0 (or stay silent) for an agent; voicemail when nobody answers. No problems. */
export const cleanFlow = {
  name: 'clean line',
  entry: 'main',
  nodes: {
    main: {
      kind: 'menu',
      prompt: 'Press 0 for an agent',
      options: [{ key: '0', next: 'agent' }],
      noInput: { retries: 2, next: 'agent' },
      noMatch: { retries: 2, next: 'agent' },
    },
    agent: {
      kind: 'transfer',
      to: { number: '+15550100' },
      on: { answered: 'bye', busy: 'vm', noAnswer: 'vm', failed: 'vm' },
    },
    vm: { kind: 'voicemail', prompt: 'Leave a message', next: 'bye' },
    bye: { kind: 'hangup' },
  },
};

/** The agent sits behind key 1, not 0: only `operator-key` objects. */
export const noOperatorKeyFlow = {
  ...cleanFlow,
  name: 'no operator key',
  nodes: {
    ...cleanFlow.nodes,
    main: { ...cleanFlow.nodes.main, prompt: 'Press 1 for an agent', options: [{ key: '1', next: 'agent' }] },
  },
};

/** The same, with `operator-key` lowered to a warning by the flow itself. */
export const warningFlow = { ...noOperatorKeyFlow, name: 'warning only', rules: { 'operator-key': 'warn' } };

/** No person anywhere; a silent caller is hung up on. */
export const trapFlow = {
  name: 'trap',
  entry: 'main',
  nodes: {
    main: {
      kind: 'menu',
      prompt: 'Press 1 for our opening hours',
      options: [{ key: '1', next: 'hours' }],
      noInput: { retries: 2, next: 'bye' },
      noMatch: { retries: 2, next: 'main' },
    },
    hours: { kind: 'say', prompt: 'We are open nine to five', next: 'main' },
    bye: { kind: 'hangup' },
  },
};

/** Fails the schema: a typo in a field name. */
export const typoFlow = {
  name: 'typo',
  entry: 'main',
  nodes: { main: { kind: 'hangup', promt: 'Goodbye' } },
};

export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
