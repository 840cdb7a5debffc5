import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAILING_CASES } from '../report/failing-flows.ts';
import { createProject, PROJECT_ROOT, runBin } from './helpers.ts';

const slowFlow = FAILING_CASES.find((fixture) => fixture.requirementId === 'ES-4')!.flow;
const shippedFlow = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'flows/bank.json'), 'utf8')) as object;

interface JsonReport {
  flows: Array<{ file: string; flowId: string; profiles: Array<{ id: string; counts: { fails: number }; requirements: Array<{ id: string; status: string }> }> }>;
}

describe('humanline report', () => {
  it('reports the shipped examples in Markdown by default, every requirement holding or not checkable: exit 0', async () => {
    const run = await runBin(['report', 'flows']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('# Compliance report\n')).toBe(true);
    for (const id of ['humanline:es-ley-10-2025', 'humanline:gethuman', 'humanline:us-ca-ab-1609-draft']) expect(run.stdout).toContain(`| flows/bank.json (Acme Bank customer line) | \`${id}\` |`);
    expect(run.stdout).not.toContain('✖ Fails');
  });

  it('exits 1 when a requirement fails, in JSON with the profiles asked for (humanline: may be left out)', async () => {
    const cwd = createProject({ 'slow.json': slowFlow });
    const run = await runBin(['report', 'slow.json', '--profile', 'es-ley-10-2025', '-p', 'humanline:us-ca-ab-1609-draft', '--format', 'json'], cwd);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.flows.map((flow) => [flow.file, flow.flowId])).toEqual([['slow.json', 'slow']]);
    const [spain, california] = report.flows[0]!.profiles;
    expect([spain!.id, california!.id]).toEqual(['humanline:es-ley-10-2025', 'humanline:us-ca-ab-1609-draft']);
    expect(spain!.requirements.find((r) => r.id === 'ES-4')!.status).toBe('fails');
    expect(california!.requirements.find((r) => r.id === 'CA-2')!.status).toBe('holds');
  });

  it('takes its profiles from the project config\'s "extends" when none is named', async () => {
    const cwd = createProject({ 'humanline.config.json': { extends: ['humanline:gethuman'] }, 'flows/bank.json': shippedFlow });
    const run = await runBin(['report', 'flows', '-f', 'json'], cwd);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).flows[0]!.profiles.map((profile) => profile.id)).toEqual(['humanline:gethuman']);
  });

  it('writes HTML when -o ends in .html, and says on stderr why it exits 1', async () => {
    const cwd = createProject({ 'slow.json': slowFlow });
    const run = await runBin(['report', 'slow.json', '-p', 'es-ley-10-2025', '-o', 'out/report.html'], cwd);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('humanline: 1 requirement failed (report in out/report.html)\n');
    const html = readFileSync(path.join(cwd, 'out/report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('data-requirement="ES-4" data-profile="humanline:es-ley-10-2025" data-flow="slow.json" data-status="fails"');
  });

  it('refuses an unknown profile, naming the known ones: exit 2', async () => {
    const run = await runBin(['report', 'flows', '--profile', 'humanline:fr-2027']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown profile "humanline:fr-2027"; known profiles: humanline:es-ley-10-2025, humanline:gethuman, humanline:us-ca-ab-1609-draft');
    expect(run.stdout).toBe('');
  });

  it('refuses an unknown format and a missing file: exit 2', async () => {
    expect((await runBin(['report', 'flows', '--format', 'pdf'])).stderr).toContain('unknown format "pdf": expected markdown, html or json');
    const missing = await runBin(['report', 'nowhere.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder: nowhere.json');
  });

  it('reports a file that is not a flow and exits 2', async () => {
    const cwd = createProject({ 'broken.json': { name: 'No nodes' } });
    const run = await runBin(['report', 'broken.json', '-f', 'json'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^humanline: broken\.json is not a flow: /);
    expect((JSON.parse(run.stdout) as JsonReport).flows[0]!.profiles).toEqual([]);
  });

  it('lists the command in its help', async () => {
    const run = await runBin(['report', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: humanline report <files or folders...> [options]');
    expect(run.stdout).toContain('--profile ID');
  });
});
