import type { Page } from 'playwright-core';
import { buildDesigner, launchChromium, startServe } from '../tests/browser/harness.ts';
import { generateFlow } from './generate-flow.ts';

const FRAME_MS = 1000 / 60;
const EDITS = 40;

/**
 * Runs in the page: medians of `edits` step-budget edits, the synchronous work (validation + React
 * render) and the time until the next frame. Plain JavaScript text, because tsx's helpers do not exist in the page.
 */
const MEASURE_EDITS = `async (edits) => {
  const input = document.querySelector('input[aria-label="Step budget"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const sync = [];
  const frame = [];
  for (let edit = 0; edit < edits; edit++) {
    const start = performance.now();
    // 4 and 5 in turn (the flows start at 3), so every edit changes the flow and revalidates it
    setValue.call(input, String(4 + (edit % 2)));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    sync.push(performance.now() - start);
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    frame.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { sync: median(sync), frame: median(frame) };
}`;

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

async function measureEdits(page: Page): Promise<{ sync: number; frame: number }> {
  return page.evaluate(`(${MEASURE_EDITS})(${EDITS})`);
}

/**
 * The designer in Chromium: an edit that revalidates the whole flow and
 * redraws every step badge, on the bank example (22 nodes, the baseline) and
 * generated flows of 100, 300 and 1,000 nodes. Goal: under a frame for a few
 * hundred nodes.
 */
export async function benchDesignerBrowser(sizes = [100, 300, 1_000]): Promise<void> {
  await buildDesigner();
  const generated = Object.fromEntries(sizes.map((size) => [`generated-${size}`, { ...generateFlow(size), name: `Generated ${size}` }]));
  const [served, browser] = await Promise.all([startServe(generated), launchChromium()]);
  try {
    console.log(`designer in Chromium: a step-budget edit (validate + redraw every badge), medians of ${EDITS} edits`);
    console.log('  flow              nodes   synchronous   to next frame   frame share   vs bank');
    let baseline = 0;
    for (const id of ['bank', ...Object.keys(generated)]) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(served.loginUrl);
      await page.goto(`${served.url}/#flow=${id}`);
      const nodes = await waitForAllNodes(page);
      const { sync, frame } = await measureEdits(page);
      if (id === 'bank') baseline = sync;
      console.log(
        `  ${id.padEnd(16)} ${String(nodes).padStart(6)} ${`${sync.toFixed(1)} ms`.padStart(13)} ${`${frame.toFixed(1)} ms`.padStart(15)} ${(sync / FRAME_MS).toFixed(2).padStart(13)} ${`${(sync / baseline).toFixed(1)}x`.padStart(9)}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await served.stop();
  }
}
