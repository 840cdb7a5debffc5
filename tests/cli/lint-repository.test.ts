import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanFlow, trapFlow } from './flows.ts';
import { createProject, PROJECT_ROOT, runBin } from './helpers.ts';

// `humanline lint <folder>` over a real repository: its package.json and
// tsconfig.json are not flows, and the project config can leave files out.

const studioExport = readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/cli/studio-support.json'), 'utf8');
const connectExport = readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/import/connect-ivr.json'), 'utf8');
const packageJson = { name: 'phone-lines', version: '1.0.0', scripts: { lint: 'humanline lint .' } };
// tsc --init writes comments: not JSON at all
const tsconfigJson = '{\n  // Visit https://aka.ms/tsconfig to read more\n  "compilerOptions": { "strict": true }\n}\n';

function getLintedFiles(stdout: string): string[] {
  return (JSON.parse(stdout) as Array<{ file: string }>).map((result) => result.file);
}

describe('humanline lint over a repository', () => {
  it('judges only the flows of a folder: humanline, Studio and Connect, not package.json or tsconfig.json', async () => {
    const cwd = createProject({
      'package.json': packageJson,
      'tsconfig.json': tsconfigJson,
      'lines/studio.json': studioExport,
      'lines/connect.json': connectExport,
      'lines/main.json': cleanFlow,
    });
    const run = await runBin(['lint', '.', '--format', 'json'], cwd);
    expect(run.stderr).toBe('');
    expect(getLintedFiles(run.stdout)).toEqual(['lines/connect.json', 'lines/main.json', 'lines/studio.json']);
    // the Studio and Connect exports have dead ends
    expect(run.code).toBe(1);
  });

  it('exits 0 on a repository whose only flow is clean', async () => {
    const cwd = createProject({ 'package.json': packageJson, 'tsconfig.json': tsconfigJson, 'flows/main.json': cleanFlow });
    const run = await runBin(['lint', '.'], cwd);
    expect(run).toEqual({ code: 0, stdout: '✔ 1 flow checked, no problems\n', stderr: '' });
  });

  it('says which files it skipped, and why, with --verbose', async () => {
    const cwd = createProject({ 'package.json': packageJson, 'tsconfig.json': tsconfigJson, 'flows/main.json': cleanFlow });
    const run = await runBin(['lint', '.', '--verbose'], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('✔ 1 flow checked, no problems\n');
    expect(run.stderr).toBe('humanline: skipped package.json: not a flow\nhumanline: skipped tsconfig.json: not a flow (not JSON)\n');
  });

  it('skips a Studio flow for messages and a Connect queue flow found in a folder, with a note, and judges one when named', async () => {
    // as a repository of Studio flows holds SMS and WhatsApp flows beside its phone ones
    const smsFlow = {
      description: 'SMS survey',
      states: [
        { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage', next: 'ask' }, { event: 'incomingCall' }, { event: 'incomingRequest' }] },
        { name: 'ask', type: 'send-and-wait-for-reply', transitions: [{ event: 'incomingMessage' }], properties: { body: 'Coming to dinner?' } },
      ],
      initial_state: 'Trigger',
      flags: { allow_concurrent_calls: true },
    };
    // and Connect's flows that play while a caller waits or is joined to an agent
    const queueFlow = { StartAction: 'hold', Metadata: { type: 'customerQueue' }, Actions: [{ Identifier: 'hold', Type: 'MessageParticipant', Parameters: { Text: 'Thank you for holding.' }, Transitions: { NextAction: 'hold' } }] };
    const cwd = createProject({ 'package.json': packageJson, 'flows/main.json': cleanFlow, 'flows/sms-survey.json': smsFlow, 'flows/queue-music.json': queueFlow });
    const run = await runBin(['lint', '.', '--verbose'], cwd);
    expect(run).toEqual({
      code: 0,
      stdout: '✔ 1 flow checked, no problems\n',
      stderr: [
        'humanline: skipped flows/queue-music.json: an Amazon Connect customer queue flow (it plays to callers waiting in a queue)',
        'humanline: skipped flows/sms-survey.json: a Twilio Studio flow started by incomingMessage, not by a call',
        'humanline: skipped package.json: not a flow',
        '',
      ].join('\n'),
    });
    // named (as a shell glob names every file), it is a warning that says what it is, not a broken flow failing CI
    const named = await runBin(['lint', 'flows/sms-survey.json', '--format', 'json'], cwd);
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout)[0].findings[0]).toMatchObject({ ruleId: 'import', severity: 'warning' });
    expect(JSON.parse(named.stdout)[0].findings[0].message).toBe('This is a Twilio Studio flow started by incomingMessage, not by a call (its trigger\'s incomingCall goes nowhere): there is no phone menu to check');
  });

  it('still judges a broken flow found in a folder: one naming the flow schema, or with an entry and nodes', async () => {
    const cwd = createProject({
      'package.json': packageJson,
      'flows/schema-only.json': { $schema: '../node_modules/humanline/core/schema/flow.schema.json', name: 'draft' },
      'flows/bad-nodes.json': { entry: 'main', nodes: [] },
      'flows/truncated.json': '{ "entry": "main", "nodes": { "main": ',
    });
    const run = await runBin(['lint', 'flows', '--format', 'json'], cwd);
    // a flow that is not even JSON is a broken file, not something else's
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('flows/truncated.json');
    const jsonOnly = createProject({
      'package.json': packageJson,
      'flows/schema-only.json': { $schema: 'https://humanline.dev/schema/flow.schema.json', name: 'draft' },
      'flows/bad-nodes.json': { entry: 'main', nodes: [] },
    });
    const judged = await runBin(['lint', '.', '--format', 'json'], jsonOnly);
    expect(judged.code).toBe(1);
    expect(getLintedFiles(judged.stdout)).toEqual(['flows/bad-nodes.json', 'flows/schema-only.json']);
  });

  it('judges a file named on the command line whatever it holds', async () => {
    const cwd = createProject({ 'package.json': packageJson });
    const run = await runBin(['lint', 'package.json', '--format', 'json'], cwd);
    expect(run.code).toBe(1);
    expect(getLintedFiles(run.stdout)).toEqual(['package.json']);
  });

  it('exits 2 when a folder holds no flow at all', async () => {
    const cwd = createProject({ 'package.json': packageJson, 'tsconfig.json': tsconfigJson });
    const run = await runBin(['lint', '.'], cwd);
    expect(run).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining('no flow files found in .') });
  });
});

