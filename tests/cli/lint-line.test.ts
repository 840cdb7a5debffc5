import { describe, expect, it } from 'vitest';
import { createProject, runCli } from './helpers.ts';

const entryFlow = {
  name: 'Entry',
  entry: 'main',
  nodes: {
    main: { kind: 'menu', prompt: 'For an agent press 0.', options: [{ key: '0', next: 'to-brand' }], noInput: { next: 'to-brand' }, noMatch: { next: 'to-brand' } },
    'to-brand': { kind: 'goto', flow: 'brand', on: { failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Leave a message.' },
  },
};

const closedBrand = { name: 'Brand', entry: 'hours', nodes: { hours: { kind: 'say', prompt: 'We are closed.', next: 'bye' }, bye: { kind: 'hangup' } } };

const openBrand = {
  name: 'Brand',
  entry: 'hours',
  nodes: {
    hours: { kind: 'say', prompt: 'Connecting you.', next: 't' },
    t: { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Leave a message.' },
  },
};

describe('humanline lint: flows that hand calls to each other are one line', () => {
  it('passes a folder whose entry flow reaches its person in the flow it links to', async () => {
    const cwd = createProject({ 'flows/entry.json': entryFlow, 'flows/brand.json': openBrand });
    const run = await runCli(['lint', 'flows'], { cwd });
    expect(run.stdout).toBe('✔ 2 flows checked, no problems\n');
    expect(run.code).toBe(0);
  });

  it('prints a counterexample that crosses files in stylish, each node with its file', async () => {
    const cwd = createProject({ 'entry.json': entryFlow, 'brand.json': closedBrand });
    const run = await runCli(['lint', 'entry.json', 'brand.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('entry.json:main --press 0--> entry.json:to-brand --to flow brand--> brand.json:hours (hang up)');
  });

  it('reports a link to a flow not given, naming the flows that are', async () => {
    const cwd = createProject({ 'entry.json': entryFlow });
    const run = await runCli(['lint', 'entry.json', '--format', 'json'], { cwd });
    expect(run.code).toBe(1);
    const [result] = JSON.parse(run.stdout) as Array<{ findings: Array<{ ruleId: string; nodeId?: string; message: string }> }>;
    const missing = result!.findings.find((finding) => finding.ruleId === 'missing-target' && finding.nodeId === 'to-brand');
    expect(missing?.message).toContain('continues in flow "brand", which is not linted with this one; flows of the line: "entry"');
  });
});
