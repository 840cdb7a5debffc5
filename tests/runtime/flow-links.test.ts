import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ProjectConfig } from '../../core/lint/config.ts';
import { callDesignerApi, createTempDir, findElement, spokenTexts, TestCall, useTestRuntimes, writeFlow, type TestRuntime } from './helpers.ts';
import { ADMIN_TOKEN, AGENT, agent, bye, message, toAgentWhenLost } from './line-nodes.ts';

// A call that a goto node hands to another flow of the line, over real signed webhooks: it hears
// the linked flow at once, stays there for its next webhooks, keeps the version of each flow it
// first entered, takes the goto's failed route for a flow that is not there, and a ring of links
// with nothing to wait for sends the caller to a person instead of spinning.

const FALLBACK = '+12125550199';
const BRAND_PROMPT = 'Brand line. For our hours press 1, to go back press 9, for an agent press 0.';

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
      ...toAgentWhenLost,
    },
    to_brand: { kind: 'goto', flow: 'brand', on: { failed: 'closed' } },
    to_archive: { kind: 'goto', flow: 'archive', on: { failed: 'closed' } },
    closed: { kind: 'say', prompt: 'That line is closed today.', next: 'agent' },
    agent,
    message,
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
        ...toAgentWhenLost,
      },
      hours: { kind: 'hangup', prompt: 'We are open nine to five.' },
      back: { kind: 'goto', flow: 'entry', node: 'main', on: { failed: 'agent' } },
      agent,
      message,
      bye,
    },
  };
}

const archiveFlow = { name: 'Archive', entry: 'agent', nodes: { agent, message, bye } };

const { start } = useTestRuntimes();

async function startLine(flows: Record<string, unknown>, lintConfig?: ProjectConfig): Promise<{ runtime: TestRuntime; flowsDir: string }> {
  const flowsDir = createTempDir('flows');
  for (const [flowId, flow] of Object.entries(flows)) writeFlow(flowsDir, flowId, flow);
  const runtime = await start({ flowsDir, ...(lintConfig ? { lintConfig } : {}), env: { HUMANLINE_FALLBACK_NUMBER: FALLBACK, HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN } });
  for (const flowId of Object.keys(flows)) expect(runtime.runtime.flows.getCurrent(flowId), `flow ${flowId} published`).toBeDefined();
  return { runtime, flowsDir };
}

describe('a goto node continues the call in another flow of the line', () => {
  test('the caller hears the linked flow in the same answer, and its next webhooks are answered from it', async () => {
    const { runtime } = await startLine({ entry: entryFlow, brand: getBrandFlow(), archive: archiveFlow });
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
    // the call's transcript has every node passed in the webhook that followed the link, in order: the goto before it too
    const entered = detail?.timeline.flatMap((event) => (event.type === 'nodeEntered' || event.type === 'flowLinked' ? [`${event.type} ${event.nodeId}`] : []));
    expect(entered).toEqual(['nodeEntered main', 'nodeEntered to_brand', 'flowLinked to_brand', 'nodeEntered hello', 'nodeEntered brand_menu', 'nodeEntered hours']);

    // the call view: the path lights the entry flow's own nodes only (brand has nodes of the same ids),
    // and the brand's version comes along so the transcript words its nodes from it
    const view = await callDesignerApi(runtime, ADMIN_TOKEN, 'GET', `/api/calls/${call.callSid}`);
    expect(view.status).toBe(200);
    expect(view.body.path).toEqual(['main', 'to_brand']);
    expect(view.body.flow.name).toBe('Entry');
    expect(view.body.linkedFlows).toEqual([{ flowId: 'brand', versionId: runtime.runtime.flows.getCurrent('brand')!.versionId, flow: expect.objectContaining({ name: 'Brand' }) }]);
  });

  test('each flow keeps the version the call first entered it in, even when it is republished mid-call', async () => {
    const { runtime, flowsDir } = await startLine({ entry: entryFlow, brand: getBrandFlow(), archive: archiveFlow });
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
    const { runtime, flowsDir } = await startLine({ entry: entryFlow, brand: getBrandFlow(), archive: archiveFlow });
    // withdrawn after entry was published: the gate judges publishes, a removed file is simply gone
    rmSync(path.join(flowsDir, 'archive.json'));
    await runtime.runtime.flows.reloadFile('archive.json');
    expect(runtime.runtime.flows.getCurrent('archive')).toBeUndefined();
    const call = new TestCall(runtime);
    await call.start('entry');

    const closed = await call.press('2');
    expect(spokenTexts(closed)).toEqual(['That line is closed today.']);
    expect(findElement(closed, 'Number')?.text).toBe(AGENT);
    expect((await runtime.runtime.store.getCall(call.callSid))?.flowId).toBe('entry');
  });

  test('a ring of links with nothing to wait for sends the caller to the fallback instead of spinning', async () => {
    const ring = (next: string) => ({ name: `Ring to ${next}`, entry: 'onward', nodes: { onward: { kind: 'goto', flow: next, on: { failed: 'agent' } }, agent, message, bye } });
    // the gate refuses such a ring (endless-loop); a project that turned the rule off still gets a person
    const { runtime } = await startLine({ ring_a: ring('ring_b'), ring_b: ring('ring_a') }, { rules: { 'endless-loop': 'off' } });
    const call = new TestCall(runtime);

    const answer = await call.start('ring_a');
    expect(spokenTexts(answer)[0]).toMatch(/something went wrong on our side/);
    expect(findElement(answer, 'Number')?.text).toBe(FALLBACK);
    expect(runtime.logText()).toMatch(/more than \d+ links in one webhook/);
  });
});

