import { toWords } from '../graph/path.ts';
import type { ComplianceReport, FlowReport, ProfileReport, RequirementReport } from '../report/types.ts';
import { describeMeasure, describePeriod, describeProof, describeSetting, STATUS_WORDS } from '../report/words.ts';
import { escapeXml } from './junit.ts';
import { SCENARIO_NAMES } from './words.ts';

// The compliance report as one self-contained HTML file: inline CSS, no script, no font or image to fetch,
// printable to A4 PDF with a page per flow. Every text goes through escapeXml; a flow file is data from anywhere.

const text = escapeXml;

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1a1a1a; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 0 0 .5rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .2rem; }
h4 { font-size: 1rem; margin: 0 0 .3rem; }
h2, h3, h3 + .meta { break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #999; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.count { text-align: right; }
.summary code { white-space: nowrap; }
tr { break-inside: avoid; }
code { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
.meta { color: #444; margin: .2rem 0 .6rem; }
.flow { break-before: page; }
.requirement { border: 1px solid #bbb; border-left-width: 6px; padding: .5rem .75rem; margin: .6rem 0; break-inside: avoid; }
.requirement.holds { border-left-color: #1b7f3b; }
.requirement.fails { border-left-color: #b3261e; }
.requirement.cannot-check { border-left-color: #8a6d00; }
.status { font-weight: 700; padding: 0 .35rem; border-radius: 3px; white-space: nowrap; }
.status.holds { color: #fff; background: #1b7f3b; }
.status.fails { color: #fff; background: #b3261e; }
.status.cannot-check { color: #1a1a1a; background: #f2d675; }
blockquote { margin: .2rem 0 .4rem; padding-left: .6rem; border-left: 3px solid #ddd; color: #333; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
@media print {
  body { padding: 0; max-width: none; font-size: 9.5pt; }
  a { color: inherit; }
}
`;

function statusBadge(status: RequirementReport['status']): string {
  return `<span class="status ${status}">${STATUS_WORDS[status]}</span>`;
}

function describeFlow(flow: FlowReport): string {
  return flow.flowName === null ? text(flow.file) : `${text(flow.flowName)} <span class="meta">(${text(flow.file)})</span>`;
}

function requirementHtml(flow: FlowReport, profile: ProfileReport, requirement: RequirementReport): string {
  const items: string[] = [];
  for (const rule of requirement.rules) {
    const proof = rule.proof ? `; proven bound ${text(describeProof(rule.proof))}` : '';
    const findings = rule.findings.map((finding) => {
      const where = finding.nodeId === undefined ? '' : ` at <code>${text(finding.nodeId)}</code>`;
      const scenario = finding.scenario ? ` (${SCENARIO_NAMES[finding.scenario]})` : '';
      const path = finding.path ? `<br>Path: <code>${text(toWords(finding.path))}</code>` : '';
      return `<li>${text(finding.message)}${where}${scenario}${path}</li>`;
    });
    const list = findings.length > 0 ? `<ul>${findings.join('')}</ul>` : '';
    items.push(`<li>Rule <code>${text(rule.ruleId)}</code> (${text(describeSetting(rule))}): ${rule.status}${proof}${list}</li>`);
  }
  for (const measure of requirement.measures) items.push(`<li>Measure <code>${text(measure.measureId)}</code>: ${text(describeMeasure(measure, flow.period))}</li>`);
  if (requirement.nodes.length > 0) {
    const nodes = requirement.nodes.map((node) => `<code>${text(node.id)}</code>${node.label === null ? '' : ` (${text(node.label)})`}`);
    items.push(`<li>Nodes: ${nodes.join(', ')}</li>`);
  }
  if (requirement.cannotCheck !== null) items.push(`<li>Cannot be checked: ${text(requirement.cannotCheck)}</li>`);
  const attributes = `data-requirement="${text(requirement.id)}" data-profile="${text(profile.id)}" data-flow="${text(flow.file)}" data-status="${requirement.status}"`;
  return [
    `<section class="requirement ${requirement.status}" ${attributes}>`,
    `<h4>${text(requirement.id)}: ${text(requirement.title)} ${statusBadge(requirement.status)}</h4>`,
    `<blockquote>${text(requirement.text)}</blockquote>`,
    `<ul>${items.join('')}</ul>`,
    '</section>',
  ].join('\n');
}

function profileHtml(flow: FlowReport, profile: ProfileReport): string {
  const { text: followed, version, url } = profile.follows;
  const source = url === undefined ? '' : ` <a href="${text(url)}">${text(url)}</a>`;
  const due = profile.complianceBy === null ? '' : ` Compliance by ${text(profile.complianceBy)}.`;
  return [
    `<h3>${text(profile.title)} <code>${text(profile.id)}</code> (${profile.status})</h3>`,
    `<p class="meta">Follows ${text(followed)}, version ${text(version)}.${source}${due}</p>`,
    ...profile.requirements.map((requirement) => requirementHtml(flow, profile, requirement)),
  ].join('\n');
}

function flowHtml(flow: FlowReport): string {
  const parts = [`<article class="flow" data-flow="${text(flow.file)}">`, `<h2>${describeFlow(flow)}</h2>`];
  if (flow.period) parts.push(`<p class="meta period">${text(describePeriod(flow.period))}</p>`);
  if (flow.problems.length > 0) {
    const problems = flow.problems.map((problem) => `<li><code>${text(problem.ruleId)}</code>: ${text(problem.message)}</li>`);
    parts.push(`<p>Not a flow that can be judged:</p><ul>${problems.join('')}</ul>`);
  }
  if (flow.missingLinks.length > 0) {
    const links = flow.missingLinks.map((link) => `<li>${text(link.message)}${link.nodeId === undefined ? '' : ` at <code>${text(link.nodeId)}</code>`}</li>`);
    parts.push(`<p>Links to flows not in the report (a call judged as ending there):</p><ul class="missing-links">${links.join('')}</ul>`);
  }
  parts.push(...flow.profiles.map((profile) => profileHtml(flow, profile)), '</article>');
  return parts.join('\n');
}

function summaryHtml(report: ComplianceReport): string {
  const rows = report.flows.flatMap((flow) => {
    if (flow.profiles.length === 0) return [`<tr><td>${describeFlow(flow)}</td><td colspan="4">not a flow</td></tr>`];
    return flow.profiles.map(
      (profile) =>
        `<tr><td>${describeFlow(flow)}</td><td><code>${text(profile.id)}</code></td><td class="count">${profile.counts.holds}</td><td class="count">${profile.counts.fails}</td><td class="count">${profile.counts.cannotCheck}</td></tr>`,
    );
  });
  return [
    '<table class="summary">',
    `<thead><tr><th>Flow</th><th>Profile</th><th>${STATUS_WORDS.holds}</th><th>${STATUS_WORDS.fails}</th><th>${STATUS_WORDS['cannot-check']}</th></tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

export function formatReportHtml(report: ComplianceReport): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>humanline compliance report</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>Compliance report</h1>',
    `<p class="meta">Generated ${text(report.generatedAt)} by humanline.</p>`,
    summaryHtml(report),
    '</header>',
    ...report.flows.map(flowHtml),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
