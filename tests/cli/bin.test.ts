import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createProject, PROJECT_ROOT, runBin } from './helpers.ts';
import { trapFlow } from './flows.ts';

const run = promisify(execFile);
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Module hooks that refuse to load any TypeScript file or tsx: the bin must run on plain JavaScript. */
const REFUSE_TYPESCRIPT_HOOKS = `
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (/\\.[cm]?tsx?$/.test(new URL(resolved.url).pathname) || resolved.url.includes('/node_modules/tsx/')) {
    throw new Error('the CLI loaded TypeScript: ' + resolved.url);
  }
  return resolved;
}`;
const REFUSE_TYPESCRIPT = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(REFUSE_TYPESCRIPT_HOOKS)}`)});`,
)}`;

describe('bin/humanline.js', () => {
  it('runs the CLI as built to JavaScript', { timeout: 30_000 }, async () => {
    const version = await runBin(['--version']);
    expect(version).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });

    const lint = await runBin(['lint', 'tests/fixtures/cli/clean.json']);
    expect(lint).toEqual({ code: 0, stdout: '✔ 1 flow checked, no problems\n', stderr: '' });

    const broken = await runBin(['lint', 'tests/fixtures/cli/studio-support.json', '--format', 'json']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject([{ file: 'tests/fixtures/cli/studio-support.json' }]);

    const usage = await runBin(['lint', '--format', 'html', 'tests/fixtures/cli/clean.json']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('unknown format "html"');
  });

  it('loads no TypeScript and no tsx, for lint, import and serve', { timeout: 30_000 }, async () => {
    const nodeArgs = ['--import', REFUSE_TYPESCRIPT];
    // the hooks do refuse TypeScript: loading a .ts file through them fails
    const refused = await run(process.execPath, [...nodeArgs, '-e', 'await import("./cli/io.ts")', '--input-type=module'], { cwd: PROJECT_ROOT }).catch(
      (error: { stderr: string }) => error.stderr,
    );
    expect(refused).toMatch(/the CLI loaded TypeScript: .*cli\/io\.ts/);

    expect(await runBin(['lint', 'flows/bank.json', 'tests/fixtures/cli/studio-support.json', '-f', 'sarif'], PROJECT_ROOT, { nodeArgs })).toMatchObject({ code: 1, stderr: '' });
    expect(await runBin(['import', 'tests/fixtures/cli/studio-support.json'], PROJECT_ROOT, { nodeArgs })).toMatchObject({ code: 0 });
    // a bad setting stops serve after its whole module graph (express, the store, the designer API) has loaded
    const serve = await runBin(['serve'], PROJECT_ROOT, { nodeArgs, env: { PORT: '99999' } });
    expect(serve.code).toBe(2);
    expect(serve.stderr).toMatch(/^humanline: bad configuration:\n {2}PORT must be from 0 to 65535/);
  });

  it('stops quietly when the reader of its output goes away, as `humanline lint . | head` does', { timeout: 30_000 }, async () => {
    const files = Object.fromEntries(Array.from({ length: 300 }, (_, index) => [`trap${index}.json`, trapFlow]));
    const cwd = createProject(files);
    const child = spawn(process.execPath, [`${PROJECT_ROOT}bin/humanline.js`, 'lint', '.'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    // read the first piece of the report, then close the pipe as `head` does
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});
