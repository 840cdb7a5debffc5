import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectMain, connectOverflow, studioBilling, studioMain } from '../import/linked-exports.ts';
import { createProject, runCli } from './helpers.ts';

const readFlow = (cwd: string, file: string) => JSON.parse(readFileSync(path.join(cwd, file), 'utf8')) as { nodes: Record<string, Record<string, unknown>> };

describe('humanline import of several files', () => {
  it('writes each flow as DIR/<id>.json, a link to another file a goto to its id, and lints them as one line', async () => {
    const cwd = createProject({ 'exports/main.json': connectMain, 'exports/after-hours.json': connectOverflow });
    const run = await runCli(['import', 'exports/main.json', 'exports/after-hours.json', '-o', 'flows'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`humanline: wrote ${path.join('flows', 'main.json')} (`);
    expect(run.stderr).toContain(`humanline: wrote ${path.join('flows', 'after-hours.json')} (`);
    expect(readFlow(cwd, 'flows/main.json').nodes.To_overflow).toMatchObject({ kind: 'goto', flow: 'after-hours' });
    // the link outside the run is named with its node
    expect(run.stderr).toMatch(/To_billing +warning +TransferToFlow hands the call to flow/);
    expect(run.stderr).toContain('goto to flow "9999-ffff"');

    const lint = await runCli(['lint', 'flows', '-f', 'json'], { cwd });
    const reports = JSON.parse(lint.stdout) as Array<{ file: string; findings: Array<{ ruleId: string; nodeId?: string }> }>;
    const missing = reports.flatMap((report) => report.findings.filter((f) => f.ruleId === 'missing-target').map((f) => `${path.basename(report.file)}:${f.nodeId}`));
    expect(missing).toEqual(['main.json:To_billing']);
  });

  it('links a Studio subflow saved as <FlowSid>.json', async () => {
    const cwd = createProject({ 'main.json': studioMain, 'FW0123abcd.json': studioBilling });
    const run = await runCli(['import', 'main.json', 'FW0123abcd.json', '-o', 'out/'], { cwd });
    expect(run.code).toBe(0);
    expect(readFlow(cwd, 'out/main.json').nodes.billing).toEqual({ kind: 'goto', flow: 'fw0123abcd', on: { failed: 'sorry' } });
    expect(existsSync(path.join(cwd, 'out/fw0123abcd.json'))).toBe(true);
  });

  it('writes one file to a folder when -o ends in a slash', async () => {
    const cwd = createProject({ 'Main IVR.json': studioMain });
    expect((await runCli(['import', 'Main IVR.json', '-o', 'out/'], { cwd })).code).toBe(0);
    expect(existsSync(path.join(cwd, 'out/main-ivr.json'))).toBe(true);
  });

  it('writes the others and exits 1 when one file cannot be imported', async () => {
    const cwd = createProject({ 'main.json': studioMain, 'broken.json': { description: 'no trigger', states: [] } });
    const run = await runCli(['import', 'main.json', 'broken.json', '-o', 'out'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/humanline: cannot import broken\.json: /);
    expect(existsSync(path.join(cwd, 'out/main.json'))).toBe(true);
  });

  it('refuses several files without -o, and two files that would be one flow id', async () => {
    const cwd = createProject({ 'a/main.json': studioMain, 'b/main.json': studioBilling });
    const bare = await runCli(['import', 'a/main.json', 'b/main.json'], { cwd });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('humanline: importing 2 files needs -o DIR: each flow is written as DIR/<id>.json');
    const clash = await runCli(['import', 'a/main.json', 'b/main.json', '-o', 'out'], { cwd });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('humanline: a/main.json and b/main.json would both be flow "main": rename one');
  });
});

describe('humanline lint of linked exports', () => {
  it('judges raw exports that link to each other as one line', async () => {
    const cwd = createProject({ 'main.json': connectMain, 'after-hours.json': connectOverflow });
    const lint = await runCli(['lint', 'main.json', 'after-hours.json', '-f', 'json'], { cwd });
    const [main] = JSON.parse(lint.stdout) as Array<{ findings: Array<{ ruleId: string; nodeId?: string; message: string }> }>;
    const missing = main!.findings.filter((f) => f.ruleId === 'missing-target').map((f) => f.nodeId);
    expect(missing).toEqual(['To_billing']);
  });
});
