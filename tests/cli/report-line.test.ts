import { describe, expect, it } from 'vitest';
import { connectMain, connectOverflow } from '../import/linked-exports.ts';
import { brandFlow, entryFlow } from '../report/linked-flows.ts';
import { createProject, runBin, runCli } from './helpers.ts';

interface JsonLineReport {
  flows: Array<{
    file: string;
    missingLinks?: Array<{ ruleId: string; nodeId: string; message: string }>;
    profiles: Array<{ requirements: Array<{ id: string; status: string; rules: Array<{ ruleId: string; proof: { bound: number; path: { steps: Array<{ nodeId: string; file?: string }> } } | null }> }> }>;
  }>;
}

describe('humanline report: flows that hand calls to each other are one line', () => {
  it('holds the entry flow\'s requirements when its person is in the linked file, proving the bound across the link', async () => {
    const cwd = createProject({ 'flows/entry.json': entryFlow, 'flows/brand.json': brandFlow });
    const run = await runBin(['report', 'flows', '-p', 'gethuman', '-f', 'json'], cwd);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonLineReport;
    const entry = report.flows.find((flow) => flow.file === 'flows/entry.json')!;
    const gh1 = entry.profiles[0]!.requirements.find((requirement) => requirement.id === 'GH-1')!;
    expect(gh1.status).toBe('holds');
    const proof = gh1.rules.find((rule) => rule.ruleId === 'steps-to-human')!.proof!;
    expect(proof.bound).toBe(2);
    expect(proof.path.steps.map((step) => `${step.file}:${step.nodeId}`)).toEqual([
      'flows/entry.json:main',
      'flows/entry.json:to-brand',
      'flows/brand.json:desk',
      'flows/brand.json:t',
      'flows/brand.json:vm',
    ]);
    const markdown = await runBin(['report', 'flows', '-p', 'gethuman'], cwd);
    expect(markdown.stdout).toContain('flows/entry.json:to-brand --to flow brand--&gt; flows/brand.json:desk');
  });

  it('fails a report whose flow links to a flow not in it, naming the link', async () => {
    const cwd = createProject({ 'entry.json': entryFlow });
    const run = await runBin(['report', 'entry.json', '-p', 'gethuman', '-f', 'json'], cwd);
    expect(run.code).toBe(1);
    const [entry] = (JSON.parse(run.stdout) as JsonLineReport).flows;
    expect(entry!.missingLinks).toEqual([expect.objectContaining({ ruleId: 'missing-target', nodeId: 'to-brand' })]);
    expect(entry!.missingLinks![0]!.message).toContain('continues in flow "brand"');
    expect((await runBin(['report', 'entry.json', '-p', 'gethuman'], cwd)).stdout).toContain('Links to flows not in the report');
  });

  it('links raw exports given together, as lint does: only the link to a flow outside the report is missing', async () => {
    const cwd = createProject({ 'exports/main.json': connectMain, 'exports/after-hours.json': connectOverflow });
    const run = await runCli(['report', 'exports', '-p', 'gethuman', '-f', 'json'], { cwd });
    const main = (JSON.parse(run.stdout) as JsonLineReport).flows.find((flow) => flow.file === 'exports/main.json')!;
    expect(main.missingLinks?.map((link) => link.nodeId)).toEqual(['To_billing']);
  });
});
