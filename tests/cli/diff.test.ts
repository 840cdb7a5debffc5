import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createProject } from './helpers.ts';

// `humanline diff` as a pull request's check runs it: the built bin, real files, exit codes.

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/humanline.js', import.meta.url));
const bank = JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8'));

async function runDiff(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, 'diff', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The bank line with the loan desk's busy route dropped: a dead end, so an error. */
function toBrokenBank() {
  const flow = structuredClone(bank);
  delete flow.nodes.loans_transfer.on.busy;
  return flow;
}

/** The bank line with one more notice before the menu: no new error. */
function toNoticeBank() {
  const flow = structuredClone(bank);
  flow.nodes.greeting.next = 'rates_notice';
  flow.nodes.rates_notice = { kind: 'say', label: 'Rates notice', prompt: 'Our mortgage rates changed.', next: 'main_menu' };
  return flow;
}

describe('humanline diff', { timeout: 30_000 }, () => {
  it('exits 0 with nothing to say between a flow and a copy of it', async () => {
    const cwd = createProject({ 'old.json': bank, 'new.json': bank });
    expect(await runDiff(cwd, ['old.json', 'new.json'])).toEqual({
      code: 0,
      stdout: 'old.json → new.json\nverdict: Every caller reaches a person within 3 steps → Every caller reaches a person within 3 steps\n\n✔ nothing changes for callers\n',
      stderr: '',
    });
  });

  it('exits 0 for a change that adds no error, and lists it', async () => {
    const cwd = createProject({ 'old.json': bank, 'new.json': toNoticeBank() });
    const result = await runDiff(cwd, ['old.json', 'new.json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  + rates_notice (say "Rates notice")');
    expect(result.stdout).toContain('  ~ greeting: next → main_menu, now rates_notice');
    expect(result.stdout).toMatch(/✔ no new errors \(0 findings appeared, 0 cleared\)\n$/);
  });

  it('exits 1 when the new version has an error the old had not, and 0 for the fix', async () => {
    const cwd = createProject({ 'old.json': bank, 'new.json': toBrokenBank() });
    const broken = await runDiff(cwd, ['old.json', 'new.json']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/loans_transfer +error +The "busy" route is not connected.* dead-end/);
    expect(broken.stdout).toContain('✖ 1 new error');
    const fixed = await runDiff(cwd, ['new.json', 'old.json']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('Findings cleared');
  });

  it('writes the markdown for a pull-request comment', async () => {
    const cwd = createProject({ 'flows/bank.json': bank, 'pr/bank.json': toBrokenBank() });
    const result = await runDiff(cwd, ['flows/bank.json', 'pr/bank.json', '--format', 'markdown']);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe('### pr/bank.json: ✔ Every caller reaches a person within 3 steps → ✖ 1 error breaks the guarantee (1 warning)');
    expect(result.stdout).toContain('| `loans_transfer` Loan advisors | 0 | 0 → no person | 5 s → no person |');
    expect(result.stdout).toContain('- **error** `dead-end` at `loans_transfer`: The "busy" route is not connected');
    expect(result.stdout).toContain('- removed `loans_transfer` busy → `agent_queue`');
  });

  it('writes json that a script can read', async () => {
    const cwd = createProject({ 'old.json': bank, 'new.json': toBrokenBank() });
    const result = await runDiff(cwd, ['old.json', 'new.json', '-f', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ before: 'old.json', after: 'new.json', newErrors: true });
  });

  it('exits 2 naming the file it cannot use', async () => {
    const cwd = createProject({ 'old.json': bank, 'not-json.json': '{ "name": ', 'not-a-flow.json': { name: 'x', entry: 'a', nodes: { a: { kind: 'dance' } } } });
    const missing = await runDiff(cwd, ['old.json', 'gone.json']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'humanline: cannot read gone.json: no such file\n' });
    const notJson = await runDiff(cwd, ['not-json.json', 'old.json']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^humanline: not-json\.json: /);
    const notFlow = await runDiff(cwd, ['old.json', 'not-a-flow.json']);
    expect(notFlow.code).toBe(2);
    expect(notFlow.stderr).toMatch(/^humanline: not-a-flow\.json: not a humanline flow: nodes\.a/);
  });

  it('exits 2 on a wrong command line', async () => {
    const cwd = createProject({ 'old.json': bank });
    expect(await runDiff(cwd, ['old.json'])).toMatchObject({ code: 2, stderr: expect.stringContaining('expected two flow files') });
    expect(await runDiff(cwd, ['old.json', 'old.json', '-f', 'sarif'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown format "sarif"') });
  });
});
