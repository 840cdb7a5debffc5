import type { LintResult } from '../lint/types.ts';

export interface FormatOptions {
  /** ANSI colors (stylish only); the CLI sets it when stdout is a TTY and NO_COLOR is unset */
  color?: boolean;
  /** the 1-based line a node sits on in a file, when the caller can tell (sarif only: findings and counterexample steps; default 1) */
  locateNode?: (file: string, nodeId: string) => number | undefined;
}

/** A report format: a pure function from lint results to the text to print or save. */
export type Formatter = (results: LintResult[], options?: FormatOptions) => string;

/**
 * A report format written in chunks, each handed to `write` as soon as it is made: a large report is
 * never held whole (a 100,000-state export's SARIF log is 1.46 GB), and a chunk written out dies young
 * rather than being copied by the collector until the report is done.
 */
export type ChunkedFormatter = (results: LintResult[], options: FormatOptions, write: (chunk: string) => void) => void;
