import { describe, expect, it } from 'vitest';
import { continueCall, describeWait, enterFlow } from '../../core/interpreter/index.ts';
import { FlowSchema } from '../../core/schema/flow.ts';
import { call, heard, press, runOptions } from './helpers.ts';

// A goto node hands the call to another flow of the line: the interpreter stops there with a
// `link` wait (the runtime finds the flow and its pinned version), goes on in the linked flow
// when asked to enter it, and takes the goto's failed route when the flow cannot start.

const agent = { kind: 'transfer', to: { number: '+12125550100' }, on: { answered: 'bye' } };

const entry = FlowSchema.parse({
  name: 'Entry',
  entry: 'main',
  settings: { languages: ['en-US', 'es-US'] },
  nodes: {
    main: { kind: 'menu', prompt: 'For the brand line press 1.', options: [{ key: '1', next: 'say_bye' }, { key: '0', next: 'agent' }] },
    say_bye: { kind: 'say', prompt: 'Passing you on.', next: 'to_brand' },
    to_brand: { kind: 'goto', flow: 'brand', node: 'brand_menu', on: { failed: 'closed' } },
    closed: { kind: 'say', prompt: 'That line is closed.', next: 'agent' },
    agent,
    bye: { kind: 'hangup' },
  },
});

const brand = FlowSchema.parse({
  name: 'Brand',
  entry: 'hello',
  nodes: {
    hello: { kind: 'say', prompt: 'Brand line.', next: 'brand_menu' },
    brand_menu: { kind: 'menu', prompt: 'Hi {{name}}, press 1 for hours.', options: [{ key: '1', next: 'hours' }, { key: '0', next: 'agent' }] },
    hours: { kind: 'hangup', prompt: 'Nine to five.' },
    agent,
    bye: { kind: 'hangup' },
  },
});

describe('goto', () => {
  it('stops at the goto with a link wait, after what was said on the way', () => {
    const [, linking] = call(entry, [press('1')]);
    expect(linking!.wait).toEqual({ kind: 'link', nodeId: 'to_brand', flowId: 'brand', entry: 'brand_menu' });
    expect(heard(linking!.speech)).toEqual(['Passing you on.']);
    expect(linking!.state.at).toBe('to_brand');
    expect(describeWait(linking!.wait)).toBe('to_brand: continues in flow brand at brand_menu');
  });

  it('enters the linked flow at the node named, knowing what the call knew, with that flow\'s version', () => {
    const [, linking] = call(entry, [press('1')]);
    const state = { ...linking!.state, variables: { name: 'Ada' }, visits: { brand_menu: 2 }, language: 'es-US' };
    const entered = enterFlow(brand, state, 'brand_menu', runOptions({ flowVersion: 'brand-v1' }));
    expect(entered.wait).toMatchObject({ kind: 'input', nodeId: 'brand_menu' });
    expect(heard((entered.wait as { prompt: Parameters<typeof heard>[0] }).prompt)).toEqual(['Hi Ada, press 1 for hours.']);
    expect(entered.state.flowVersion).toBe('brand-v1');
    // another flow's node ids name other menus; a language it does not speak becomes its own
    expect(entered.state.visits).toEqual({ brand_menu: 1 });
    expect(entered.state.language).toBe('en-US');
    expect(entered.state.seq).toBeGreaterThan(linking!.state.seq);
    expect(continueCall(brand, entered.state, press('1'), runOptions()).speech).toEqual([expect.objectContaining({ text: 'Nine to five.' })]);
  });

  it('enters at the linked flow\'s entry when the goto names no node', () => {
    const entered = enterFlow(brand, call(entry, [press('1')])[1]!.state, undefined, runOptions());
    expect(entered.path).toEqual(['hello', 'brand_menu']);
  });

  it('keeps the versions pinned per flow through the link', () => {
    const [, linking] = call(entry, [press('1')]);
    const entered = enterFlow(brand, { ...linking!.state, pinned: { entry: 'v1', brand: 'brand-v1' } }, undefined, runOptions());
    expect(entered.state.pinned).toEqual({ entry: 'v1', brand: 'brand-v1' });
  });

  it('takes the failed route when the flow cannot start', () => {
    const [, linking] = call(entry, [press('1')]);
    const failed = continueCall(entry, linking!.state, { type: 'link', outcome: 'failed' }, runOptions());
    expect(heard(failed.speech)).toEqual(['That line is closed.']);
    expect(failed.wait).toMatchObject({ kind: 'dial', nodeId: 'agent' });
    expect(failed.exits).toEqual([
      { nodeId: 'to_brand', exitId: 'on.failed' },
      { nodeId: 'closed', exitId: 'next' },
    ]);
  });

  it('a webhook that is no link outcome at the goto changes nothing', () => {
    const [, linking] = call(entry, [press('1')]);
    const repeated = continueCall(entry, linking!.state, press('1'), runOptions());
    expect(repeated.wait).toEqual(linking!.wait);
    expect(repeated.state.seq).toBe(linking!.state.seq);
  });
});
