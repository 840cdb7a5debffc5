import { describe, expect, it } from 'vitest';
import { formatReportHtml } from '../../core/format/report-html.ts';
import { formatReportJson } from '../../core/format/report-json.ts';
import { formatReportMarkdown } from '../../core/format/report-markdown.ts';
import { toWords } from '../../core/graph/path.ts';
import { hasFailingRequirement, toReportSource } from '../../core/report/build.ts';
import { brandFlow, entryFlow } from './linked-flows.ts';
import { buildReport, readGolden } from './shipped.ts';

const entrySource = () => toReportSource(entryFlow, 'entry.json', 'entry');
const brandSource = () => toReportSource(brandFlow, 'brand.json', 'brand');
const GETHUMAN = 'humanline:gethuman';
const ROUTE = 'entry.json:main --valid input--> entry.json:to-brand --to flow brand--> brand.json:desk --press 0--> brand.json:t --failed--> brand.json:vm (follow-up)';

const requirementOf = (report: ReturnType<typeof buildReport>, file: string, id: string) =>
  report.flows.find((flow) => flow.file === file)!.profiles[0]!.requirements.find((requirement) => requirement.id === id)!;

describe('the compliance report on flows that hand calls to each other', () => {
  it('judges the entry flow on the line: its person in the linked flow makes the requirements hold', () => {
    const alone = buildReport([entrySource()], [GETHUMAN]);
    expect(requirementOf(alone, 'entry.json', 'GH-1').status).toBe('fails');
    const report = buildReport([entrySource(), brandSource()], [GETHUMAN]);
    expect(hasFailingRequirement(report)).toBe(false);
    expect(requirementOf(report, 'entry.json', 'GH-1').status).toBe('holds');
  });

  it('proves the line\'s bound, counting the steps across the link, on a route naming each step\'s file', () => {
    const report = buildReport([entrySource(), brandSource()], [GETHUMAN]);
    const gh1 = requirementOf(report, 'entry.json', 'GH-1');
    const proof = gh1.rules.find((rule) => rule.ruleId === 'steps-to-human')!.proof!;
    expect(proof).toMatchObject({ bound: 2, limit: 3, unit: 'steps', nodeId: 'main' });
    expect(toWords(proof.path!)).toBe(ROUTE);
    expect(gh1.nodes).toEqual(expect.arrayContaining([{ id: 'main', label: null }, { id: 'brand.json:t', label: 'Brand agents' }]));
    // the linked flow's own bound is its own: one step
    expect(requirementOf(report, 'brand.json', 'GH-1').rules.find((rule) => rule.ruleId === 'steps-to-human')!.proof!.bound).toBe(1);
  });

  it('prints the route across files in Markdown and HTML, and matches the golden JSON', () => {
    const report = buildReport([entrySource(), brandSource()], [GETHUMAN]);
    expect(formatReportMarkdown(report)).toContain(`proven bound 2 steps (limit 3 steps), attained from main: ${ROUTE.replaceAll('>', '&gt;')}`);
    expect(formatReportHtml(report)).toContain('brand.json:desk --press 0--&gt; brand.json:t --failed--&gt; brand.json:vm (follow-up)');
    const text = formatReportJson(report);
    expect(text).toBe(readGolden('line.json', text));
  });

  it('reports a link to a flow not in the report as a failing finding on the link', () => {
    const report = buildReport([entrySource()], [GETHUMAN]);
    const entry = report.flows[0]!;
    expect(entry.missingLinks).toEqual([expect.objectContaining({ ruleId: 'missing-target', severity: 'error', nodeId: 'to-brand' })]);
    expect(entry.missingLinks[0]!.message).toContain('continues in flow "brand"');
    expect(formatReportMarkdown(report)).toContain('continues in flow "brand"');
    expect(JSON.parse(formatReportJson(report)).flows[0].missingLinks[0]).toMatchObject({ ruleId: 'missing-target', nodeId: 'to-brand' });
  });
});
