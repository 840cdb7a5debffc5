import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { REPO, SCREENSHOTS, clickEdge, clickEmptyCanvas, useServedDesigner } from './harness.ts';

// The designer in a real browser, against a real `humanline serve`, as the
// designer issue lists: one server and one browser for the whole file, a
// fresh browser context (cookies, storage) per test.

const designer = useServedDesigner();
const { openDesigner } = designer;

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const edge = (page: Page, source: string, exitId: string) => page.locator(`.react-flow__edge[data-id="${source}:${exitId}"]`);
const problems = (page: Page) => page.getByTestId('problems');

/** The element's box once it stops moving (the canvas animates when it zooms to a finding). */
async function getSettledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let previous = await locator.boundingBox();
  for (let attempt = 0; attempt < 40; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const box = await locator.boundingBox();
    if (box && previous && box.x === previous.x && box.y === previous.y && box.width === previous.width) return box;
    previous = box;
  }
  throw new Error(`${locator} never settled`);
}

/** Drags from an exit's handle to a node's input handle, as a designer connects two nodes. */
async function connect(page: Page, source: string, exitId: string, target: string): Promise<void> {
  const from = await getSettledBox(page.locator(`.react-flow__handle[data-nodeid="${source}"][data-handleid="${exitId}"]`));
  const to = await getSettledBox(page.locator(`.react-flow__node[data-id="${target}"] .react-flow__handle.target`));
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

describe('the designer in a browser', { timeout: 60_000 }, () => {
  test('the printed login URL opens the bank example with its nodes and a clean verdict', async () => {
    const { page, errors } = await openDesigner();
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('Every caller reaches a person within 3 steps');
    const bank = JSON.parse(readFileSync(path.join(designer.served.flowsDir, 'bank.json'), 'utf8')) as { nodes: Record<string, unknown> };
    expect(await page.locator('.react-flow__node').count()).toBe(Object.keys(bank.nodes).length);
    await expect.poll(() => node(page, 'main_menu').textContent()).toContain('Main menu');
    // every node shows its steps to a person
    expect(await node(page, 'main_menu').getByTestId('badge-main_menu').textContent()).toMatch(/\d+(–\d+)? steps?/);
    expect(await problems(page).textContent()).toContain('0 errors');
    // the token left the address bar for an HttpOnly cookie
    expect(page.url()).not.toContain('token=');
    // without Twilio credentials, the test-call button says what to set
    await page.getByRole('button', { name: 'Call from browser' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toMatch(/TWILIO_ACCOUNT_SID.*TWILIO_API_KEY.*TWILIO_API_SECRET.*TWILIO_TWIML_APP_SID/s);
    // readable: the popover opens inside the dark header, whose white text it must not take
    const colours = await dialog.evaluate((element) => ({ text: getComputedStyle(element).color, background: getComputedStyle(element).backgroundColor }));
    expect(colours.text).not.toBe(colours.background);
    expect(errors).toEqual([]);
  });

  test('of two flows asked for faster than the first one comes, the second is the one on screen', async () => {
    const { page, errors } = await openDesigner();
    // the clinic's file is held back until the bank has been asked for again, as a slow answer would be
    let releaseClinic: () => void = () => undefined;
    const clinicHeld = new Promise<void>((resolve) => (releaseClinic = resolve));
    await page.route('**/api/flows/clinic', async (route) => {
      await clinicHeld;
      await route.continue();
    });
    const clinicAsked = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/flows/clinic');
    await page.evaluate(() => (window.location.hash = '#flow=clinic'));
    await clinicAsked;
    // back to the bank, as back pressed twice does
    await page.evaluate(() => (window.location.hash = '#flow=bank'));
    await page.waitForTimeout(300);
    const clinicCame = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/flows/clinic');
    releaseClinic();
    await clinicCame;
    // what the clinic's file would have done on arriving, it has done by now
    await page.waitForTimeout(500);
    expect(await page.locator('.hl-flow-id').textContent()).toMatch(/^bank\.json/);
    expect(new URL(page.url()).hash).toBe('#flow=bank');
    expect(await page.locator('.react-flow__node[data-id="main_menu"]').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  test('deleting the 0 route shows the operator-key error on the highlighted node, and reconnecting clears it so it publishes', async () => {
    const { page, errors } = await openDesigner();
    await clickEdge(page, 'main_menu', 'options.3.next');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('operator-key');
    const finding = problems(page).locator('li[data-rule="operator-key"]').first();
    expect(await finding.textContent()).toContain('main_menu');
    await finding.locator('.hl-problem-main').click();
    await expect.poll(() => node(page, 'main_menu').locator('.hl-node').getAttribute('class')).toMatch(/is-selected/);
    expect(await node(page, 'main_menu').locator('.hl-node').getAttribute('class')).toMatch(/on-path/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-problem.png') });

    // the whole flow back on screen, so the agent branch is there to drag to
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await connect(page, 'main_menu', 'options.3.next', 'agent_hours');
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('Every caller reaches a person within 3 steps');
    expect(await problems(page).locator('li[data-rule="operator-key"]').count()).toBe(0);
    expect(await edge(page, 'main_menu', 'options.3.next').count()).toBe(1);

    // clean again, so it publishes: the served file is the flow on screen
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Published bank');
    const onScreen = await page.evaluate(async () => (await (await fetch('/api/flows/bank')).json()) as { source: string; flow: unknown });
    expect(onScreen.source).toBe('published');
    expect(JSON.parse(readFileSync(path.join(designer.served.flowsDir, 'bank.json'), 'utf8'))).toEqual(onScreen.flow);
    expect(errors).toEqual([]);
  });

  test('a flow built from the palette is saved and reloads unchanged', async () => {
    const { page, errors } = await openDesigner();
    await page.getByLabel('New flow name').fill('Palette line');
    await page.getByRole('button', { name: 'New flow', exact: true }).click();
    await expect.poll(() => page.locator('.hl-flow-id').textContent()).toContain('palette-line.json');
    await node(page, 'greeting').waitFor();

    // one node dragged from the palette, one added by a click
    await page.getByRole('button', { name: 'Add menu' }).dragTo(page.locator('.hl-canvas .react-flow__pane'), { targetPosition: { x: 40, y: 40 } });
    await page.getByRole('button', { name: 'Add transfer' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    // copy and paste a node, then undo the paste
    await node(page, 'transfer_1').locator('.hl-node-title').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.getByRole('button', { name: 'Layout', exact: true }).click();
    await page.waitForTimeout(300);
    await connect(page, 'greeting', 'next', 'menu_1');
    await connect(page, 'menu_1', 'options.0.next', 'transfer_1');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    // no-input and no-match of a fresh menu are still open: the verdict says what breaks
    expect(await page.getByTestId('verdict').textContent()).toMatch(/error/);

    // saving leaves the view where the designer put it
    await page.locator('.react-flow__controls-zoomin').click();
    const viewport = () => page.locator('.react-flow__viewport').getAttribute('style');
    const zoomed = await viewport();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Saved palette-line');
    await page.waitForTimeout(200);
    expect(await viewport()).toBe(zoomed);
    const saved = JSON.parse(readFileSync(path.join(designer.served.dataDir, 'drafts/palette-line.json'), 'utf8'));
    expect(saved.nodes.greeting.next).toBe('menu_1');
    expect(saved.nodes.menu_1.options[0].next).toBe('transfer_1');
    expect(Object.keys(saved.ui.positions).sort()).toEqual(['greeting', 'menu_1', 'transfer_1']);

    await page.reload();
    await node(page, 'transfer_1').waitFor();
    expect(await page.locator('.hl-flow-id').textContent()).toBe('palette-line.json');
    expect(await page.locator('.react-flow__edge').count()).toBe(2);
    // saving again without an edit writes the same file, byte for byte
    const before = readFileSync(path.join(designer.served.dataDir, 'drafts/palette-line.json'), 'utf8');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Saved palette-line');
    expect(readFileSync(path.join(designer.served.dataDir, 'drafts/palette-line.json'), 'utf8')).toBe(before);
    expect(errors).toEqual([]);
  });

  test('the simulator runs "press 0" to a person, and replays a counterexample step by step', async () => {
    const { page, errors } = await openDesigner();
    await page.getByRole('tab', { name: 'Simulator' }).click();
    const simulator = page.getByTestId('simulator');
    // a Tuesday at 10:00 in New York: the bank's agents are in
    await simulator.getByLabel('Time').fill('2026-03-10T15:00');
    await simulator.getByRole('button', { name: 'Start call', exact: true }).click();
    await expect.poll(() => simulator.getByTestId('sim-transcript').textContent()).toContain('Thank you for calling Acme Bank');
    await expect.poll(() => node(page, 'main_menu').locator('.hl-node').getAttribute('class')).toMatch(/is-simulated/);

    await simulator.getByLabel('key 0').click();
    await expect.poll(() => simulator.getByTestId('sim-transcript').textContent()).toContain('Pressed 0');
    await expect.poll(() => node(page, 'agent_queue').locator('.hl-node').getAttribute('class')).toMatch(/is-simulated/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'simulator-call.png') });
    await simulator.getByRole('button', { name: 'Agent answers' }).click();
    await expect.poll(() => simulator.getByTestId('sim-status').textContent()).toContain('Reached a person');

    // break the 0 route, then replay the counterexample the problems panel shows
    await clickEdge(page, 'main_menu', 'options.3.next');
    await page.keyboard.press('Delete');
    const finding = problems(page).locator('li[data-rule="operator-key"]').first();
    await finding.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => simulator.textContent()).toContain('Replaying: operator-key');
    const transcriptLines = () => simulator.getByTestId('sim-transcript').locator(':scope > *').count();
    let before = await transcriptLines();
    for (let step = 0; step < 10 && (await simulator.getByRole('button', { name: 'Next step' }).isEnabled()); step++) {
      await simulator.getByRole('button', { name: 'Next step' }).click();
      // each step adds to the transcript
      await expect.poll(transcriptLines).toBeGreaterThan(before);
      before = await transcriptLines();
    }
    expect(await simulator.textContent()).toContain('The whole path was played');
    expect(await simulator.getByTestId('sim-transcript').textContent()).toContain('Pressed 0');
    expect(await simulator.getByTestId('sim-status').textContent()).not.toContain('Reached a person');

    // opening another flow ends the simulated call: it belonged to the bank line
    page.once('dialog', (dialog) => void dialog.accept()); // discard the deleted route
    await page.getByTitle('Open clinic', { exact: true }).click();
    await expect.poll(() => page.locator('.hl-flow-id').textContent()).toBe('clinic.json');
    await expect.poll(() => simulator.getByTestId('sim-transcript').locator(':scope > *').count()).toBe(0);
    expect(await page.locator('.react-flow__node .is-simulated').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('the inspector edits the selected node, the step budget moves the verdict, and undo takes both back', async () => {
    const { page, errors } = await openDesigner('#flow=clinic');
    const entry = await page.evaluate(async () => (await (await fetch('/api/flows/clinic')).json()).flow.entry as string);
    await node(page, entry).locator('.hl-node-title').click();
    const inspector = page.getByTestId('inspector');
    await expect.poll(() => inspector.getByLabel('Node id').inputValue()).toBe(entry);
    const prompt = inspector.locator('textarea[name="prompt"]');
    await prompt.fill('Welcome to the test clinic line.');
    await expect.poll(() => node(page, entry).textContent()).toContain('Welcome to the test clinic line.');

    // every clinic caller is one step from a person, so a budget of 1 still holds
    await page.getByLabel('Step budget').fill('1');
    await expect.poll(() => page.getByTestId('verdict').textContent()).toMatch(/within 1 step$/);

    await clickEmptyCanvas(page);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('verdict').textContent()).toMatch(/within 3 steps$/);
    await page.keyboard.press('Control+z');
    await expect.poll(() => node(page, entry).textContent()).not.toContain('Welcome to the test clinic line.');
    expect(errors).toEqual([]);
  });

  test('dragging a node moves it as one undo entry', async () => {
    const { page, errors } = await openDesigner('#flow=clinic');
    const card = page.locator('.react-flow__node').first();
    const before = await getSettledBox(card);
    await page.mouse.move(before.x + 20, before.y + 20);
    await page.mouse.down();
    await page.mouse.move(before.x + 80, before.y + 90, { steps: 10 });
    await page.mouse.up();
    const after = await getSettledBox(card);
    // React Flow starts the drag a few pixels in, so the card moves nearly as far as the mouse
    expect(after.x - before.x).toBeGreaterThan(40);
    expect(after.y - before.y).toBeGreaterThan(50);
    expect(await page.locator('.hl-flow-id').textContent()).toContain('unsaved');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await card.boundingBox())?.x).toBeCloseTo(before.x, 0);
    expect(await page.locator('.hl-flow-id').textContent()).toBe('clinic.json');
    expect(await page.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  test('renaming the open flow keeps its unsaved edits; duplicate and delete work from the flow list', async () => {
    const { page, errors } = await openDesigner('#flow=utility-outage');
    await page.getByLabel('Step budget').fill('2');
    await expect.poll(() => page.locator('.hl-flow-id').textContent()).toContain('unsaved');

    const list = page.getByTestId('flow-list');
    // a flow's actions show when the pointer is on it
    await list.getByTitle('Open utility-outage', { exact: true }).hover();
    await list.getByRole('button', { name: 'Rename utility-outage' }).click();
    await list.getByLabel('New id for utility-outage').fill('outage-line');
    await list.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.locator('.hl-flow-id').textContent()).toBe('outage-line.json • unsaved');
    expect(await page.getByLabel('Step budget').inputValue()).toBe('2');
    expect(existsSync(path.join(designer.served.flowsDir, 'utility-outage.json'))).toBe(false);
    expect(existsSync(path.join(designer.served.flowsDir, 'outage-line.json'))).toBe(true);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Saved outage-line');
    expect(JSON.parse(readFileSync(path.join(designer.served.dataDir, 'drafts/outage-line.json'), 'utf8')).settings.maxSteps).toBe(2);

    await list.getByTitle('Open outage-line', { exact: true }).hover();
    await list.getByRole('button', { name: 'Duplicate outage-line' }).click();
    await expect.poll(() => list.getByTitle('Open outage-line-copy', { exact: true }).count()).toBe(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await list.getByTitle('Open outage-line-copy', { exact: true }).hover();
    await list.getByRole('button', { name: 'Delete outage-line-copy' }).click();
    await expect.poll(() => list.getByTitle('Open outage-line-copy', { exact: true }).count()).toBe(0);
    expect(existsSync(path.join(designer.served.dataDir, 'drafts/outage-line-copy.json'))).toBe(false);
    expect(errors).toEqual([]);
  });

  test('every kind added from the palette opens in the inspector with its form, without a page error', async () => {
    const { page, errors } = await openDesigner();
    await page.getByLabel('New flow name').fill('Every kind');
    await page.getByRole('button', { name: 'New flow', exact: true }).click();
    await expect.poll(() => page.locator('.hl-flow-id').textContent()).toContain('every-kind.json');
    const inspector = page.getByTestId('inspector');
    const kinds = await page.getByTestId('palette').getByRole('button').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')!.replace('Add ', '')));
    expect(kinds).toHaveLength(13);
    for (const kind of kinds) {
      await page.getByRole('button', { name: `Add ${kind}`, exact: true }).click();
      // the new node is selected and the inspector shows its id and kind
      await expect.poll(() => inspector.getByLabel('Node id').inputValue()).toBe(`${kind}_1`);
      expect(await inspector.textContent()).toMatch(new RegExp(`^${kind}Set as entry`));
      expect(await inspector.locator('input, textarea, select').count()).toBeGreaterThan(1);
    }
    expect(await page.locator('.react-flow__node').count()).toBe(14);
    expect(errors).toEqual([]);
  });

  test('publishing a flow with errors is refused with its findings, and the served file is untouched', async () => {
    const { page } = await openDesigner();
    const publishedBefore = readFileSync(path.join(designer.served.flowsDir, 'bank.json'), 'utf8');
    await clickEdge(page, 'main_menu', 'options.3.next');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('operator-key');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click();
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.textContent()).toContain('cannot be published');
    expect(await notice.textContent()).toContain('operator-key');
    expect(await notice.getAttribute('class')).toContain('is-error');
    expect(readFileSync(path.join(designer.served.flowsDir, 'bank.json'), 'utf8')).toBe(publishedBefore);
  });

  test('a Studio export dropped on the page imports into a draft that says what was not mapped, and a flow exports as its file', async () => {
    const { page, errors } = await openDesigner();
    // dropped onto the page, as a file dragged from the desktop
    const exportText = readFileSync(path.join(REPO, 'tests/fixtures/import/studio-ivr.json'), 'utf8');
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'studio-ivr.json', { type: 'application/json' }));
      return transfer;
    }, exportText);
    await page.dispatchEvent('.hl-app', 'dragover', { dataTransfer });
    await page.dispatchEvent('.hl-app', 'drop', { dataTransfer });
    await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(/Imported studio-ivr\.json as studio-ivr/);
    await expect.poll(() => page.locator('.hl-flow-id').textContent()).toBe('studio-ivr.json');
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(1);
    expect(JSON.parse(readFileSync(path.join(designer.served.dataDir, 'drafts/studio-ivr.json'), 'utf8')).nodes).toBeTypeOf('object');

    await page.getByTitle('Open bank', { exact: true }).click();
    await expect.poll(() => page.locator('.hl-flow-id').textContent()).toBe('bank.json');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('bank.json');
    const exported = readFileSync((await download.path())!, 'utf8');
    // the file as stored (an earlier test left a draft of it), byte for byte but the trailing newline
    const stored = await page.evaluate(async () => (await (await fetch('/api/flows/bank')).json()).flow);
    expect(exported).toBe(`${JSON.stringify(stored, null, 2)}\n`);
    expect(errors).toEqual([]);
  });

  test('without the token the API refuses and the designer asks for the login URL', async () => {
    const page = await designer.newPage();
    await page.goto(designer.served.url);
    await page.getByTestId('login').waitFor();
    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/flows');
      return { status: response.status, body: await response.text() };
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toContain('admin token');
    const wrong = await page.request.get(`${designer.served.url}/api/flows`, { headers: { Authorization: 'Bearer not-the-token-0123456789' } });
    expect(wrong.status()).toBe(401);
  });
});
