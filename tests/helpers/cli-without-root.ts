import { execFile } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a CLI run printed and returned; `code` is null when the run was stopped at its time limit. */
export interface ChildCliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const projectRoot = path.resolve(import.meta.dirname, '../..');
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const mainUrl = pathToFileURL(path.join(projectRoot, 'cli/main.ts')).href;
/** `nobody` on Debian: a user for whom file modes count, as they count for an operator's service account. */
const NOBODY = 65534;

const RUN_MAIN = `
const { main } = await import(${JSON.stringify(mainUrl)});
const [args, cwd, env] = process.argv.slice(1).map((text, index) => (index === 1 ? text : JSON.parse(text)));
process.exitCode = await main(args, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), cwd, env });
`;

/**
 * Runs the CLI in a child process as a user that file modes stop. Tests run as
 * root, who writes read-only files and lists mode-000 folders alike; run as
 * `nobody` instead, a chmod is felt as an operator's service account feels it.
 * The folders named in `readableFolders` are opened to that user first.
 */
export function runCliWithoutRoot(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number; readableFolders?: string[] },
): Promise<ChildCliRun> {
  const asRoot = process.getuid?.() === 0;
  for (const folder of options.readableFolders ?? []) chmodSync(folder, 0o755);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsxLoader, '--input-type=module', '-e', RUN_MAIN, JSON.stringify(args), options.cwd, JSON.stringify(options.env ?? {})],
      { cwd: projectRoot, timeout: options.timeoutMs ?? 20_000, ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}), env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' && !error.killed ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
