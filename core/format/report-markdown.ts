import { toMarkdownText } from '../diff/format.ts';
import { toWords } from '../graph/path.ts';
import type { ComplianceReport, FlowReport, ProfileReport, RequirementReport } from '../report/types.ts';
import { describeMeasure, describePeriod, describeProof, describeSetting, STATUS_WORDS } from '../report/words.ts';
import { SCENARIO_NAMES } from './words.ts';

// The compliance report as Markdown: a pull-request comment or a file in the repository.
// Every text from a flow file goes through toMarkdownText; rule, measure and node ids are safe in code spans.

const code = (id: string): string => `\`${id}\``;

const STATUS_MARKS = { holds: '✔', fails: '✖', 'cannot-check': '?' } as const;

function describeFlow(flow: FlowReport): string {
  return flow.flowName === null ? toMarkdownText(flow.file) : `${toMarkdownText(flow.file)} (${toMarkdownText(flow.flowName)})`;
}

function requirementLines(requirement: RequirementReport, period: FlowReport['period']): string[] {
  const status = `${STATUS_MARKS[requirement.status]} ${STATUS_WORDS[requirement.status]}`;
  const lines = [`#### ${requirement.id}: ${toMarkdownText(requirement.title)}: ${status}`, '', `> ${toMarkdownText(requirement.text)}`, ''];
  for (const rule of requirement.rules) {
    lines.push(`- Rule ${code(rule.ruleId)} (${toMarkdownText(describeSetting(rule))}): ${rule.status}${rule.proof ? `; proven bound ${toMarkdownText(describeProof(rule.proof))}` : ''}`);
    for (const finding of rule.findings) {
      const where = finding.nodeId === undefined ? '' : ` at ${code(finding.nodeId)}`;
      const scenario = finding.scenario ? ` (${SCENARIO_NAMES[finding.scenario]})` : '';
      lines.push(`  - ${toMarkdownText(finding.message)}${where}${scenario}`);
      if (finding.path) lines.push(`    - path: ${toMarkdownText(toWords(finding.path))}`);
    }
  }
  for (const measure of requirement.measures) lines.push(`- Measure ${code(measure.measureId)}: ${toMarkdownText(describeMeasure(measure, period))}`);
  if (requirement.nodes.length > 0) {
    const nodes = requirement.nodes.map((node) => (node.label === null ? code(node.id) : `${code(node.id)} (${toMarkdownText(node.label)})`));
    lines.push(`- Nodes: ${nodes.join(', ')}`);
  }
  if (requirement.cannotCheck !== null) lines.push(`- Cannot be checked: ${toMarkdownText(requirement.cannotCheck)}`);
  lines.push('');
  return lines;
}

function profileLines(profile: ProfileReport, period: FlowReport['period']): string[] {
  const { text, version, url } = profile.follows;
  const follows = `Follows ${toMarkdownText(text)}, version ${toMarkdownText(version)}${url === undefined ? '' : ` (<${url}>)`}.`;
  const due = profile.complianceBy === null ? '' : ` Compliance by ${profile.complianceBy}.`;
  return [`### ${toMarkdownText(profile.title)} (${code(profile.id)}, ${profile.status})`, '', `${follows}${due}`, '', ...profile.requirements.flatMap((requirement) => requirementLines(requirement, period))];
}

function flowLines(flow: FlowReport): string[] {
  const lines = [`## ${describeFlow(flow)}`, ''];
  if (flow.period) lines.push(describePeriod(flow.period), '');
  if (flow.problems.length > 0) {
    lines.push('Not a flow that can be judged:', '');
    for (const problem of flow.problems) lines.push(`- ${code(problem.ruleId)}: ${toMarkdownText(problem.message)}`);
    lines.push('');
  }
  if (flow.missingLinks.length > 0) {
    lines.push('Links to flows not in the report (a call judged as ending there):', '');
    for (const link of flow.missingLinks) lines.push(`- ${toMarkdownText(link.message)}${link.nodeId === undefined ? '' : ` at ${code(link.nodeId)}`}`);
    lines.push('');
  }
  return [...lines, ...flow.profiles.flatMap((profile) => profileLines(profile, flow.period))];
}

export function formatReportMarkdown(report: ComplianceReport): string {
  const summary = ['| Flow | Profile | Holds | Fails | Cannot be checked |', '| --- | --- | ---: | ---: | ---: |'];
  for (const flow of report.flows) {
    if (flow.profiles.length === 0) summary.push(`| ${describeFlow(flow)} | not a flow | | | |`);
    for (const profile of flow.profiles) {
      summary.push(`| ${describeFlow(flow)} | ${code(profile.id)} | ${profile.counts.holds} | ${profile.counts.fails} | ${profile.counts.cannotCheck} |`);
    }
  }
  const lines = ['# Compliance report', '', `Generated ${report.generatedAt}.`, '', ...summary, '', ...report.flows.flatMap(flowLines)];
  return `${lines.join('\n').trimEnd()}\n`;
}
