import { describe, expect, it } from 'vitest';
import { FlowSchema } from '../../core/schema/flow.ts';
import { call, expectWait, last, press, say } from './helpers.ts';

// A menu's `speech.next`: where speech that matches no option goes, as a Studio gather's speech route does.

const flow = FlowSchema.parse({
  name: 'Speech next',
  entry: 'menu',
  nodes: {
    menu: {
      kind: 'menu',
      prompt: 'Press 1 for sales, or tell us what you need.',
      options: [{ key: '1', phrases: ['sales'], next: 'sales' }, { key: '0', next: 'agent' }],
      speech: { next: 'assistant' },
      noMatch: { retries: 1, next: 'agent' },
    },
    sales: { kind: 'transfer', to: { number: '+15550000001' }, on: { busy: 'callback', noAnswer: 'callback', failed: 'callback' } },
    assistant: { kind: 'say', prompt: 'Let me find someone for that.', next: 'agent' },
    agent: { kind: 'transfer', to: { number: '+15550000000' }, on: { busy: 'callback', noAnswer: 'callback', failed: 'callback' } },
    callback: { kind: 'callback', prompt: 'We will call you back.' },
  },
});

describe('unmatched speech at a menu with speech.next', () => {
  it('goes to speech.next at once, with no re-prompt', () => {
    const step = last(flow, [say('my card was stolen')]);
    expect(step.exits?.[0]).toEqual({ nodeId: 'menu', exitId: 'speech.next' });
    expect(step.path).toContain('assistant');
    expect(step.miss).toBeUndefined();
  });

  it('speech that matches an option still picks it', () => {
    expect(last(flow, [say('sales please')]).exits).toEqual([{ nodeId: 'menu', exitId: 'options.0.next' }]);
  });

  it('a wrong key is still a no-match that re-prompts', () => {
    const [, reprompt] = call(flow, [press('7')]);
    expectWait(reprompt!, 'input', 'menu');
    expect(reprompt!.miss).toBe('noMatch');
  });

  it('without speech.next, unmatched speech is a no-match as before', () => {
    const plain = FlowSchema.parse({ ...flow, nodes: { ...flow.nodes, menu: { ...flow.nodes.menu!, speech: {} } } });
    const [, reprompt] = call(plain, [say('my card was stolen')]);
    expectWait(reprompt!, 'input', 'menu');
    expect(reprompt!.miss).toBe('noMatch');
  });
});
