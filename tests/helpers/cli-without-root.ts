import { execFile } from 'node:child_process';
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
/**
 * Root, but without the capabilities that let it pass file modes by (util-linux's setpriv): file
 * modes then count as they count for an operator's service account. Running as `nobody` instead
 * failed where nobody may not reach the checkout (a clone in a `mktemp -d` folder, mode 700).
 */
const WITHOUT_FILE_MODE_OVERRIDE = ['--bounding-set=-dac_override,-dac_read_search', '--'];

const RUN_MAIN = `
const { main } = await import(${JSON.stringify(mainUrl)});
const [args, cwd, env] = process.argv.slice(1).map((text, index) => (index === 1 ? text : JSON.parse(text)));
process.exitCode = await main(args, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), cwd, env });
`;

/**
 * Runs the CLI in a child process that file modes stop. Tests run as root, who
 * writes read-only files and lists mode-000 folders alike; without its override
 * of file modes, a chmod is felt as an operator's service account feels it.
 */
export function runCliWithoutRoot(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<ChildCliRun> {
  const asRoot = process.getuid?.() === 0;
  return new Promise((resolve) => {
    const node = [process.execPath, '--import', tsxLoader, '--input-type=module', '-e', RUN_MAIN, JSON.stringify(args), options.cwd, JSON.stringify(options.env ?? {})];
    const [command, ...commandArgs] = asRoot ? ['setpriv', ...WITHOUT_FILE_MODE_OVERRIDE, ...node] : node;
    execFile(
      command!,
      commandArgs,
      { cwd: projectRoot, timeout: options.timeoutMs ?? 20_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' && !error.killed ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
