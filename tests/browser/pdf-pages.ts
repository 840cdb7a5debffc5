import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { REPO } from './harness.ts';

/** One page of a PDF as Chromium's pdf.js draws it: its text, and the picture a reader sees. */
export interface RenderedPdfPage {
  number: number;
  text: string;
  png: Buffer;
}

/** `html` printed to an A4 PDF by Chromium, as "Save as PDF" in the print dialog does. */
export async function printToPdf(browser: Browser, html: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await page.close();
  }
}

const PDFJS_BUILD = path.join(REPO, 'node_modules/pdfjs-dist/build');

// Draws every page on a canvas with pdf.js and reads its text back, in the page, so what is checked is what a reader sees.
const RENDER_PAGE = `<!doctype html><meta charset="utf-8"><body><script type="module">
import * as pdfjs from '/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
try {
  const doc = await pdfjs.getDocument({ url: '/doc.pdf' }).promise;
  const pages = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    const viewport = page.getViewport({ scale: 1.25 });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(viewport.width);
    canvas.height = Math.ceil(viewport.height);
    await page.render({ canvas, viewport }).promise;
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\\n' : '') : '')).join('');
    pages.push({ number, text, dataUrl: canvas.toDataURL('image/png') });
  }
  window.renderedPages = pages;
} catch (error) {
  window.renderedPages = { error: String(error) };
}
</script>`;

function servePdf(pdf: Buffer): Promise<Server> {
  const files: Record<string, { type: string; body: () => Buffer | string }> = {
    '/': { type: 'text/html', body: () => RENDER_PAGE },
    '/doc.pdf': { type: 'application/pdf', body: () => pdf },
    '/pdf.mjs': { type: 'text/javascript', body: () => readFileSync(path.join(PDFJS_BUILD, 'pdf.mjs')) },
    '/pdf.worker.mjs': { type: 'text/javascript', body: () => readFileSync(path.join(PDFJS_BUILD, 'pdf.worker.mjs')) },
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://localhost').pathname];
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type }).end(file.body());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Every page of `pdf`, rendered by pdf.js in Chromium. */
export async function renderPdfPages(browser: Browser, pdf: Buffer): Promise<RenderedPdfPage[]> {
  const server = await servePdf(pdf);
  const page = await browser.newPage();
  try {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (window as { renderedPages?: unknown }).renderedPages !== undefined, undefined, { timeout: 30_000 });
    const rendered = (await page.evaluate(() => (window as { renderedPages?: unknown }).renderedPages)) as
      | Array<{ number: number; text: string; dataUrl: string }>
      | { error: string };
    if (!Array.isArray(rendered)) throw new Error(`pdf.js could not render the PDF: ${rendered.error}`);
    return rendered.map(({ number, text, dataUrl }) => ({ number, text, png: Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64') }));
  } finally {
    await page.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
