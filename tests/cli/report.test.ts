import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import { FAILING_CASES } from '../report/failing-flows.ts';
import { createFlowsDir, useTestRuntimes } from '../runtime/helpers.ts';
import { createProject, PROJECT_ROOT, runBin } from './helpers.ts';

const slowFlow = FAILING_CASES.find((fixture) => fixture.requirementId === 'ES-4')!.flow;
const shippedFlow = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'flows/bank.json'), 'utf8')) as object;

interface JsonMeasure {
  measureId: string;
  value: number | null;
  calls: number | null;
  verdict: string;
}

interface JsonReport {
  flows: Array<{
    file: string;
    flowId: string;
    period: { from: string; to: string; calls: number } | null;
    profiles: Array<{ id: string; counts: { fails: number }; requirements: Array<{ id: string; status: string; measures: JsonMeasure[] }> }>;
  }>;
}

const ADMIN_TOKEN = 'admin-token-for-report-0123456789abcdef';
const T0 = Date.parse('2026-05-04T08:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const PERIOD = ['--from', '2026-05-04', '--to', '2026-05-05'];
const runtimes = useTestRuntimes();

/**
 * A store as humanline serve leaves it, written through the runtime's own store: in the bank flow, A asks for a
 * person at 10 s and one answers at 100 s; B asks at 20 s and waits until 400 s; C never asks.
 */
async function writeBankCalls(dataDir: string): Promise<void> {
  const store = createSqliteStore(dataDir);
  const start = (seconds: number) => ({ at: at(seconds), start: { flowId: 'bank', versionId: 'v1', caller: '+34612345601' } });
  await store.updateCallSummary('CA1', start(0));
  await store.updateCallSummary('CA1', { at: at(10), personAsked: true });
  await store.updateCallSummary('CA1', { at: at(300), person: { nodeId: 'agent_queue', steps: 1, answeredAt: at(100) } });
  await store.updateCallSummary('CA2', start(5));
  await store.updateCallSummary('CA2', { at: at(20), personAsked: true });
  await store.updateCallSummary('CA2', { at: at(500), person: { nodeId: 'agent_queue', steps: 1, answeredAt: at(400) } });
  await store.updateCallSummary('CA3', start(30));
  await store.close();
}

const getRequirement = (report: JsonReport, file: string, profileId: string, requirementId: string) =>
  report.flows.find((flow) => flow.file === file)!.profiles.find((profile) => profile.id === profileId)!.requirements.find((requirement) => requirement.id === requirementId)!;

/** The measured figures the bank's report shows, by requirement. */
function getBankFigures(report: JsonReport) {
  const measure = (profileId: string, requirementId: string) => {
    const requirement = getRequirement(report, 'flows/bank.json', profileId, requirementId);
    return { status: requirement.status, measures: requirement.measures.map(({ measureId, value, calls, verdict }) => ({ measureId, value, calls, verdict })) };
  };
  return { es3: measure('humanline:es-ley-10-2025', 'ES-3'), es4: measure('humanline:es-ley-10-2025', 'ES-4'), ca2: measure('humanline:us-ca-ab-1609-draft', 'CA-2') };
}

/** A loopback server answering every request with `status` and `body`: what the CLI does with what is not the runtime's answer. */
async function startFakeRuntime(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((_request, response) => response.writeHead(status, { 'Content-Type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/** A loopback port nothing listens on. */
async function getClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
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

  describe('measured evidence', () => {
    const project = () => createProject({ 'flows/bank.json': shippedFlow, 'flows/quiet.json': shippedFlow, 'data/.keep': '' });

    it('--data DIR adds the period\'s figures from the store, judged against the thresholds: exit 1 when one misses', async () => {
      const cwd = project();
      await writeBankCalls(path.join(cwd, 'data'));
      const run = await runBin(['report', 'flows', '--data', 'data', ...PERIOD, '-f', 'json'], cwd);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.flows.map((flow) => [flow.flowId, flow.period])).toEqual([
        ['bank', { from: '2026-05-04T00:00:00.000Z', to: '2026-05-05T00:00:00.000Z', calls: 3 }],
        ['quiet', { from: '2026-05-04T00:00:00.000Z', to: '2026-05-05T00:00:00.000Z', calls: 0 }],
      ]);
      // A and B asked; A alone was answered within 180 s: 50 %; from the ask, A 90 s and B 380 s: p95 380 s
      expect(getBankFigures(report)).toEqual({
        es3: { status: 'holds', measures: [{ measureId: 'lineDisconnectsWhileWaiting', value: 0, calls: 2, verdict: 'meets' }] },
        es4: {
          status: 'fails',
          measures: [
            { measureId: 'attendedWithin180s', value: 0.5, calls: 2, verdict: 'misses' },
            // from the start: A 100 s, B 395 s; ES-4 sets no figure for it
            { measureId: 'secondsToPersonP95FromStart', value: 395, calls: 2, verdict: 'no-threshold' },
          ],
        },
        ca2: { status: 'fails', measures: [{ measureId: 'secondsToPersonP95FromRequest', value: 380, calls: 2, verdict: 'misses' }] },
      });
      // a flow with no call in the period is not measured, not judged on zero calls
      const quiet = getRequirement(report, 'flows/quiet.json', 'humanline:es-ley-10-2025', 'ES-3');
      expect(quiet.measures).toEqual([expect.objectContaining({ value: null, calls: 0, verdict: 'not-measured' })]);
    });

    it('says "no calls in the period" in Markdown and HTML, and states the period', async () => {
      const cwd = project();
      await writeBankCalls(path.join(cwd, 'data'));
      const markdown = (await runBin(['report', 'flows', '--data', 'data', ...PERIOD, '-p', 'es-ley-10-2025'], cwd)).stdout;
      expect(markdown).toContain('Measured from 2026-05-04T00:00:00.000Z to 2026-05-05T00:00:00.000Z: 3 calls.');
      expect(markdown).toContain('Measured from 2026-05-04T00:00:00.000Z to 2026-05-05T00:00:00.000Z: no calls in the period.');
      expect(markdown).toContain('- Measure `attendedWithin180s`: 50 % over 2 calls (threshold at least 95 %): misses the threshold');
      expect(markdown).toContain('- Measure `lineDisconnectsWhileWaiting`: no calls in the period: not measured (threshold at most 0 calls)');
      await runBin(['report', 'flows', '--data', 'data', ...PERIOD, '-p', 'es-ley-10-2025', '-o', 'report.html'], cwd);
      const html = readFileSync(path.join(cwd, 'report.html'), 'utf8');
      expect(html).toContain('<p class="meta period">Measured from 2026-05-04T00:00:00.000Z to 2026-05-05T00:00:00.000Z: no calls in the period.</p>');
      expect(html).toContain('<code>attendedWithin180s</code>: no calls in the period: not measured (threshold at least 95 %)');
    });

    it('--url takes the same figures from a running runtime, the admin token from HUMANLINE_ADMIN_TOKEN', async () => {
      const cwd = project();
      const dataDir = path.join(cwd, 'data');
      await writeBankCalls(dataDir);
      const fromStore = JSON.parse((await runBin(['report', 'flows', '--data', 'data', ...PERIOD, '-f', 'json'], cwd)).stdout) as JsonReport;
      const runtime = await runtimes.start({ flowsDir: createFlowsDir(), dataDir, env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN } });
      const run = await runBin(['report', 'flows', '--url', runtime.server.url, ...PERIOD, '-f', 'json'], cwd, { env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const fromRuntime = JSON.parse(run.stdout) as JsonReport;
      expect(fromRuntime.flows.map((flow) => flow.period)).toEqual(fromStore.flows.map((flow) => flow.period));
      expect(getBankFigures(fromRuntime)).toEqual(getBankFigures(fromStore));
    });

    it('a refused token, an unreachable runtime, a folder with no store: one line, exit 2, the token never printed', async () => {
      const cwd = project();
      const runtime = await runtimes.start({ flowsDir: createFlowsDir(), env: { HUMANLINE_ADMIN_TOKEN: ADMIN_TOKEN } });
      const wrongToken = 'wrong-token-0123456789abcdefghijklmnop';
      const refused = await runBin(['report', 'flows', '--url', runtime.server.url, '--admin-token', wrongToken], cwd);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/^humanline: the runtime at http:\/\/127\.0\.0\.1:\d+ refused the admin token \(401: [^\n]+\): give its HUMANLINE_ADMIN_TOKEN\n$/);
      expect(refused.stderr).not.toContain(wrongToken);

      const port = await getClosedPort();
      const unreachable = await runBin(['report', 'flows', '--url', `http://127.0.0.1:${port}`, '--admin-token', ADMIN_TOKEN], cwd);
      expect(unreachable.code).toBe(2);
      expect(unreachable.stderr).toMatch(new RegExp(`^humanline: cannot reach the runtime at http://127\\.0\\.0\\.1:${port} \\([^\\n]+\\): is humanline serve running there\\?\n$`));
      expect(unreachable.stderr).not.toContain(ADMIN_TOKEN);

      const noStore = await runBin(['report', 'flows', '--data', 'flows'], cwd);
      expect(noStore.code).toBe(2);
      expect(noStore.stdout).toBe('');
      expect(noStore.stderr).toMatch(/^humanline: cannot read the calls of the store [^\n]+humanline\.sqlite \([^\n]+\): give the folder humanline serve keeps its data in \(HUMANLINE_DATA_DIR\)\n$/);
    });

    it('a 4xx answer says what the runtime said; an answer too large to be the runtime\'s is cut off: exit 2', async () => {
      const cwd = project();
      const refusing = await startFakeRuntime(400, JSON.stringify({ error: 'bad query: from: must be at most 366 days before to' }));
      const huge = await startFakeRuntime(200, JSON.stringify({ padding: 'x'.repeat(200_000) }));
      try {
        const refused = await runBin(['report', 'flows', '--url', refusing.url, '--admin-token', ADMIN_TOKEN], cwd);
        expect([refused.code, refused.stderr]).toEqual([2, `humanline: the runtime at ${refusing.url} refused the measures of flow bank (400: bad query: from: must be at most 366 days before to)\n`]);
        const tooLarge = await runBin(['report', 'flows', '--url', huge.url, '--admin-token', ADMIN_TOKEN], cwd);
        expect([tooLarge.code, tooLarge.stderr]).toEqual([2, `humanline: the runtime at ${huge.url} answered more than 64 KB for the measures of flow bank: is it humanline serve?\n`]);
      } finally {
        refusing.server.close();
        huge.server.close();
      }
    });

    it('refuses --data with --url, a period that ends before it starts, --url without a token: exit 2', async () => {
      const cwd = project();
      const both = await runBin(['report', 'flows', '--data', 'data', '--url', 'http://127.0.0.1:9', '--admin-token', ADMIN_TOKEN], cwd);
      expect([both.code, both.stderr.split('\n')[0]]).toEqual([2, 'humanline: --data and --url are two sources of the same measures: give one']);
      const backwards = await runBin(['report', 'flows', '--data', 'data', '--from', '2026-05-05', '--to', '2026-05-04'], cwd);
      expect([backwards.code, backwards.stderr.split('\n')[0]]).toEqual([2, 'humanline: --from (2026-05-05T00:00:00.000Z) must be before --to (2026-05-04T00:00:00.000Z)']);
      const badDate = await runBin(['report', 'flows', '--data', 'data', '--from', 'last week'], cwd);
      expect(badDate.stderr).toContain('bad --from value "last week": expected an ISO date or time');
      const noToken = await runBin(['report', 'flows', '--url', 'http://127.0.0.1:9'], cwd, { env: { HUMANLINE_ADMIN_TOKEN: '' } });
      expect([noToken.code, noToken.stderr.split('\n')[0]]).toEqual([2, "humanline: --url needs the runtime's admin token: --admin-token T, or HUMANLINE_ADMIN_TOKEN"]);
    });
  });

  it('lists the command in its help', async () => {
    const run = await runBin(['report', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: humanline report <files or folders...> [options]');
    expect(run.stdout).toContain('--profile ID');
  });
});
