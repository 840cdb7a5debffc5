import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTempDir, removeTempDirs, TestCall, TestRuntime, writeFlow } from '../runtime/helpers.ts';
import { buildDesigner, launchChromium, openFlowAsAdmin, REPO } from './harness.ts';

// A call a goto handed to another flow, opened from the Calls list over real
// signed webhooks: the transcript words the brand's nodes from the brand's
// version (its menu shares the shop's node ids), the shop's canvas lights only
// the shop's own nodes and counts the goto's steps through the brand, and the
// replay follows the call into the brand to the same person.

const ADMIN_TOKEN = 'insights-line-token-0123456789';
const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-insights-line-'));
let clock = Date.now() - 3600_000;
const tick = (seconds: number) => {
  clock += seconds * 1000;
};

const transfer = (number: string) => ({ kind: 'transfer', to: { number }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } });
const vm = { kind: 'voicemail', prompt: 'Leave a message.' };

const SHOP = {
  name: 'Shop',
  entry: 'main_menu',
  nodes: {
    main_menu: {
      kind: 'menu',
      label: 'Shop menu',
      prompt: 'For the brand, press 1. For the shop desk, press 0.',
      options: [
        { key: '1', next: 'to_brand' },
        { key: '0', next: 'agent' },
      ],
      noInput: { next: 'agent' },
      noMatch: { next: 'agent' },
    },
    to_brand: { kind: 'goto', label: 'Brand', flow: 'brand', on: { failed: 'agent' } },
    agent: { ...transfer('+34910000000'), label: 'Shop desk' },
    vm,
  },
  ui: { positions: { main_menu: { x: 270, y: 0 }, to_brand: { x: 0, y: 240 }, agent: { x: 540, y: 240 }, vm: { x: 540, y: 440 } } },
};

const BRAND = {
  name: 'Brand',
  entry: 'main_menu',
  nodes: {
    main_menu: {
      kind: 'menu',
      label: 'Brand menu',
      prompt: 'Brand line. For an agent, press 0.',
      options: [{ key: '0', next: 'agent' }],
      noInput: { next: 'agent' },
      noMatch: { next: 'agent' },
    },
    agent: { ...transfer('+34910000001'), label: 'Brand desk' },
    vm,
  },
};

let runtime: TestRuntime;
let browser: Browser;
let context: BrowserContext | undefined;
let call: TestCall;

beforeAll(async () => {
  await buildDesigner();
  const flowsDir = createTempDir('flows');
  writeFlow(flowsDir, 'shop', SHOP);
  writeFlow(flowsDir, 'brand', BRAND);
  runtime = await new TestRuntime({ flowsDir, now: () => new Date(clock), env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN }, designerDir: path.join(REPO, 'designer/dist') }).start();
  call = new TestCall(runtime, '+34612345609');
  await call.start('shop');
  tick(5);
  await call.press('1');
  tick(5);
  await call.press('0');
  tick(30);
  await call.dialEnds('completed', { DialCallDuration: '60' });
  tick(62);
  const ended = await runtime.post('/twilio/status', { CallSid: call.callSid, CallStatus: 'completed' });
  if (ended.status !== 200) throw new Error(`status callback answered ${ended.status}`);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await runtime?.stop();
  removeTempDirs();
});

async function openShop(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openFlowAsAdmin(browser, runtime.server.url, ADMIN_TOKEN, 'shop');
  context = opened.context;
  return opened;
}

describe('a call that went on in another flow of the line', { timeout: 60_000 }, () => {
  test('is worded from each flow, lit on its own flow only, and replays through the goto to the same person', async () => {
    const { page, errors } = await openShop();
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.getByTestId(`call-${call.callSid}`).click();
    const transcript = page.getByTestId('call-transcript');
    await expect.poll(() => transcript.textContent()).toContain('Brand menu (brand:main_menu): "Brand line. For an agent, press 0."');
    expect(await transcript.textContent()).toContain('Shop menu (main_menu): "For the brand, press 1.');
    expect(await transcript.textContent()).toContain('Pressed 0 at brand:main_menu');

    // the shop's own desk has the brand desk's id: the call never reached it
    const canvas = page.getByTestId('call-canvas');
    await canvas.locator('.react-flow__node').first().waitFor();
    for (const nodeId of ['main_menu', 'to_brand']) {
      await expect.poll(() => canvas.locator(`.react-flow__node[data-id="${nodeId}"] .hl-node`).getAttribute('class')).toContain('on-call-path');
    }
    expect(await canvas.locator('.react-flow__node[data-id="agent"] .hl-node').getAttribute('class')).not.toContain('on-call-path');
    // the goto is judged with the brand version the call ran, as the shop's own canvas judges it: through the brand's menu, one step more
    await expect.poll(() => canvas.getByTestId('badge-to_brand').textContent()).toBe('0–1 steps');

    await page.getByRole('button', { name: 'Replay in simulator' }).click();
    await page.getByTestId('call-replay').getByRole('button', { name: 'Play all' }).click();
    await expect.poll(() => page.getByTestId('call-replay-progress').textContent()).toBe('Same outcome as the recorded call: Reached a person.');
    await page.screenshot({ path: path.join(SHOTS, 'call-across-line.png') });
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
