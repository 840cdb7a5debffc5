import type { Flow } from '../../core/schema/flow.ts';
import type { Scenario } from '../../core/testing/scenario.ts';

// A line's first flow whose goto can fail: the flow and the scenario the links tests share, offline and over webhooks.

export const LINKED_FLOW = {
  entry: 'm',
  nodes: {
    m: {
      kind: 'menu',
      prompt: 'Press 1 for billing, 0 for an agent.',
      options: [
        { key: '1', next: 'go' },
        { key: '0', next: 't' },
      ],
      noInput: { next: 't' },
      noMatch: { next: 't' },
    },
    go: { kind: 'goto', flow: 'billing', on: { failed: 'sorry' } },
    sorry: { kind: 'say', prompt: 'Billing is closed.', next: 't' },
    t: { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Leave a message.' },
  },
} as unknown as Flow;

/** The caller presses 1 and billing fails: the goto's failed route, then a person. */
export const BILLING_FAILS: Scenario = {
  flow: 'main',
  name: 'billing is down',
  environment: { links: { go: 'failed' } },
  steps: [{ expect: { prompt: { contains: 'Press 1 for billing' } } }, { press: '1' }, { expect: { prompt: { contains: 'Billing is closed' } } }, { reaches: { node: 'sorry' } }, { reaches: { person: true } }],
};

/** The flow `go` links to, as the line publishes it: it greets, then hands the caller to a person. */
export const BILLING_FLOW = {
  name: 'Billing',
  entry: 'hello',
  nodes: {
    hello: { kind: 'say', prompt: 'You are in billing.', next: 'agent' },
    agent: { kind: 'transfer', to: { number: '+34910000001' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Leave a message for billing.' },
  },
} as unknown as Flow;

/** The caller presses 1 and the call goes on in billing, to its agent. */
export const INTO_BILLING: Scenario = {
  flow: 'main',
  name: 'into billing',
  steps: [{ press: '1' }, { expect: { prompt: { contains: 'You are in billing' } } }, { reaches: { node: 'go' } }, { reaches: { person: true } }],
};
