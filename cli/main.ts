import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../runtime/package-root.ts';
import { FatalError, UsageError, type CliIo, type CommandRunner } from './io.ts';
import { getUsage, type CommandName } from './usage.ts';

export type { CliIo } from './io.ts';

/**
 * The commands, loaded on demand so `--help` and `--version` never load the
 * linter. To add one: its help in usage.ts, its loader here.
 */
export const COMMANDS: Record<CommandName, () => Promise<CommandRunner>> = {
  lint: async () => (await import('./lint-command.ts')).runLintCommand,
  diff: async () => (await import('./diff-command.ts')).runDiffCommand,
  import: async () => (await import('./import-command.ts')).runImportCommand,
  serve: async () => (await import('./serve-command.ts')).runServeCommand,
  test: async () => (await import('./test-command.ts')).runTestCommand,
  report: async () => (await import('./report-command.ts')).runReportCommand,
  simulate: async () => (await import('./simulate-command.ts')).runSimulateCommand,
};

async function getVersion(): Promise<string> {
  const packageJson = JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof packageJson.version === 'string' ? packageJson.version : 'unknown';
}

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(getUsage());
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(getUsage());
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${await getVersion()}\n`);
    return 0;
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option '${first}'`);
  if (!isCommandName(first)) throw new UsageError(`unknown command '${first}'`);
  const run = await COMMANDS[first]();
  return await run(rest, io);
}

/** The humanline command line. Returns the exit code; never exits the process, never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`humanline: ${error.message}\nRun "humanline --help" for usage.\n`);
    } else if (error instanceof FatalError) {
      io.stderr(`humanline: ${error.message}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`humanline: internal error: ${message.split('\n')[0]}\n`);
    }
    return 2;
  }
}