function api(runtime: TestRuntime, method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: any }> {
  return callDesignerApi(runtime, ADMIN_TOKEN, method, apiPath, body);
}

/** The entry flow with its main menu renamed: brand's "back" names a node it no longer has. */
function getEntryWithoutMain() {
  const { main, ...others } = entryFlow.nodes;
  return { ...entryFlow, entry: 'welcome', nodes: { welcome: main, ...others } };
}

describe('the runtime judges a published flow as part of its line', () => {
  test('two linked flow files in one folder are both served from the start, whatever their order', async () => {
    // brand is read before entry, and links back to it
    const { runtime } = await startLine({ entry: entryFlow, brand: getBrandFlow(), archive: archiveFlow });
    const call = new TestCall(runtime);
    await call.start('brand');
    expect(spokenTexts(await call.press('9'))).toEqual(['Welcome to Acme. For the brand line press 1, for the archive press 2, for an agent press 0.']);
    expect(runtime.runtime.flows.listRefused()).toEqual([]);
  });

  test('a flow whose goto names a flow that is not published is refused at start, naming the node', async () => {
    const flowsDir = createTempDir('flows');
    writeFlow(flowsDir, 'entry', entryFlow);
    writeFlow(flowsDir, 'brand', getBrandFlow());
    const runtime = await start({ flowsDir, env: { HUMANLINE_FALLBACK_NUMBER: FALLBACK } });
    expect(runtime.runtime.flows.getCurrent('entry')).toBeUndefined();
    expect(runtime.logText()).toMatch(/flow entry refused[^]*to_archive.*archive.*missing-target/);
    // brand links back to entry, which is not served: refused too, rather than served with a dead link
    expect(runtime.runtime.flows.getCurrent('brand')).toBeUndefined();
    expect(runtime.runtime.flows.listRefused().map(({ flowId }) => flowId).sort()).toEqual(['brand', 'entry']);
  });

  test('republishing a file with a goto to a flow that is not published is refused; the served version stays', async () => {
    const { runtime, flowsDir } = await startLine({ entry: entryFlow, brand: getBrandFlow(), archive: archiveFlow });
    const served = runtime.runtime.flows.getCurrent('brand')!.versionId;
    const brand = getBrandFlow();
    writeFlow(flowsDir, 'brand', { ...brand, nodes: { ...brand.nodes, back: { kind: 'goto', flow: 'billing', on: { failed: 'agent' } } } });
    await runtime.runtime.flows.reloadFile('brand.json');
    expect(runtime.runtime.flows.getCurrent('brand')?.versionId).toBe(served);
    expect(runtime.logText()).toMatch(/flow brand refused \(.*the goto at node "back" names a flow that is not published: publish that flow first[^]*back.*billing.*missing-target/);
  });

  test('a goto to a misspelt flow id is refused as a flow that is not published, with the published flow it is a typo of', async () => {
    const { runtime, flowsDir } = await startLine({ entry: entryFlow, brand: getBrandFlow(), archive: archiveFlow });
    const brand = getBrandFlow();
    writeFlow(flowsDir, 'brand', { ...brand, nodes: { ...brand.nodes, back: { kind: 'goto', flow: 'archiv', on: { failed: 'agent' } } } });
    await runtime.runtime.flows.reloadFile('brand.json');
    expect(runtime.logText()).toMatch(/flow brand refused \(.*the goto at node "back" names a flow that is not published: publish that flow first[^]*did you mean "archive"\?/);
  });

  test('a publish that would break another flow of the line is refused, naming that flow and its node', async () => {
    const { runtime, flowsDir } = await startLine({ entry: entryFlow, brand: getBrandFlow(), archive: archiveFlow });
    const served = runtime.runtime.flows.getCurrent('entry')!.versionId;
    writeFlow(flowsDir, 'entry', getEntryWithoutMain());
    await runtime.runtime.flows.reloadFile('entry.json');
    expect(runtime.runtime.flows.getCurrent('entry')?.versionId).toBe(served);
    expect(runtime.logText()).toMatch(/flow entry refused \(.*would break flow brand[^]*back.*missing-target/);
  });

  test('a line already broken by a withdrawal still takes a fix of another flow', async () => {
    const { runtime, flowsDir } = await startLine({ entry: entryFlow, brand: getBrandFlow(), archive: archiveFlow });
    rmSync(path.join(flowsDir, 'archive.json'));
    await runtime.runtime.flows.reloadFile('archive.json');
    const republished = 'The fixed brand line. For our hours press 1, to go back press 9.';
    writeFlow(flowsDir, 'brand', getBrandFlow(republished));
    await runtime.runtime.flows.reloadFile('brand.json');
    expect(runtime.runtime.flows.getCurrent('brand')?.flow.nodes.brand_menu).toMatchObject({ prompt: republished });
  });

  test('the designer API publishes a flow whose goto resolves, and callers follow it', async () => {
    const { runtime } = await startLine({ entry: entryFlow, brand: getBrandFlow(), archive: archiveFlow });
    const sales = { name: 'Sales', entry: 'hello', nodes: { hello: { kind: 'say', prompt: 'Sales line.', next: 'to_entry' }, to_entry: { kind: 'goto', flow: 'entry', on: { failed: 'agent' } }, agent, message, bye } };
    const saved = await api(runtime, 'PUT', '/api/flows/sales', { flow: sales });
    expect(saved.status).toBe(200);
    expect(saved.body.lint.errorCount).toBe(0);
    expect(await api(runtime, 'POST', '/api/flows/sales/publish')).toEqual({ status: 200, body: { published: true } });

    const call = new TestCall(runtime);
    const answer = await call.start('sales');
    expect(spokenTexts(answer)).toEqual(['Sales line.', 'Welcome to Acme. For the brand line press 1, for the archive press 2, for an agent press 0.']);
  });

  test('the designer API refuses a flow whose goto names a flow that is not published, naming the node', async () => {
    const { runtime } = await startLine({ entry: entryFlow, brand: getBrandFlow(), archive: archiveFlow });
    const sales = { name: 'Sales', entry: 'hello', nodes: { hello: { kind: 'say', prompt: 'Sales line.', next: 'to_billing' }, to_billing: { kind: 'goto', flow: 'billing', on: { failed: 'agent' } }, agent, message, bye } };
    expect((await api(runtime, 'PUT', '/api/flows/sales', { flow: sales })).status).toBe(200);
    const refused = await api(runtime, 'POST', '/api/flows/sales/publish');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/missing-target at node "to_billing": .*billing.*publish that flow first, or point the goto at a published one/);
    expect(runtime.runtime.flows.getCurrent('sales')).toBeUndefined();
  });

  test('the designer API refuses a publish that would break another flow, naming it', async () => {
    const { runtime } = await startLine({ entry: entryFlow, brand: getBrandFlow(), archive: archiveFlow });
    const served = runtime.runtime.flows.getCurrent('entry')!.versionId;
    expect((await api(runtime, 'PUT', '/api/flows/entry', { flow: getEntryWithoutMain() })).status).toBe(200);
    const refused = await api(runtime, 'POST', '/api/flows/entry/publish');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/would break flow brand: missing-target at node "back"/);
    expect(runtime.runtime.flows.getCurrent('entry')?.versionId).toBe(served);
  });
});
