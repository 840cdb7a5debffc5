// One way to put a schema problem in a line: `path: message`, the path dotted
// and left out when the problem is with the whole value. Zod's issues and our
// own SchemaIssue both fit.

/** A problem at a place in some data: zod's issues, or `SchemaIssue` with its dotted path. */
export interface IssueLike {
  /** keys from the top of the value, or those keys already dotted */
  path: string | ReadonlyArray<PropertyKey>;
  message: string;
}

/** `a.b.0: message`, with `prefix` keys before the issue's own path; the message alone when there is no path. */
export function toIssueText(issue: IssueLike, prefix: ReadonlyArray<PropertyKey> = []): string {
  const own = typeof issue.path === 'string' ? (issue.path === '' ? [] : [issue.path]) : issue.path.map(String);
  const where = [...prefix.map(String), ...own].join('.');
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}

/** The first issue as `toIssueText` writes it; `fallback` when there is none. */
export function toFirstIssueText(issues: readonly IssueLike[], prefix: ReadonlyArray<PropertyKey> = [], fallback = 'invalid'): string {
  const first = issues[0];
  return first === undefined ? fallback : toIssueText(first, prefix);
}
