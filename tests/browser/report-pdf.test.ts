import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatReportHtml } from '../../core/format/report-html.ts';
import { PROFILES } from '../../core/profiles/index.ts';
import type { MeasuredEvidence } from '../../core/profiles/measures.ts';
import type { RequirementReport } from '../../core/report/types.ts';
import { STATUS_WORDS } from '../../core/report/words.ts';
import { buildReport, readShippedSources } from '../report/shipped.ts';
import { launchChromium, SCREENSHOTS } from './harness.ts';
import { printToPdf, renderPdfPages, type RenderedPdfPage } from './pdf-pages.ts';

// The compliance report an auditor is handed: the HTML printed to PDF by
// Chromium as "Save as PDF" does, each page drawn by pdf.js, and checked for
// what a reader of the paper would miss: a requirement, a block torn across
// pages, a flow running on from the previous one, text cut at the edge.

/** A4's width less the report's 14 mm side margins, in CSS pixels (96 per inch). */
const PRINTABLE_WIDTH_PX = ((210 - 2 * 14) / 25.4) * 96;
/** The page images, for a person to look at; not under docs/. */
const PAGES_DIR = path.join(os.tmpdir(), 'humanline-report-pdf-pages');

const PERIOD = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
const MEASURED = new Map<string, MeasuredEvidence>([
  [
    'bank',
    {
      flowId: 'bank',
      ...PERIOD,
      calls: 1200,
      measures: {
        attendedWithin180s: { value: 0.962, calls: 800 },
        secondsToPersonP95FromStart: { value: 171, calls: 780 },
        secondsToPersonP95FromRequest: { value: 142, calls: 780 },
        lineDisconnectsWhileWaiting: { value: 0, calls: 800 },
      },
    },
  ],
]);

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

let browser: Browser;
let pages: RenderedPdfPage[];
let widestRightPx: number;
const report = buildReport(
  readShippedSources(),
  PROFILES.map((profile) => profile.id),
  MEASURED,
);
const html = formatReportHtml(report);

