import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliWithoutRoot } from '../helpers/cli-without-root.ts';
import { cleanFlow, trapFlow } from './flows.ts';
import { createProject, runCli } from './helpers.ts';

/** The files of a Kubernetes ConfigMap volume: every name a link into a timestamped dot-folder. */
function createConfigMapMount(cwd: string, files: Record<string, object>): string {
  const mount = path.join(cwd, 'mount');
  const revision = path.join(mount, '..2024_06_01_10_00_00.123456789');
  mkdirSync(revision, { recursive: true });
  for (const [name, flow] of Object.entries(files)) writeFileSync(path.join(revision, name), JSON.stringify(flow));
  symlinkSync('..2024_06_01_10_00_00.123456789', path.join(mount, '..data'));
  for (const name of Object.keys(files)) symlinkSync(path.join('..data', name), path.join(mount, name));
  return mount;
}

describe('humanline lint: the files the runtime serves', () => {
  it('lints the linked files of a ConfigMap mount once each, not its dot-folders', async () => {
    const cwd = createProject({});
    createConfigMapMount(cwd, { 'bank.json': cleanFlow, 'trap.json': trapFlow });
    const run = await runCli(['lint', 'mount', '--format', 'json'], { cwd });
    expect(run.code).toBe(1);
    const files = (JSON.parse(run.stdout) as Array<{ file: string }>).map((result) => result.file);
    expect(files).toEqual([path.join('mount', 'bank.json'), path.join('mount', 'trap.json')]);
  });

  it('follows a linked folder, and walks a folder once when links loop back to it', async () => {
    const cwd = createProject({ 'shared/a.json': cleanFlow, 'flows/b.json': cleanFlow });
    symlinkSync(path.join(cwd, 'shared'), path.join(cwd, 'flows', 'linked'));
    symlinkSync('..', path.join(cwd, 'flows', 'linked', 'back'));
    const run = await runCli(['lint', 'flows', '--format', 'json'], { cwd });
    expect(run.code).toBe(0);
    const files = (JSON.parse(run.stdout) as Array<{ file: string }>).map((result) => result.file);
    expect(files).toEqual([path.join('flows', 'b.json'), path.join('flows', 'linked', 'a.json')]);
  });

  it('exits 2 naming the byte, its offset and line in a flow file that is not UTF-8', async () => {
    const cwd = createProject({});
    const latin1 = Buffer.from(`{\n  "name": "Caf\u00e9 Mu\u00f1oz",\n  "entry": "main"\n}\n`, 'latin1');
    writeFileSync(path.join(cwd, 'cafe.json'), latin1);
    const run = await runCli(['lint', 'cafe.json'], { cwd });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'humanline: cafe.json: not UTF-8: byte 0xE9 at byte offset 16 (line 2); save the file as UTF-8\n' });
  });

  it('reads a UTF-8 flow saved with a byte order mark, its accents and emoji intact', async () => {
    const cwd = createProject({});
    const name = 'Caf\u00e9 Mu\u00f1oz \u2615\ud83d\udcde';
    writeFileSync(path.join(cwd, 'cafe.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ ...cleanFlow, name }), 'utf8')]));
    const run = await runCli(['lint', 'cafe.json', '--format', 'json'], { cwd });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Array<{ flow: string }>)[0]!.flow).toBe(name);
  });

  it('exits 2 at a flow file that ends inside a character', async () => {
    const cwd = createProject({});
    const text = Buffer.from(JSON.stringify({ ...cleanFlow, name: 'Caf\u00e9' }), 'utf8');
    writeFileSync(path.join(cwd, 'cut.json'), Buffer.concat([text, Buffer.from([0xc3])]));
    const run = await runCli(['lint', 'cut.json'], { cwd });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `humanline: cut.json: not UTF-8: byte 0xC3 at byte offset ${text.length} (line 1); save the file as UTF-8\n` });
  });

  it('prints the escape sequences of a flow name, node id and message as text, never raw to the terminal', async () => {
    const hostileName = { ...trapFlow, name: 'trap\u001b]0;pwned\u0007' };
    const hostileNode = {
      ...trapFlow,
      entry: 'main\u001b[2J',
      nodes: Object.fromEntries(Object.entries(trapFlow.nodes).map(([id, node]) => [id === 'main' ? 'main\u001b[2J' : id, node])),
    };
    // C1's CSI and a bidi override are characters XML carries, so the schema lets them through to the report's header
    const sneakyName = { ...trapFlow, name: 'trap\u009b2J\u202e' };
    const cwd = createProject({ 'name.json': hostileName, 'node.json': hostileNode, 'sneaky.json': sneakyName });
    for (const isTTY of [false, true]) {
      const run = await runCli(['lint', 'name.json', 'node.json', 'sneaky.json'], { cwd, isTTY });
      expect(run.code).toBe(1);
      // the only escape codes left are the report's own colors: ESC [ digits m
      expect(run.stdout.replace(/\u001b\[\d+m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      // a name a call cannot carry is a schema error now, reported without the name
      expect(run.stdout).toContain('name: holds U+001B (a control character) at character 5');
      expect(run.stdout).toContain('sneaky.json (trap\\u009b2J\\u202e)');
      expect(run.stdout).toContain('invalid id "main\\u001b[2J"');
    }
  });

  it('exits 2 with one line naming a folder it may not read (run as a user file modes stop)', { timeout: 60_000 }, async () => {
    const cwd = createProject({ 'flows/a.json': cleanFlow, 'flows/locked/b.json': cleanFlow });
    chmodSync(path.join(cwd, 'flows', 'locked'), 0o000);
    const run = await runCliWithoutRoot(['lint', 'flows'], { cwd }).finally(() =>
      chmodSync(path.join(cwd, 'flows', 'locked'), 0o755),
    );
    expect(run).toEqual({ code: 2, stdout: '', stderr: `humanline: cannot read the folder ${path.join('flows', 'locked')}: permission denied\n` });
  });
});
