import { describe, expect, test } from 'vitest';
import { createTempDir, findElement, spokenTexts, TestCall, useTestRuntimes, writeFlow, type TestRuntime } from './helpers.ts';

// A call that a goto node hands to another flow of the line, over real signed webhooks: it hears
// the linked flow at once, stays there for its next webhooks, keeps the version of each flow it
// first entered, takes the goto's failed route for a flow that is not there, and a ring of links
// with nothing to wait for sends the caller to a person instead of spinning.

const AGENT = '+12125550100';
const FALLBACK = '+12125550199';
const BRAND_PROMPT = 'Brand line. For our hours press 1, to go back press 9, for an agent press 0.';

// The runtime's publish gate judges each flow alone, where a link is a route to no node of it.
const lintConfig = { rules: { 'missing-target': 'off', 'dead-end': 'off', 'silent-caller': 'off' } } as const;

const agent = { kind: 'transfer', to: { number: AGENT }, on: { answered: 'bye', busy: 'bye', noAnswer: 'bye', failed: 'bye' } };
const bye = { kind: 'hangup', prompt: 'Goodbye.' };

const entryFlow = {
  name: 'Entry',
  entry: 'main',
  nodes: {
    main: {
      kind: 'menu',
      prompt: 'Welcome to Acme. For the brand line press 1, for the archive press 2, for an agent press 0.',
      options: [
        { key: '1', label: 'Brand', next: 'to_brand' },
        { key: '2', label: 'Archive', next: 'to_archive' },
        { key: '0', label: 'Agent', next: 'agent' },
      ],
    },
    to_brand: { kind: 'goto', flow: 'brand', on: { failed: 'closed' } },
    to_archive: { kind: 'goto', flow: 'archive', on: { failed: 'closed' } },
    closed: { kind: 'say', prompt: 'That line is closed today.', next: 'agent' },
    agent,
    bye,
  },
};

function getBrandFlow(prompt = BRAND_PROMPT) {
  return {
    name: 'Brand',
    entry: 'hello',
    nodes: {
      hello: { kind: 'say', prompt: 'You are on the brand line.', next: 'brand_menu' },
      brand_menu: {
        kind: 'menu',
        prompt,
        options: [
          { key: '1', label: 'Hours', next: 'hours' },
          { key: '9', label: 'Back', next: 'back' },
          { key: '0', label: 'Agent', next: 'agent' },
        ],
      },
      hours: { kind: 'hangup', prompt: 'We are open nine to five.' },
      back: { kind: 'goto', flow: 'entry', node: 'main' },
      agent,
      bye,
    },
  };
}

const { start } = useTestRuntimes();

async function startLine(flows: Record<string, unknown>): Promise<{ runtime: TestRuntime; flowsDir: string }> {
  const flowsDir = createTempDir('flows');
  for (const [flowId, flow] of Object.entries(flows)) writeFlow(flowsDir, flowId, flow);
  const runtime = await start({ flowsDir, lintConfig, env: { HUMANLINE_FALLBACK_NUMBER: FALLBACK } });
  for (const flowId of Object.keys(flows)) expect(runtime.runtime.flows.getCurrent(flowId), `flow ${flowId} published`).toBeDefined();
  return { runtime, flowsDir };
}

describe('a goto node continues the call in another flow of the line', () => {
  test('the caller hears the linked flow in the same answer, and its next webhooks are answered from it', async () => {
    const { runtime } = await startLine({ entry: entryFlow, brand: getBrandFlow() });
    const call = new TestCall(runtime);
    await call.start('entry');

    const brand = await call.press('1');
    expect(spokenTexts(brand)).toEqual(['You are on the brand line.', BRAND_PROMPT]);
    expect(findElement(brand, 'Gather')?.attributes.action).toContain('/brand/');

    const hours = await call.press('1');
    expect(spokenTexts(hours)).toEqual(['We are open nine to five.']);
    expect(findElement(hours, 'Hangup')).toBeDefined();

    const record = await runtime.runtime.store.getCall(call.callSid);
    expect(record?.flowId).toBe('brand');
    const detail = await runtime.runtime.store.getCallDetail(call.callSid);
    const link = detail?.timeline.find((event) => event.type === 'flowLinked');
    expect(link).toMatchObject({ nodeId: 'to_brand', flowId: 'brand', versionId: runtime.runtime.flows.getCurrent('brand')!.versionId });
  });

  test('each flow keeps the version the call first entered it in, even when it is republished mid-call', async () => {
    const { runtime, flowsDir } = await startLine({ entry: entryFlow, brand: getBrandFlow() });
    const call = new TestCall(runtime);
    await call.start('entry');
    expect(spokenTexts(await call.press('1'))).toContain(BRAND_PROMPT);

    const republished = 'The new brand line. For our hours press 1, to go back press 9.';
    writeFlow(flowsDir, 'brand', getBrandFlow(republished));
    await runtime.runtime.flows.reloadFile('brand.json');
    expect(runtime.runtime.flows.getCurrent('brand')?.flow.nodes.brand_menu).toMatchObject({ prompt: republished });

    // back to the entry flow, then into brand again: the version this call entered first
    const main = await call.press('9');
    expect(spokenTexts(main)).toEqual(['Welcome to Acme. For the brand line press 1, for the archive press 2, for an agent press 0.']);
    expect(spokenTexts(await call.press('1'))).toEqual(['You are on the brand line.', BRAND_PROMPT]);

    const fresh = new TestCall(runtime);
    await fresh.start('entry');
    expect(spokenTexts(await fresh.press('1'))).toEqual(['You are on the brand line.', republished]);
  });

  test('a link to a flow the runtime does not have takes the goto\'s failed route', async () => {
    const { runtime } = await startLine({ entry: entryFlow, brand: getBrandFlow() });
    const call = new TestCall(runtime);
    await call.start('entry');

    const closed = await call.press('2');
    expect(spokenTexts(closed)).toEqual(['That line is closed today.']);
    expect(findElement(closed, 'Number')?.text).toBe(AGENT);
    expect((await runtime.runtime.store.getCall(call.callSid))?.flowId).toBe('entry');
  });

  test('a ring of links with nothing to wait for sends the caller to the fallback instead of spinning', async () => {
    const ring = (next: string) => ({ name: `Ring to ${next}`, entry: 'onward', nodes: { onward: { kind: 'goto', flow: next, on: { failed: 'agent' } }, agent, bye } });
    const { runtime } = await startLine({ ring_a: ring('ring_b'), ring_b: ring('ring_a') });
    const call = new TestCall(runtime);

    const answer = await call.start('ring_a');
    expect(spokenTexts(answer)[0]).toMatch(/something went wrong on our side/);
    expect(findElement(answer, 'Number')?.text).toBe(FALLBACK);
    expect(runtime.logText()).toMatch(/more than \d+ links in one webhook/);
  });
});