beforeAll(async () => {
  browser = await launchChromium();
  // the layout as printed: print media, a viewport as wide as the A4 page's printable width
  const layout = await browser.newPage({ viewport: { width: Math.floor(PRINTABLE_WIDTH_PX), height: 1000 } });
  await layout.setContent(html, { waitUntil: 'load' });
  await layout.emulateMedia({ media: 'print' });
  widestRightPx = await layout.evaluate(() => Math.max(document.documentElement.scrollWidth, ...[...document.querySelectorAll('body *')].map((element) => element.getBoundingClientRect().right)));
  await layout.close();
  pages = await renderPdfPages(browser, await printToPdf(browser, html));
  mkdirSync(PAGES_DIR, { recursive: true });
  for (const page of pages) writeFileSync(path.join(PAGES_DIR, `page-${String(page.number).padStart(2, '0')}.png`), page.png);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** The start of a requirement block's last line, as printed: what a page break inside the block would push over. */
function getLastLine(requirement: RequirementReport): string {
  if (requirement.cannotCheck !== null) return normalize(`Cannot be checked: ${requirement.cannotCheck}`);
  const lastNode = requirement.nodes.at(-1);
  if (lastNode !== undefined) return lastNode.label === null ? lastNode.id : normalize(`${lastNode.id} (${lastNode.label})`);
  const lastMeasure = requirement.measures.at(-1);
  if (lastMeasure !== undefined) return `Measure ${lastMeasure.measureId}:`;
  return `Rule ${requirement.rules.at(-1)!.ruleId} (`;
}

/** The pages each flow's section covers: it starts on the page that opens with the flow's name, and runs to the next flow's. */
function getFlowPages(): Map<string, RenderedPdfPage[]> {
  const starts = report.flows.map((flow) => {
    const start = pages.findIndex((page) => normalize(page.text).startsWith(`${flow.flowName} (${flow.file})`));
    expect(start, `${flow.file} starts a page`).toBeGreaterThan(0);
    return start;
  });
  return new Map(report.flows.map((flow, index) => [flow.file, pages.slice(starts[index], starts[index + 1] ?? pages.length)]));
}

describe('the compliance report printed to PDF', () => {
  test('has every requirement of every profile for every flow, each block whole on one page, each flow from a new page', () => {
    const requirementCount = report.flows.reduce((sum, flow) => sum + flow.profiles.reduce((count, profile) => count + profile.requirements.length, 0), 0);
    // a summary, then the flows: several requirement blocks to a page, none on a page of its own
    expect(pages.length).toBeGreaterThanOrEqual(1 + report.flows.length);
    expect(pages.length).toBeLessThanOrEqual(1 + Math.ceil(requirementCount / 2));
    const flowPages = getFlowPages();
    for (const flow of report.flows) {
      const texts = flowPages.get(flow.file)!.map((page) => normalize(page.text));
      for (const profile of flow.profiles) {
        // no profile's heading left alone at the foot of a page: its first requirement follows on the same page
        const profileHeading = `${profile.title} ${profile.id} (${profile.status})`;
        const first = profile.requirements[0]!;
        expect(
          texts.some((text) => text.includes(profileHeading) && text.includes(`${first.id}: ${normalize(first.title)}`)),
          `${flow.file}: ${profile.id}'s heading with ${first.id}`,
        ).toBe(true);
        profile.requirements.forEach((requirement, index) => {
          const heading = `${requirement.id}: ${normalize(requirement.title)} ${STATUS_WORDS[requirement.status]}`;
          const holding = texts.filter((text) => text.includes(heading));
          expect(holding, `${flow.file} ${requirement.id}: id and status on one page, once`).toHaveLength(1);
          // from its heading to the next block's (or the page's end): the block's text and its last line, not torn
          const page = holding[0]!;
          const start = page.indexOf(heading);
          const next = profile.requirements[index + 1] ?? flow.profiles[flow.profiles.indexOf(profile) + 1]?.requirements[0];
          const nextAt = next === undefined ? -1 : page.indexOf(`${next.id}: ${normalize(next.title)}`, start);
          const block = page.slice(start, nextAt === -1 ? undefined : nextAt);
          expect(block, `${flow.file} ${requirement.id} whole`).toContain(normalize(requirement.text));
          expect(block, `${flow.file} ${requirement.id} whole`).toContain(getLastLine(requirement));
        });
      }
    }
    // the bank's figures are printed with their verdicts
    const bank = flowPages.get('flows/bank.json')!.map((page) => normalize(page.text)).join(' ');
    expect(bank).toContain('Measured from 2026-11-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z: 1200 calls.');
    expect(bank).toContain('96.2 % over 800 calls (threshold at least 95 %): meets the threshold');
    // the bank's first page, with its measured period and figures, for the README
    writeFileSync(path.join(SCREENSHOTS, 'compliance-report-page.png'), flowPages.get('flows/bank.json')![0]!.png);
  });

  test('cuts nothing at the right edge: the widest element fits the printable width, and the right margin stays blank', async () => {
    expect(widestRightPx).toBeLessThanOrEqual(PRINTABLE_WIDTH_PX);
    const probe = await browser.newPage();
    try {
      for (const page of pages) {
        // pixels drawn in the outer 10 mm of the right margin, counted on the rendered page
        const inked = await probe.evaluate(async (dataUrl) => {
          const image = new Image();
          image.src = dataUrl;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = image.width;
          canvas.height = image.height;
          const context = canvas.getContext('2d')!;
          context.drawImage(image, 0, 0);
          const band = Math.round((image.width * 10) / 210);
          const { data } = context.getImageData(image.width - band, 0, band, image.height);
          let count = 0;
          for (let index = 0; index < data.length; index += 4) if (data[index]! < 200 || data[index + 1]! < 200 || data[index + 2]! < 200) count++;
          return count;
        }, `data:image/png;base64,${page.png.toString('base64')}`);
        expect(inked, `page ${page.number}'s right margin`).toBe(0);
      }
    } finally {
      await probe.close();
    }
  });
});
