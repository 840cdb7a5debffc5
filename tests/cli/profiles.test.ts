import { describe, expect, it } from 'vitest';
import { readShippedFlowTexts } from '../helpers/shipped-flows.ts';
import { createProject, runBin } from './helpers.ts';

/** A line whose queue offers no call back: a warning by default, an error under humanline:gethuman. */
const queueWithoutCallback = {
  name: 'hold line',
  entry: 'main',
  nodes: {
    main: { kind: 'menu', prompt: 'Press 0 for a person.', options: [{ key: '0', next: 'hold' }], noInput: { retries: 2, next: 'hold' }, noMatch: { retries: 2, next: 'hold' } },
    hold: { kind: 'queue', queue: 'support', announce: { position: true, estimatedWait: true, everySeconds: 60 }, on: { full: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Please leave a message after the tone.' },
  },
};

describe('humanline lint: profiles in humanline.config.json', () => {
  it('applies the profiles the config extends', async () => {
    const plain = await runBin(['lint', 'flow.json'], createProject({ 'flow.json': queueWithoutCallback }));
    expect(plain.code).toBe(0);
    const cwd = createProject({ 'flow.json': queueWithoutCallback, 'humanline.config.json': { extends: ['humanline:gethuman'] } });
    const run = await runBin(['lint', 'flow.json', '--format', 'json'], cwd);
    expect(run.code).toBe(1);
    const [report] = JSON.parse(run.stdout) as Array<{ findings: Array<{ ruleId: string; severity: string; nodeId?: string }> }>;
    expect(report!.findings).toEqual([expect.objectContaining({ ruleId: 'queue-callback-offer', severity: 'error', nodeId: 'hold' })]);
  });

  it('exits 2 on an unknown profile, naming the known ones', async () => {
    const cwd = createProject({ 'flow.json': queueWithoutCallback, 'humanline.config.json': { extends: ['humanline:gethumans'] } });
    const run = await runBin(['lint', 'flow.json'], cwd);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'humanline: bad config humanline.config.json: extends.0: unknown profile "humanline:gethumans"; known profiles: humanline:es-ley-10-2025, humanline:gethuman, humanline:us-ca-ab-1609-draft\n',
    });
  });

  it('passes the shipped examples under humanline:gethuman and humanline:es-ley-10-2025', async () => {
    const flows = Object.fromEntries(readShippedFlowTexts().map(({ file, text }) => [file, text]));
    const cwd = createProject({ ...flows, 'humanline.config.json': { extends: ['humanline:gethuman', 'humanline:es-ley-10-2025'] } });
    const run = await runBin(['lint', ...Object.keys(flows)], cwd);
    expect(run).toEqual({ code: 0, stdout: '✔ 4 flows checked, no problems\n', stderr: '' });
  });
});
