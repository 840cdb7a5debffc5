// A schema problem in words a flow's author acts on: what is missing and where,
// a misspelt kind with the kind meant, and inside a union (a prompt, a transfer's
// `to`) the problem of the shape the value was nearest to, not zod's bare
// "Invalid input".
import type { z } from 'zod';
import { getClosestWord } from './closest-word.ts';
import { toFirstIssueText } from './issue-text.ts';

type Issue = z.core.$ZodIssue;
type WrongType = Extract<Issue, { code: 'invalid_type' }>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at `path` in `input`; undefined where the path leaves the data. */
function getAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = input;
  for (const key of path) {
    if (!isRecord(value) && !Array.isArray(value)) return undefined;
    value = Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value;
}

/** True where the last key of `path` is absent from an object that is there. */
function isMissingKey(input: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  if (path.length === 0) return false;
  const parent = getAt(input, path.slice(0, -1));
  return isRecord(parent) && !Object.hasOwn(parent, path.at(-1)!);
}

/** "a voicemail node" when `path` sits in a node with a kind, else undefined. */
function getOwnerWords(input: unknown, path: ReadonlyArray<PropertyKey>): string | undefined {
  if (path[0] !== 'nodes' || path.length !== 3) return undefined;
  const kind = getAt(input, path.slice(0, 2).concat('kind'));
  if (typeof kind !== 'string') return undefined;
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} node`;
}

const quoteAll = (words: readonly unknown[]) => words.map((word) => `"${String(word)}"`).join(', ');

/** Zod's "Invalid input: expected record, received array" as "expected object, received array". */
const dropPreamble = (message: string) => message.replace(/^Invalid input: /, '').replace(/^expected record\b/, 'expected object');

/** A union none of whose shapes fits: the shape it came closest to, and what is wrong with it. */
function describeUnion(issue: Extract<Issue, { code: 'invalid_union' }>, input: unknown): DescribedIssue | string {
  const value = getAt(input, issue.path);
  if (issue.discriminator !== undefined && 'options' in issue && issue.options !== undefined) {
    const options = issue.options.map(String);
    const { discriminator } = issue;
    const ownerPath = issue.path.at(-1) === discriminator ? issue.path.slice(0, -1) : issue.path;
    const owner = getAt(input, ownerPath);
    if (!isRecord(owner) || !Object.hasOwn(owner, discriminator)) return { path: ownerPath, message: `missing "${discriminator}": one of ${quoteAll(options)}` };
    const suggestion = typeof value === 'string' ? getClosestWord(value, options) : undefined;
    const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
    return `unknown ${discriminator} ${JSON.stringify(value)}${hint}: one of ${quoteAll(options)}`;
  }
  if (isMissingKey(input, issue.path)) return describeMissing(input, issue.path);
  const branches = issue.errors.filter((branch) => branch.length > 0);
  if (branches.length === 0) return dropPreamble(issue.message);
  // Where every shape is a missing field of an object that is there (`to: {}`), any one of them would do.
  const missingOne = branches.map((branch) => (branch.length === 1 && branch[0]!.path.length === 1 && isMissingKey(input, [...issue.path, ...branch[0]!.path]) ? branch[0]!.path[0]! : undefined));
  if (missingOne.every((key) => key !== undefined)) return `needs one of ${quoteAll(missingOne)}`;
  // A shape whose type the value has comes first (its problems are inside it), then the one with fewest problems.
  const getWrongType = (branch: Issue[]) => branch.find((nested): nested is WrongType => nested.path.length === 0 && nested.code === 'invalid_type');
  const fitting = branches.filter((branch) => getWrongType(branch) === undefined);
  if (fitting.length === 0) {
    const wrongTypes = branches.map((branch) => getWrongType(branch)!);
    // a record is an object to the author: "expected string or object, received number"
    const expected = new Set(wrongTypes.map((wrong) => (wrong.expected === 'record' ? 'object' : wrong.expected)));
    const received = dropPreamble(wrongTypes[0]!.message).replace(/^expected [^,]+, /, '');
    return `expected ${[...expected].join(' or ')}, ${received}`;
  }
  const closest = fitting.reduce((best, branch) => (branch.length < best.length ? branch : best));
  // located where the problem is, as a problem outside a union is: `nodes.agent.to.number`
  return describeIssue({ ...closest[0]!, path: [...issue.path, ...closest[0]!.path] } as Issue, input);
}

/** A missing field, located at the object that lacks it: the field has no place in the file to point at. */
function describeMissing(input: unknown, path: ReadonlyArray<PropertyKey>): DescribedIssue {
  const owner = getOwnerWords(input, path);
  const key = String(path.at(-1));
  return { path: path.slice(0, -1), message: owner === undefined ? `missing "${key}"` : `missing "${key}", which ${owner} needs` };
}

/** A zod issue in words, and where it is: below the issue's own path when it sits inside a union. */
export interface DescribedIssue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

function describeInPlace(issue: Issue, input: unknown): DescribedIssue | string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${quoteAll(issue.keys)} (check the spelling)`;
  }
  if (issue.code === 'invalid_key') {
    const key = String(issue.path.at(-1));
    return `invalid id "${key}": ${issue.issues[0]?.message ?? issue.message}`;
  }
  if (issue.code === 'invalid_union') return describeUnion(issue, input);
  if (issue.code === 'invalid_type' && isMissingKey(input, issue.path)) return describeMissing(input, issue.path);
  // zod's own wording only: a schema's own message (an unknown profile's) says more
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid option')) return describeChoice(issue.values, getAt(input, issue.path)) ?? issue.message;
  return dropPreamble(issue.message);
}

/** `"eror" is not one of "off", "warn", "error" (did you mean "error"?)`; undefined for a value that is not text. */
function describeChoice(choices: readonly unknown[], value: unknown): string | undefined {
  if (typeof value !== 'string' || !choices.every((choice) => typeof choice === 'string')) return undefined;
  const suggestion = getClosestWord(value, choices as string[]);
  return `${JSON.stringify(value)} is not one of ${quoteAll(choices)}${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
}

/** One zod issue in words; `input` is the data parsed, to tell a missing field from a wrong one. */
export function describeIssue(issue: Issue, input: unknown): DescribedIssue {
  const described = describeInPlace(issue, input);
  return typeof described === 'string' ? { path: issue.path, message: described } : described;
}

/** The first of `issues` as `toIssueText` writes it (`path: message`), in `describeIssue`'s words; `fallback` when there is none. */
export function describeFirstIssue(issues: readonly Issue[], input: unknown, fallback = 'invalid'): string {
  return toFirstIssueText(issues.slice(0, 1).map((issue) => describeIssue(issue, input)), [], fallback);
}
