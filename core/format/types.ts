import type { Finding, LintResult } from '../lint/types.ts';

export interface FormatOptions {
  /** ANSI colors (stylish only); the CLI sets it when stdout is a TTY and NO_COLOR is unset */
  color?: boolean;
  /** the 1-based line a finding points at in its file, when the caller can tell (sarif only; default 1) */
  locateFinding?: (file: string, finding: Finding) => number | undefined;
}

/** A report format: a pure function from lint results to the text to print or save. */
export type Formatter = (results: LintResult[], options?: FormatOptions) => string;
