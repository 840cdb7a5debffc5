import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach } from 'vitest';
import { main } from '../../cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The repository's root, where `bin/humanline.js` is. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const runFile = promisify(execFile);

/** Runs the built bin/humanline.js as a real process in `cwd`; resolves with the exit code whatever it is. */
export async function runBin(args: string[], cwd: string = PROJECT_ROOT, options: { nodeArgs?: string[]; env?: Record<string, string> } = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await runFile(process.execPath, [...(options.nodeArgs ?? []), path.join(PROJECT_ROOT, 'bin/humanline.js'), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Runs the CLI in-process with captured output. */
export async function runCli(
  argv: string[],
  options: { cwd: string; isTTY?: boolean; env?: Record<string, string | undefined> },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: options.cwd,
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

const createdFolders: string[] = [];

afterEach(() => {
  for (const folder of createdFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A temporary folder holding the given files (path → text, or a value written as JSON); removed after the test. */
export function createProject(files: Record<string, string | object>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'humanline-cli-'));
  createdFolders.push(root);
  for (const [relativePath, content] of Object.entries(files)) {
    const filePath = path.join(root, relativePath);
    mkdirSync(path.dirname(filePath), { recursive: true });
    writeFileSync(filePath, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  return root;
}
