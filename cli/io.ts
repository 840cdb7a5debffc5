import { toPrintable } from '../core/format/printable.ts';

/** What the CLI may touch of its process: passed in, so tests run it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** folder that relative paths on the command line start from */
  cwd: string;
  /** whether stdout is a terminal (colors) */
  isTTY?: boolean;
  /** whether stderr is a terminal (progress bars) */
  stderrIsTTY?: boolean;
  env?: Record<string, string | undefined>;
}

/** A command runs to an exit code: 0 clean, 1 problems found, 2 usage or fatal error. */
export type CommandRunner = (args: string[], io: CliIo) => Promise<number>;

/** The command line is wrong: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command cannot go on (a file that cannot be read, a bad config): one line, exit 2. */
export class FatalError extends Error {
  override name = 'FatalError';
}

/** Where `--verbose` notes go: standard error, file names printed as text; nothing without the flag. */
export function createVerboseNote(verbose: boolean | undefined, io: CliIo): ((text: string) => void) | undefined {
  if (!verbose) return undefined;
  return (text) => io.stderr(`humanline: ${toPrintable(text)}\n`);
}
