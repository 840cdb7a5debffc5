import { describe, expect, it } from 'vitest';
import { formatReportHtml } from '../../core/format/report-html.ts';
import { formatReportMarkdown } from '../../core/format/report-markdown.ts';
import { FAILING_CASES } from './failing-flows.ts';
import { buildReport, readShippedSources } from './shipped.ts';

const PROFILE_IDS = ['humanline:gethuman', 'humanline:es-ley-10-2025'];

/** The GH-1 failing line with hostile text wherever a flow's author writes: its name, a label, a prompt. */
function hostileReport() {
  const fixture = FAILING_CASES.find((f) => f.requirementId === 'GH-1')!;
  const flow = structuredClone(fixture.flow);
  flow.name = 'Acme <img src=x onerror=alert(1)>';
  Object.assign(flow.nodes.main!, { label: '<script>alert("label")</script> & | *bold*' });
  return buildReport([{ file: 'evil<b>.json', flowId: 'evil', flow }], ['humanline:gethuman']);
}

describe('the HTML report', () => {
  const html = formatReportHtml(buildReport(readShippedSources(), PROFILE_IDS));

  it('is one self-contained file: inline CSS, no script, nothing fetched', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=/i);
  });

  it('prints to A4 with a page per flow and requirements kept whole', () => {
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/\.flow \{ break-before: page; \}/);
    expect(html).toMatch(/\.requirement \{[^}]*break-inside: avoid/);
    expect(html).toContain('@media print');
  });

  it('marks each requirement with its id, and shows its status as a word beside the colour', () => {
    for (const id of ['GH-1', 'GH-10', 'ES-1', 'ES-6']) expect(html).toContain(`data-requirement="${id}"`);
    expect(html.match(/data-requirement="GH-1" data-profile="humanline:gethuman"/g)).toHaveLength(4);
    expect(html).toMatch(/data-requirement="GH-10"[^>]*data-status="cannot-check">\n<h4>GH-10: People who can help <span class="status cannot-check">Cannot be checked<\/span>/);
    expect(html).toContain('<span class="status holds">Holds</span>');
    expect(html).toContain('Follows The GetHuman Standard, published by gethuman.com, version 2007.');
    expect(html).toContain('<a href="https://www.boe.es/eli/es/l/2025/12/26/10">');
  });

  it('opens with a summary table of flows by profiles', () => {
    const summary = html.slice(html.indexOf('<table class="summary">'), html.indexOf('</table>'));
    expect(summary).toContain('<th>Holds</th><th>Fails</th><th>Cannot be checked</th>');
    expect(summary.match(/<tr><td>/g)).toHaveLength(8);
    expect(html.indexOf('<table class="summary">')).toBeLessThan(html.indexOf('<article'));
  });

  it('escapes every text from the flow file: names, labels, file names', () => {
    const hostile = formatReportHtml(hostileReport());
    expect(hostile).not.toContain('<script>');
    expect(hostile).not.toContain('<img');
    expect(hostile).not.toContain('<b>');
    expect(hostile).toContain('&lt;script&gt;alert(&quot;label&quot;)&lt;/script&gt; &amp;');
    expect(hostile).toContain('Acme &lt;img src=x onerror=alert(1)&gt;');
    expect(hostile).toContain('data-flow="evil&lt;b&gt;.json"');
    expect(hostile).toContain('<span class="status fails">Fails</span>');
  });
});

describe('the Markdown report', () => {
  const markdown = formatReportMarkdown(buildReport(readShippedSources(), PROFILE_IDS));

  it('opens with a title and a summary table of flows by profiles', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Compliance report');
    expect(lines).toContain('| Flow | Profile | Holds | Fails | Cannot be checked |');
    expect(lines).toContain('| flows/bank.json (Acme Bank customer line) | `humanline:gethuman` | 9 | 0 | 1 |');
  });

  it('gives each flow, profile and requirement a heading, with the status in words and what cannot be checked', () => {
    expect(markdown).toContain('\n## flows/bank.json (Acme Bank customer line)\n');
    expect(markdown).toContain('\n### GetHuman Standard (`humanline:gethuman`, standard)\n');
    expect(markdown).toContain('\n#### GH-10: People who can help: ? Cannot be checked\n');
    expect(markdown).toContain('\n#### GH-1: 0 or "operator" always reaches a person: ✔ Holds\n');
    expect(markdown).toContain('- Rule `seconds-to-person` (error, from "anywhere", maxSeconds 180): holds');
    expect(markdown).toContain('Compliance by 2026-12-28.');
  });

  it('shows a failure with its rule, message, node and path, and makes the flow\'s text inert', () => {
    const hostile = formatReportMarkdown(hostileReport());
    expect(hostile).toContain('#### GH-1: 0 or "operator" always reaches a person: ✖ Fails');
    expect(hostile).toMatch(/- Rule `operator-key` \(error\): fails\n {2}- .+ at `main`/);
    expect(hostile).toContain('&lt;script&gt;');
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('\\| \\*bold\\*');
  });
});
