import { describe, expect, it } from 'vitest';
import { FlowSchema } from '../../core/schema/flow.ts';
import { call, expectWait, last, press, say } from './helpers.ts';

// An input's `speech`: the caller may say the answer instead of keying it, and the call
// goes on by `speech.next`, as a Studio gather's speech route does.

const flow = FlowSchema.parse({
  name: 'Input speech',
  entry: 'ask',
  nodes: {
    ask: {
      kind: 'input',
      prompt: 'Enter your order number, or tell us what you need.',
      variable: 'order',
      maxDigits: 6,
      speech: { language: 'en-GB', hints: ['refund'], next: 'assistant' },
      next: 'lookup',
      invalid: { retries: 0, next: 'agent' },
    },
    lookup: { kind: 'say', prompt: 'Looking up order {{order}}.', next: 'agent' },
    assistant: { kind: 'say', prompt: 'You said {{order}}.', next: 'agent' },
    agent: { kind: 'transfer', to: { number: '+15550000000' }, on: { busy: 'bye', noAnswer: 'bye', failed: 'bye' } },
    bye: { kind: 'hangup' },
  },
});

describe('the schema of an input\'s speech', () => {
  it('accepts language, hints and next', () => {
    expect(FlowSchema.safeParse(flow).success).toBe(true);
  });

  it('refuses a field it does not know, and a bad language tag', () => {
    const withSpeech = (speech: unknown) => FlowSchema.safeParse({ ...flow, nodes: { ...flow.nodes, ask: { ...flow.nodes.ask!, speech } } }).success;
    expect(withSpeech({ nxt: 'assistant' })).toBe(false);
    expect(withSpeech({ language: 'English' })).toBe(false);
  });
});

describe('speech at an input with speech', () => {
  it('listens for speech, in the node\'s language and with its hints', () => {
    const wait = expectWait(call(flow, [])[0]!, 'input', 'ask');
    expect(wait.speech).toEqual({ language: 'en-GB', hints: ['refund'] });
  });

  it('stores what was said in the variable and goes to speech.next', () => {
    const step = last(flow, [say('I want a refund')]);
    expect(step.exits?.[0]).toEqual({ nodeId: 'ask', exitId: 'speech.next' });
    expect(step.state.variables.order).toBe('I want a refund');
    expect(step.path).toContain('assistant');
  });

  it('valid digits still go to next', () => {
    const step = last(flow, [press('123456#')]);
    expect(step.exits?.[0]).toEqual({ nodeId: 'ask', exitId: 'next' });
    expect(step.state.variables.order).toBe('123456');
  });

  it('without speech.next, what was said goes on to next as valid digits do', () => {
    const plain = FlowSchema.parse({ ...flow, nodes: { ...flow.nodes, ask: { ...flow.nodes.ask!, speech: {} } } });
    const step = last(plain, [say('I want a refund')]);
    expect(step.exits?.[0]).toEqual({ nodeId: 'ask', exitId: 'next' });
    expect(step.state.variables.order).toBe('I want a refund');
  });

  it('an input without speech does not listen for it, and words are invalid digits as before', () => {
    const { speech: _speech, ...ask } = flow.nodes.ask as Extract<typeof flow.nodes.ask, { kind: 'input' }>;
    const keysOnly = FlowSchema.parse({ ...flow, nodes: { ...flow.nodes, ask } });
    expect(expectWait(call(keysOnly, [])[0]!, 'input', 'ask').speech).toBeUndefined();
    expect(last(keysOnly, [say('I want a refund')]).exits?.[0]).toEqual({ nodeId: 'ask', exitId: 'invalid.next' });
  });
});
