import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateStudioExport } from '../../bench/generate-export.ts';
import { readJsonFile } from '../../runtime/flows/read-json-file.ts';
import { createProject, runBin, runCli } from './helpers.ts';
import { cleanFlow, noOperatorKeyFlow, trapFlow, typoFlow, warningFlow } from './flows.ts';

const USAGE_HINT = 'Run "humanline --help" for usage.\n';

describe('humanline lint: exit codes', () => {
  it('exits 0 for a clean flow', async () => {
    const cwd = createProject({ 'clean.json': cleanFlow });
    const run = await runCli(['lint', 'clean.json'], { cwd });
    expect(run).toEqual({ code: 0, stdout: '✔ 1 flow checked, no problems\n', stderr: '' });
  });

  it('exits 1 and prints findings with counterexamples for a flow with errors', async () => {
    const cwd = createProject({ 'trap.json': trapFlow });
    const run = await runCli(['lint', 'trap.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^trap\.json \(trap\)\n/);
    expect(run.stdout).toContain('path: main --no input--> bye');
    expect(run.stdout).toContain('silent-caller');
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors, 0 warnings\)\n$/);
    expect(run.stderr).toBe('');
  });

  it('lints a flow with no name, going by its file name (the issue\'s fixtures are written so)', async () => {
    const offerBackToMenu = JSON.parse(
      '{"entry":"m","nodes":{"m":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"q"}],"noInput":{"next":"q"},"noMatch":{"next":"q"}},"q":{"kind":"queue","queue":"support","announce":{"position":true},"callbackOffer":{"key":"1","next":"m"},"on":{"full":"cb"}},"cb":{"kind":"callback","prompt":"We will call you back."}}}',
    );
    const loopBehindDeadEnd = JSON.parse(
      '{"entry":"e","nodes":{"e":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"t"},{"key":"1","next":"c"}],"noInput":{"next":"t"},"noMatch":{"next":"t"}},"c":{"kind":"condition","test":{"type":"split","percent":50},"then":"m"},"m":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"t"}],"noInput":{"next":"m"},"noMatch":{"next":"t"}},"t":{"kind":"transfer","to":{"number":"+34910000000"},"on":{"busy":"vm","noAnswer":"vm","failed":"vm"}},"vm":{"kind":"voicemail","prompt":"leave"}}}',
    );
    const cwd = createProject({ 'offer.json': offerBackToMenu, 'loop.json': loopBehindDeadEnd });
    expect(await runCli(['lint', 'offer.json'], { cwd })).toEqual({ code: 0, stdout: '✔ 1 flow checked, no problems\n', stderr: '' });
    const run = await runCli(['lint', 'loop.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^loop\.json\n/);
    expect(run.stdout).not.toContain('schema');
    expect(run.stdout).toContain('silent-caller');
  });

  it('reports a schema error as a finding, not a usage error', async () => {
    const cwd = createProject({ 'typo.json': typoFlow });
    const run = await runCli(['lint', 'typo.json', '--format', 'json'], { cwd });
    expect(run.code).toBe(1);
    const [report] = JSON.parse(run.stdout) as Array<{ stats: unknown; findings: Array<{ ruleId: string; jsonPath?: string }> }>;
    expect(report!.stats).toBeNull();
    expect(report!.findings[0]).toMatchObject({ ruleId: 'schema', jsonPath: 'nodes.main' });
  });

  it('lints data of no known format as a flow, so the schema says what is wrong', async () => {
    const cwd = createProject({ 'list.json': [1, 2, 3] });
    const run = await runCli(['lint', 'list.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('schema');
  });

  it('exits 2 naming the file and line of invalid JSON, without a report', async () => {
    const cwd = createProject({ 'a.json': cleanFlow, 'broken.json': '{\n  "name": "x",\n  "entry": main\n}\n' });
    const run = await runCli(['lint', 'a.json', 'broken.json'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('humanline: broken.json: invalid JSON at line 3, column 12: expected a value, found character "m"\n');
  });

  it('says which file it cannot read', async () => {
    const cwd = createProject({ 'folder.json/inner.txt': 'x' });
    expect(await readJsonFile(path.join(cwd, 'folder.json'), 'folder.json')).toEqual({
      ok: false,
      reason: 'unreadable',
      message: 'cannot read folder.json: is a folder',
    });
  });
});

describe('humanline lint: usage errors', () => {
  const cases: Array<[string, string[], string]> = [
    ['no files', ['lint'], 'no files or folders to lint'],
    ['a missing path', ['lint', 'nowhere.json'], 'no such file or folder: nowhere.json'],
    ['an unknown option', ['lint', 'a.json', '--fast'], `unknown option '--fast'`],
    ['an unknown format', ['lint', 'a.json', '--format', 'html'], 'unknown format "html": expected stylish, json, sarif or junit'],
    ['a bad --max-steps', ['lint', 'a.json', '--max-steps', 'three'], 'bad --max-steps value "three": expected a whole number from 1 to 50'],
    ['a zero --max-steps', ['lint', 'a.json', '--max-steps', '0'], 'bad --max-steps value "0": expected a whole number from 1 to 50'],
    ['a bad --max-warnings', ['lint', 'a.json', '--max-warnings=-1'], 'bad --max-warnings value "-1": expected a whole number of at least 0'],
  ];
  it.each(cases)('exits 2 for %s', async (_name, argv, message) => {
    const cwd = createProject({ 'a.json': cleanFlow });
    const run = await runCli(argv, { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`humanline: ${message}\n${USAGE_HINT}`);
  });

  it('exits 2 when an option lacks its value', async () => {
    const run = await runCli(['lint', 'a.json', '--format'], { cwd: createProject({ 'a.json': cleanFlow }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^humanline: option '-f, --format <value>' argument missing\n/);
  });
});

describe('humanline lint: folders', () => {
  it('walks folders for *.json in a stable order, skipping node_modules, dot-folders and the config', async () => {
    const cwd = createProject({
      'flows/b.json': cleanFlow,
      'flows/a.json': cleanFlow,
      'flows/sub/c.json': trapFlow,
      'flows/notes.txt': 'not a flow',
      'flows/node_modules/dep.json': '{ not json',
      'flows/.cache/x.json': '{ not json',
      'flows/humanline.config.json': { rules: {} },
    });
    const run = await runCli(['lint', 'flows', '--format', 'json'], { cwd });
    expect(run.code).toBe(1);
    const files = (JSON.parse(run.stdout) as Array<{ file: string }>).map((result) => result.file);
    expect(files).toEqual([path.join('flows', 'a.json'), path.join('flows', 'b.json'), path.join('flows', 'sub', 'c.json')]);
  });

  it('lints a file named twice once', async () => {
    const cwd = createProject({ 'flows/a.json': cleanFlow });
    const run = await runCli(['lint', 'flows', 'flows/a.json'], { cwd });
    expect(run.stdout).toBe('✔ 1 flow checked, no problems\n');
  });

  it('exits 2 for a folder without JSON files', async () => {
    const cwd = createProject({ 'empty/readme.md': '# nothing' });
    const run = await runCli(['lint', 'empty'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`humanline: no JSON files found in empty\n${USAGE_HINT}`);
  });
});

describe('humanline lint: warnings and budgets', () => {
  it('exits 0 with warnings only, and 1 with more warnings than --max-warnings', async () => {
    const cwd = createProject({ 'w.json': warningFlow });
    const lenient = await runCli(['lint', 'w.json'], { cwd });
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('✖ 1 problem (0 errors, 1 warning)');
    expect((await runCli(['lint', 'w.json', '--max-warnings', '1'], { cwd })).code).toBe(0);
    const strict = await runCli(['lint', 'w.json', '--max-warnings', '0'], { cwd });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('humanline: too many warnings (1; --max-warnings is 0)\n');
  });

  it('passes --max-steps to the linter, over the flow\'s own budget', async () => {
    // two menus before the agent: 2 steps whatever the caller does
    const twoStepFlow = {
      name: 'two steps',
      settings: { maxSteps: 1 },
      rules: { 'operator-key': 'off' },
      entry: 'first',
      nodes: {
        first: { kind: 'menu', prompt: 'Press 1 to go on', options: [{ key: '1', next: 'main' }], noInput: { next: 'main' }, noMatch: { next: 'main' } },
        ...cleanFlow.nodes,
        main: { ...cleanFlow.nodes.main, prompt: 'Press 1 for an agent', options: [{ key: '1', next: 'agent' }] },
      },
    };
    const cwd = createProject({ 'two.json': twoStepFlow });
    const byFlow = await runCli(['lint', 'two.json'], { cwd });
    expect(byFlow.code).toBe(1);
    expect(byFlow.stdout).toContain('steps-to-human');
    expect((await runCli(['lint', 'two.json', '--max-steps', '2'], { cwd })).code).toBe(0);
    expect((await runCli(['lint', 'two.json', '--max-steps', '1'], { cwd })).code).toBe(1);
  });
});

describe('humanline lint: config', () => {
  it('reads humanline.config.json from the working folder', async () => {
    const cwd = createProject({ 'flow.json': noOperatorKeyFlow });
    expect((await runCli(['lint', 'flow.json'], { cwd })).code).toBe(1);
    const configured = createProject({ 'flow.json': noOperatorKeyFlow, 'humanline.config.json': { rules: { 'operator-key': 'off' } } });
    expect(await runCli(['lint', 'flow.json'], { cwd: configured })).toEqual({
      code: 0,
      stdout: '✔ 1 flow checked, no problems\n',
      stderr: '',
    });
  });

  it('reads the file given with --config instead', async () => {
    const cwd = createProject({
      'flow.json': noOperatorKeyFlow,
      'humanline.config.json': { rules: { 'operator-key': 'off' } },
      'ci/strict.json': { rules: { 'operator-key': 'warn' } },
    });
    const run = await runCli(['lint', 'flow.json', '--config', 'ci/strict.json'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 warning');
  });

  it('exits 2 naming a bad config', async () => {
    const cwd = createProject({ 'flow.json': cleanFlow, 'humanline.config.json': { rulez: {} } });
    const run = await runCli(['lint', 'flow.json'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^humanline: bad config humanline\.config\.json: .*rulez/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  // Each said "Invalid input" or gave no hint before.
  it('says which severity or rule was meant for a misspelt one, and what is wrong with a rule\'s options', async () => {
    const severity = createProject({ 'flow.json': cleanFlow, 'humanline.config.json': { rules: { 'operator-key': 'eror' } } });
    expect((await runCli(['lint', 'flow.json'], { cwd: severity })).stderr).toBe(
      'humanline: bad config humanline.config.json: rules.operator-key: "eror" is not one of "off", "warn", "error" (did you mean "error"?)\n',
    );
    const rule = createProject({ 'flow.json': cleanFlow, 'humanline.config.json': { rules: { 'operator-ky': 'error' } } });
    const unknown = await runCli(['lint', 'flow.json', '-f', 'json'], { cwd: rule });
    const [report] = JSON.parse(unknown.stdout) as Array<{ findings: Array<{ ruleId: string; message: string }> }>;
    expect(report!.findings.find((f) => f.ruleId === 'config')?.message).toMatch(/^Unknown rule "operator-ky" in humanline\.config\.json\. Did you mean "operator-key"\? Known rules: calendars, /);
    const options = createProject({ 'flow.json': cleanFlow, 'humanline.config.json': { rules: { 'prompt-length': ['warn', { maxSeconds: 'ten' }] } } });
    const invalid = await runCli(['lint', 'flow.json', '-f', 'json'], { cwd: options });
    const [optionsReport] = JSON.parse(invalid.stdout) as Array<{ findings: Array<{ ruleId: string; message: string }> }>;
    expect(optionsReport!.findings.find((f) => f.ruleId === 'config')?.message).toBe(
      'Invalid options for rule "prompt-length" in humanline.config.json: maxSeconds: expected number, received string.',
    );
  });

  it('exits 2 for a config that is not JSON or not there', async () => {
    const cwd = createProject({ 'flow.json': cleanFlow, 'humanline.config.json': '{ "rules": ' });
    const broken = await runCli(['lint', 'flow.json'], { cwd });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^humanline: bad config: humanline\.config\.json: invalid JSON at line 1/);
    const missing = await runCli(['lint', 'flow.json', '-c', 'nope.json'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('humanline: bad config: cannot read nope.json: no such file\n');
  });
});

describe('humanline lint: formats and output', () => {
  it('prints each format', async () => {
    const cwd = createProject({ 'trap.json': trapFlow, 'clean.json': cleanFlow });
    const json = await runCli(['lint', 'clean.json', 'trap.json', '-f', 'json'], { cwd });
    expect((JSON.parse(json.stdout) as unknown[]).length).toBe(2);
    const sarif = await runCli(['lint', 'trap.json', '-f', 'sarif'], { cwd });
    const log = JSON.parse(sarif.stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; shortDescription: { text: string } }> } };
        results: Array<{ locations: Array<{ physicalLocation: { region: { startLine: number } } }> }>;
      }>;
    };
    expect(log.version).toBe('2.1.0');
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.length).toBeGreaterThan(0);
    // descriptions come from the rule registry, not the bare ids
    for (const rule of rules) expect(rule.shortDescription.text).not.toBe(rule.id);
    // results point at the node's line ("main": { is on line 5 of the file)
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine).toBe(5);
    const junit = await runCli(['lint', 'trap.json', 'clean.json', '-f', 'junit'], { cwd });
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml/);
    expect(junit.stdout).toContain('<testcase classname="humanline" name="clean.json"/>');
  });

  it('writes the report to the -o file', async () => {
    const cwd = createProject({ 'trap.json': trapFlow });
    const run = await runCli(['lint', 'trap.json', '-f', 'sarif', '-o', 'reports/humanline.sarif'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^humanline: \d+ errors, 0 warnings \(report in reports\/humanline\.sarif\)\n$/);
    const written = readFileSync(path.join(cwd, 'reports/humanline.sarif'), 'utf8');
    expect(JSON.parse(written)).toMatchObject({ version: '2.1.0' });
  });

  // Each result and walk step was found by searching the whole file again: a 5,000-state export took
  // minutes, a 100,000-state one hours. The file is now read once, however many steps point into it.
  it('points every SARIF result of a large Studio export at its widget, within a minute', async () => {
    const cwd = createProject({ 'big.json': generateStudioExport(5_000) });
    const run = await runCli(['lint', 'big.json', '-f', 'sarif', '-o', 'big.sarif'], { cwd });
    expect(run.code).toBe(1);
    const widgetLines = new Map<string, number>();
    readFileSync(path.join(cwd, 'big.json'), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const name = /^\s*"name": "([^"]+)",?$/.exec(line)?.[1];
        if (name !== undefined && !widgetLines.has(name)) widgetLines.set(name, index + 1);
      });
    type Located = { physicalLocation: { region: { startLine: number } }; logicalLocations?: Array<{ name: string }> };
    const log = JSON.parse(readFileSync(path.join(cwd, 'big.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ locations: Located[]; codeFlows?: Array<{ threadFlows: Array<{ locations: Array<{ location: Located }> }> }> }> }>;
    };
    const located = log.runs[0]!.results.flatMap((result) => [
      ...result.locations,
      ...(result.codeFlows?.flatMap((flow) => flow.threadFlows[0]!.locations.map(({ location }) => location)) ?? []),
    ]);
    const atWidgets = located.filter((location) => widgetLines.has(location.logicalLocations?.[0]?.name ?? ''));
    expect(atWidgets.length).toBeGreaterThan(50_000);
    for (const location of atWidgets) {
      expect(location.physicalLocation.region.startLine).toBe(widgetLines.get(location.logicalLocations![0]!.name));
    }
  }, 60_000);

  it('colors stylish output on a terminal unless NO_COLOR is set', async () => {
    const cwd = createProject({ 'trap.json': trapFlow });
    const tty = await runCli(['lint', 'trap.json'], { cwd, isTTY: true });
    expect(tty.stdout).toContain('\u001b[');
    const noColor = await runCli(['lint', 'trap.json'], { cwd, isTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    const pipe = await runCli(['lint', 'trap.json'], { cwd, isTTY: false });
    expect(pipe.stdout).not.toContain('\u001b[');
    const toFile = await runCli(['lint', 'trap.json', '-o', 'report.txt'], { cwd, isTTY: true });
    expect(readFileSync(path.join(cwd, 'report.txt'), 'utf8')).not.toContain('\u001b[');
    expect(toFile.code).toBe(1);
    expect(existsSync(path.join(cwd, 'report.txt'))).toBe(true);
  });

  it('prints a report of many chunks whole down a pipe, and saves the same text', async () => {
    // a hundred and fifty files of findings make a report several times as long as one chunk of the formatter
    const files = Object.fromEntries(Array.from({ length: 150 }, (_, index) => [`trap${String(index).padStart(3, '0')}.json`, trapFlow]));
    const cwd = createProject(files);
    const piped = await runBin(['lint', '.'], cwd);
    expect(piped.code).toBe(1);
    expect(piped.stdout.length).toBeGreaterThan(3 * 16_384);
    expect(piped.stdout.match(/^trap\d{3}\.json/gm)).toHaveLength(150);
    expect(piped.stdout).toMatch(/\n\n✖ \d+ problems \(\d+ errors, 0 warnings\)\n$/);
    await runBin(['lint', '.', '-o', 'out/report.txt'], cwd);
    expect(readFileSync(path.join(cwd, 'out/report.txt'), 'utf8')).toBe(piped.stdout);
  });
});
