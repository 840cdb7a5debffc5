import { readFileSync } from 'node:fs';
import path from 'node:path';
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
  it('gives SARIF a counterexample crossing files as a code flow with each step at its line in its own file', async () => {
    const cwd = createProject({ 'entry.json': entryFlow, 'brand.json': closedBrand });
    const run = await runCli(['lint', 'entry.json', 'brand.json', '-f', 'sarif'], { cwd });
    expect(run.code).toBe(1);
    const lineOf = (file: string, nodeId: string) =>
      readFileSync(path.join(cwd, file), 'utf8')
        .split('\n')
        .findIndex((text) => text.includes(`"${nodeId}": {`)) + 1;
    interface Located {
      physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
      message?: { text: string };
    }
    const log = JSON.parse(run.stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Located[]; codeFlows?: Array<{ threadFlows: Array<{ locations: Array<{ location: Located }> }> }> }> }>;
    };
    const result = log.runs[0]!.results.find((r) => r.ruleId === 'human-unreachable' && r.locations[0]!.physicalLocation.artifactLocation.uri === 'entry.json');
    const steps = result!.codeFlows![0]!.threadFlows[0]!.locations.map(({ location }) => [
      location.physicalLocation.artifactLocation.uri,
      location.physicalLocation.region.startLine,
      location.message?.text,
    ]);
    expect(steps).toEqual([
      ['entry.json', lineOf('entry.json', 'main'), 'press 0'],
      ['entry.json', lineOf('entry.json', 'to-brand'), 'to flow brand'],
      ['brand.json', lineOf('brand.json', 'hours'), 'the call hangs up'],
    ]);
    expect(lineOf('brand.json', 'hours')).toBeGreaterThan(1);
  });
});
