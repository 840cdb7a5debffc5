import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Runs bin/humanline.js as a real process; resolves with the exit code whatever it is. */
async function runBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/humanline.js', ...args], {
      cwd: projectRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('bin/humanline.js', () => {
  it('runs the TypeScript CLI without a build step', { timeout: 30_000 }, async () => {
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
});