describe('ignores in humanline.config.json', () => {
  const ignoringConfig = { ignores: ['fixtures/**', '**/*.draft.json'] };

  it('leaves out the files its patterns match, relative to the config file', async () => {
    const cwd = createProject({
      'humanline.config.json': ignoringConfig,
      'flows/main.json': cleanFlow,
      'flows/next.draft.json': trapFlow,
      'flows/deep/other.draft.json': trapFlow,
      'fixtures/broken/trap.json': trapFlow,
    });
    const run = await runBin(['lint', '.', '--format', 'json'], cwd);
    expect(run.stderr).toBe('');
    expect(getLintedFiles(run.stdout)).toEqual(['flows/main.json']);
    expect(run.code).toBe(0);
    // a folder named from below the config's folder: the patterns still read from the config's folder
    const fromFlows = await runBin(['lint', 'flows', '--format', 'json'], cwd);
    expect(getLintedFiles(fromFlows.stdout)).toEqual(['flows/main.json']);
  });

  it('takes the patterns relative to the config file, not the working folder', async () => {
    const root = createProject({
      'humanline.config.json': { ignores: ['flows/trap.json'] },
      'ci/humanline.config.json': { ignores: ['flows/trap.json'] },
      'flows/main.json': cleanFlow,
      'flows/trap.json': trapFlow,
      'app/.keep': '',
    });
    const fromBelow = await runBin(['lint', '../flows', '--config', '../humanline.config.json', '--format', 'json'], path.join(root, 'app'));
    expect(getLintedFiles(fromBelow.stdout)).toEqual(['../flows/main.json']);
    expect(fromBelow.code).toBe(0);
    // ci/'s patterns name ci/flows/trap.json, which is not there
    const fromCi = await runBin(['lint', 'flows', '--config', 'ci/humanline.config.json', '--format', 'json'], root);
    expect(getLintedFiles(fromCi.stdout)).toEqual(['flows/main.json', 'flows/trap.json']);
  });

  it('names the ignored files with --verbose', async () => {
    const cwd = createProject({ 'humanline.config.json': ignoringConfig, 'flows/main.json': cleanFlow, 'fixtures/trap.json': trapFlow });
    const run = await runBin(['lint', '.', '--verbose'], cwd);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('humanline: skipped fixtures/trap.json: ignored by humanline.config.json\n');
  });

  it('still judges an ignored file named on the command line', async () => {
    const cwd = createProject({ 'humanline.config.json': ignoringConfig, 'fixtures/trap.json': trapFlow });
    const run = await runBin(['lint', 'fixtures/trap.json', '--format', 'json'], cwd);
    expect(run.code).toBe(1);
    expect(getLintedFiles(run.stdout)).toEqual(['fixtures/trap.json']);
  });

  it('applies to report and test, which walk folders too', async () => {
    const cwd = createProject({
      'humanline.config.json': ignoringConfig,
      'package.json': packageJson,
      'flows/main.json': cleanFlow,
      'fixtures/trap.json': trapFlow,
      'fixtures/wrong.test.yaml': 'scenarios:\n  - name: never runs\n    flow: ../flows/main.json\n    steps:\n      - press: "0"\n      - reaches: { node: "vm" }\n',
      'tests/main.test.yaml': 'scenarios:\n  - name: agent\n    flow: ../flows/main.json\n    steps:\n      - press: "0"\n      - reaches: { person: true }\n',
    });
    const report = await runBin(['report', '.', '--format', 'json'], cwd);
    const reported = (JSON.parse(report.stdout) as { flows: Array<{ file: string }> }).flows.map((flow) => flow.file);
    expect(reported).toEqual(['flows/main.json']);
    expect(report.stderr).toBe('');
    const test = await runBin(['test', '.', '--format', 'json'], cwd);
    expect(test.stdout).toContain('agent');
    expect(test.stdout).not.toContain('never runs');
    expect(test.code).toBe(0);
  });

  it('exits 2 when the patterns leave nothing of a folder, as ESLint does', async () => {
    const cwd = createProject({ 'humanline.config.json': ignoringConfig, 'fixtures/trap.json': trapFlow });
    const run = await runBin(['lint', 'fixtures'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('every one of the JSON files in fixtures is ignored by humanline.config.json');
  });

  it('refuses patterns it would misread', async () => {
    for (const ignores of [['!flows/keep.json'], 'fixtures/**', ['']]) {
      const cwd = createProject({ 'humanline.config.json': { ignores }, 'flows/main.json': cleanFlow });
      const run = await runBin(['lint', '.'], cwd);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^humanline: bad config humanline\.config\.json: .*ignores/);
    }
  });
});
