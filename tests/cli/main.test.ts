import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../cli/main.ts';
import { COMMAND_HELP } from '../../cli/usage.ts';
import { createProject, runCli } from './helpers.ts';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('humanline (dispatch)', () => {
  it('prints usage and exits 0 for --help and -h', async () => {
    const cwd = createProject({});
    for (const flag of ['--help', '-h']) {
      const run = await runCli([flag], { cwd });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: humanline <command>/);
      expect(run.stdout).toContain('lint <files or folders...>');
      expect(run.stdout).toContain('import <file>');
      expect(run.stdout).toContain('--max-warnings N');
      expect(run.stderr).toBe('');
    }
  });

  it('prints usage on stderr and exits 2 without arguments', async () => {
    const run = await runCli([], { cwd: createProject({}) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: humanline/);
  });

  it('prints the version of package.json', async () => {
    const run = await runCli(['--version'], { cwd: createProject({}) });
    expect(run).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('refuses an unknown command or option with a pointer to --help', async () => {
    const cwd = createProject({});
    const command = await runCli(['frobnicate'], { cwd });
    expect(command.code).toBe(2);
    expect(command.stderr).toBe(`humanline: unknown command 'frobnicate'\nRun "humanline --help" for usage.\n`);
    const option = await runCli(['--frobnicate'], { cwd });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain(`unknown option '--frobnicate'`);
  });

  it('prints the help of one command', async () => {
    const run = await runCli(['lint', '--help'], { cwd: createProject({}) });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: humanline lint <files or folders...> \[options\]/);
  });

  it('turns an unexpected failure into one line and exit 2, without a stack trace', async () => {
    let stderr = '';
    const code = await main(['--help'], {
      stdout: () => {
        throw new Error('stdout closed\n    at somewhere (file.ts:1:1)');
      },
      stderr: (text) => {
        stderr += text;
      },
      cwd: createProject({}),
    });
    expect(code).toBe(2);
    expect(stderr).toBe('humanline: internal error: stdout closed\n');
  });

  it('has help for every command and a command for every help', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(Object.keys(COMMAND_HELP).sort());
  });
});
