import type { Page } from 'playwright-core';
import { buildDesigner, launchChromium, startServe } from '../tests/browser/harness.ts';
import { generateFlow } from './generate-flow.ts';

const FRAME_MS = 1000 / 60;
const EDITS = 40;

interface EditTimes {
  /** the edit's synchronous work: validation, React render and commit */
  sync: number;
  /** the same plus the style and layout it causes (forced at once, as the frame would do it) */
  layout: number;
  /** until the next animation frame starts */
  frame: number;
}

/**
 * Runs in the page: medians of `edits` edits made by setting `selector`'s value to `toValue(edit)` and
 * firing `input`, as typing does. Plain JavaScript text, because tsx's helpers do not exist in the page.
 */
const MEASURE_EDITS = `async (selector, toValue, edits) => {
  const field = document.querySelector(selector);
  const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value').set;
  const sync = [];
  const layout = [];
  const frame = [];
  for (let edit = 0; edit < edits; edit++) {
    const start = performance.now();
    setValue.call(field, toValue(edit, field.value));
    field.dispatchEvent(new Event('input', { bubbles: true }));
    sync.push(performance.now() - start);
    void document.body.offsetHeight;
    layout.push(performance.now() - start);
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    frame.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { sync: median(sync), layout: median(layout), frame: median(frame) };
}`;

/** The step budget, 4 and 5 in turn (the flows start at 3): every badge and the verdict are recomputed and redrawn. */
const BUDGET_EDIT = { selector: 'input[aria-label="Step budget"]', toValue: '(edit) => String(4 + (edit % 2))' };
/** One letter typed at the end of the selected node's prompt in the inspector: the everyday edit. */
const PROMPT_EDIT = { selector: 'textarea[name="prompt"]', toValue: '(edit, value) => value + "abcdefghij"[edit % 10]' };

/** The node count once the canvas has drawn the whole flow (it stays the same for half a second). */
async function waitForAllNodes(page: Page): Promise<number> {
  await page.locator('.react-flow__node').first().waitFor();
  let count = -1;
  for (let settled = 0; settled < 5; ) {
    await page.waitForTimeout(100);
    const now = await page.locator('.react-flow__node').count();
    settled = now === count ? settled + 1 : 0;
    count = now;
  }
  return count;
}

/**
 * Before the page's own scripts: notes when the flow is asked for (the designer is open already, so
 * choosing a flow changes the address's hash, as a click in the flow list does) and when the number
 * of cards on the canvas last changed, in the page's time.
 */
const NOTE_OPENING = `(() => {
  let count = 0;
  addEventListener('hashchange', () => (window.flowAskedAt = performance.now()));
  new MutationObserver(() => {
    const now = document.querySelectorAll('.react-flow__node').length;
    if (now !== count) [count, window.cardsChangedAt] = [now, performance.now()];
  }).observe(document, { childList: true, subtree: true });
})()`;

/**
 * Runs in the page once it has had no long task for half a second: how long after the flow was asked
 * for its last card appeared or its last long task ended: it is loaded, checked, drawn, measured and fitted.
 */
const GET_OPEN_TIME = `new Promise((resolve) => {
  let last = 0;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) last = Math.max(last, entry.startTime + entry.duration); }).observe({ type: 'longtask', buffered: true });
  const check = () => (performance.now() - last > 500 ? resolve(Math.max(last, window.cardsChangedAt) - window.flowAskedAt) : setTimeout(check, 50));
  setTimeout(check, 50);
})`;

async function measureEdits(page: Page, edit: { selector: string; toValue: string }): Promise<EditTimes> {
  return page.evaluate(`(${MEASURE_EDITS})(${JSON.stringify(edit.selector)}, ${edit.toValue}, ${EDITS})`);
}

/** What the designer shows before each measured flow is opened: a shipped example none of them is. */
const START_FLOW = 'clinic';

const formatTimes = (times: EditTimes) => [times.sync, times.layout, times.frame].map((ms) => `${ms.toFixed(1)}`.padStart(6)).join(' ');

/**
 * The designer in Chromium, on the bank example (22 nodes, the baseline) and generated flows of
 * 100, 300 and 1,000 nodes: opening the flow in the open designer (until its last card appears or
 * its last long task ends), a step-budget edit (revalidates the flow, redraws every badge) and a
 * prompt typed in the inspector. Goal: an edit on 1,000 nodes within one frame (16.7 ms).
 */
export async function benchDesignerBrowser(sizes = [100, 300, 1_000]): Promise<void> {
  await buildDesigner();
  const generated = Object.fromEntries(sizes.map((size) => [`generated-${size}`, { ...generateFlow(size), name: `Generated ${size}` }]));
  const [served, browser] = await Promise.all([startServe(generated), launchChromium()]);
  const largest = `generated-${Math.max(...sizes)}`;
  try {
    console.log(`designer in Chromium: opening the flow until its last card or long task, ms; medians of ${EDITS} edits, ms: synchronous / with style+layout / to next frame`);
    console.log('  flow              nodes    open  vs bank   step-budget edit       vs bank   prompt edit (inspector)  vs bank');
    const baseline = { open: 0, budget: 0, prompt: 0 };
    let verdict = '';
    for (const id of ['bank', ...Object.keys(generated)]) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript(NOTE_OPENING);
      // the login lands on the designer, showing another flow; the flow is then chosen in it
      await page.goto(served.loginUrl);
      await page.goto(`${served.url}/#flow=${START_FLOW}`);
      await page.locator('.react-flow__node').first().waitFor();
      await page.goto(`${served.url}/#flow=${id}`);
      const nodes = await waitForAllNodes(page);
      const open = (await page.evaluate(GET_OPEN_TIME)) as number;
      const budget = await measureEdits(page, BUDGET_EDIT);
      // the entry node: a menu or a say in every flow here, so it has a prompt
      const entry = await page.evaluate(async (flowId) => (await (await fetch(`/api/flows/${flowId}`)).json()).flow.entry as string, id);
      // selected from the keyboard: at fit, a click on a 1,000-node canvas may land on a neighbour
      await page.locator(`.react-flow__node[data-id="${entry}"]`).press('Enter');
      await page.locator('textarea[name="prompt"]').waitFor();
      const prompt = await measureEdits(page, PROMPT_EDIT);
      if (id === 'bank') Object.assign(baseline, { open, budget: budget.layout, prompt: prompt.layout });
      const ratio = (ms: number, base: number) => `${(ms / base).toFixed(1)}x`.padStart(6);
      console.log(
        `  ${id.padEnd(16)} ${String(nodes).padStart(6)} ${open.toFixed(0).padStart(7)} ${ratio(open, baseline.open)}   ${formatTimes(budget)} ${ratio(budget.layout, baseline.budget)}   ${formatTimes(prompt)} ${ratio(prompt.layout, baseline.prompt)}`,
      );
      if (id === largest) {
        const worst = Math.max(budget.layout, prompt.layout);
        verdict = `  ${nodes} nodes: an edit takes ${worst.toFixed(1)} ms with style and layout, ${(worst / FRAME_MS).toFixed(2)} of a frame: ${worst <= FRAME_MS ? 'within' : 'OVER'} one frame (16.7 ms)`;
      }
      await page.close();
    }
    console.log(verdict);
  } finally {
    await browser.close();
    await served.stop();
  }
}
