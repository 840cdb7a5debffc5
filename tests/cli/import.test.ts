import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanFlow } from './flows.ts';
import { createProject, runCli } from './helpers.ts';

const studioExport = readFileSync(new URL('../fixtures/cli/studio-support.json', import.meta.url), 'utf8');
const USAGE_HINT = 'Run "humanline --help" for usage.\n';

describe('humanline import', () => {
  it('writes a Studio export as a humanline flow that then lints', async () => {
    const cwd = createProject({ 'studio.json': studioExport });
    const run = await runCli(['import', 'studio.json', '-o', 'out/support.json'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/humanline: wrote out\/support\.json \(\d+ nodes from twilio-studio/);

    const written = readFileSync(path.join(cwd, 'out/support.json'), 'utf8');
    expect(written.endsWith('}\n')).toBe(true);
    expect(written).toBe(`${JSON.stringify(JSON.parse(written), null, 2)}\n`);
    const flow = JSON.parse(written) as { name: string; nodes: Record<string, unknown> };
    expect(Object.keys(flow.nodes).length).toBeGreaterThan(0);

    const lint = await runCli(['lint', 'out/support.json', '-f', 'json'], { cwd });
    expect(lint.code).not.toBe(2);
    const [report] = JSON.parse(lint.stdout) as Array<{ stats: unknown; findings: Array<{ ruleId: string }> }>;
    // our own format now: it parses, so there are stats and no schema findings
    expect(report!.stats).not.toBeNull();
    expect(report!.findings.filter((finding) => finding.ruleId === 'schema')).toEqual([]);
  });

  it('prints the flow on stdout without -o', async () => {
    const cwd = createProject({ 'studio.json': studioExport });
    const run = await runCli(['import', 'studio.json', '--from', 'twilio-studio'], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('nodes');
  });

  it('exits 1 when the importer refuses the file', async () => {
    const refused = { description: 'no trigger', states: [], initial_state: 'Trigger' };
    const cwd = createProject({ 'studio.json': refused });
    const run = await runCli(['import', 'studio.json', '-o', 'out.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^humanline: cannot import studio\.json: /);
  });

  it('exits 1 for a flow already in humanline format', async () => {
    const cwd = createProject({ 'flow.json': cleanFlow });
    const run = await runCli(['import', 'flow.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('humanline: flow.json is already a humanline flow; nothing to import\n');
  });

  it('exits 2 for usage errors', async () => {
    const cwd = createProject({ 'studio.json': studioExport });
    expect(await runCli(['import'], { cwd })).toEqual({ code: 2, stdout: '', stderr: `humanline: no file to import\n${USAGE_HINT}` });
    const from = await runCli(['import', 'studio.json', '--from', 'genesys'], { cwd });
    expect(from.code).toBe(2);
    expect(from.stderr).toContain('unknown --from format "genesys": expected twilio-studio or amazon-connect');
    expect((await runCli(['import', 'a.json', 'b.json'], { cwd })).code).toBe(2);
    const missing = await runCli(['import', 'missing.json'], { cwd });
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'humanline: cannot read missing.json: no such file\n' });
  });
});

describe('humanline lint of exports', () => {
  it('imports a Studio export before linting it', async () => {
    const cwd = createProject({ 'studio.json': studioExport });
    const run = await runCli(['lint', 'studio.json', '-f', 'json'], { cwd });
    expect(run.code).not.toBe(2);
    const [report] = JSON.parse(run.stdout) as Array<{ flow: string | null; stats: unknown }>;
    expect(report!.stats).not.toBeNull();
  });

  it('reports a refused export as an import finding', async () => {
    const cwd = createProject({ 'studio.json': { description: 'no trigger', states: [] } });
    const run = await runCli(['lint', 'studio.json', '-f', 'json'], { cwd });
    expect(run.code).toBe(1);
    const [report] = JSON.parse(run.stdout) as Array<{ errorCount: number; stats: unknown; findings: Array<{ ruleId: string; severity: string }> }>;
    expect(report).toMatchObject({ errorCount: 1, stats: null });
    expect(report!.findings).toEqual([expect.objectContaining({ ruleId: 'import', severity: 'error' })]);
  });
});
