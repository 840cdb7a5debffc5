import type { LintResult } from '../lint/types.ts';

export interface FormatOptions {
  /** ANSI colors (stylish only); the CLI sets it when stdout is a TTY and NO_COLOR is unset */
  color?: boolean;
  /** the 1-based line a node sits on in a file, when the caller can tell (sarif only: findings and counterexample steps; default 1) */
  locateNode?: (file: string, nodeId: string) => number | undefined;
}

/** A report format: a pure function from lint results to the text to print or save. */
export type Formatter = (results: LintResult[], options?: FormatOptions) => string;

/** A report format written in chunks, in order: a large report is printed chunk by chunk, never held whole as a string and again as its bytes. */
export type ChunkedFormatter = (results: LintResult[], options?: FormatOptions) => string[];
