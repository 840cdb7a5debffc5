// Labels from schema keys, so a new field gets a readable label without an entry here.

/** Keys whose words alone read badly. */
const LABELS: Record<string, string> = {
  on: 'What happens next',
  timezone: 'Time zone',
  weekly: 'Opening hours',
  everySeconds: 'Every (seconds)',
  maxWait: 'Longest wait (seconds)',
  maxLength: 'Longest message (seconds)',
  estimatedWait: 'Announce estimated wait',
  position: 'Announce position',
  callbackOffer: 'Callback offer',
  url: 'URL',
  sip: 'SIP address',
  callerId: 'Caller ID',
  bargeIn: 'Barge-in',
  noInput: 'No input',
  noMatch: 'No match',
  saveAs: 'Save as',
};

/** `maxDigits` -> "Max digits". */
export function toLabel(key: string): string {
  if (Object.hasOwn(LABELS, key)) return LABELS[key]!;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of one item of the list or record at `path` (ending in `*`): `options.*` -> "Option". */
export function toItemLabel(path: readonly string[]): string {
  // A list inside a record (a weekday's opening ranges) has no name of its own.
  const parent = path.at(-2);
  // (only a weekday's opening ranges do today, hence the word)
  if (parent === undefined || parent === '*' || /^\d+$/.test(parent)) return 'Hours';
  const singular = parent.endsWith('ies') ? `${parent.slice(0, -3)}y` : parent.endsWith('s') ? parent.slice(0, -1) : parent;
  return toLabel(singular);
}

/**
 * Words a CX designer uses for fields whose key alone would read as the schema
 * (`on.timeout`, `noInput`), by `kind:path` with `*` for any kind, as
 * field-defaults.ts matches defaults.
 */
const LABELS_BY_PATH: Record<string, string> = {
  '*:noInput': 'If the caller says nothing',
  'menu:noMatch': 'If the caller picks no option',
  'input:invalid': 'If the digits are not valid',
  'menu:speech.next': 'If the caller says something no option matches',
  'input:speech.next': 'If the caller speaks the answer',
  '*:noInput.next': 'Then go to',
  '*:noMatch.next': 'Then go to',
  '*:invalid.next': 'Then go to',
  'condition:then': 'If it holds (open, in the split)',
  'condition:else': 'Otherwise',
  'http:on.ok': 'If the look-up answers',
  'http:on.failed': 'If the look-up fails',
  'http:on.timeout': 'If the look-up times out',
  'transfer:on.answered': 'After the agent call',
  'transfer:on.busy': 'If the line is busy',
  'transfer:on.noAnswer': 'If nobody answers',
  'transfer:on.failed': 'If the transfer fails',
  'queue:on.answered': 'After the agent call',
  'queue:on.full': 'If the queue is full',
  'queue:on.timeout': 'If the wait runs out',
  'queue:callbackOffer.key': 'Key for a call back',
  'queue:callbackOffer.next': 'Then go to',
};

/** Descriptions whose schema text names a path (`on.timeout`), in the words of the labels above. */
const DESCRIPTIONS_BY_PATH: Record<string, string> = {
  '*:noInput.retries': 'Re-prompts before the call moves on (default 2)',
  '*:noMatch.retries': 'Re-prompts before the call moves on (default 2)',
  '*:invalid.retries': 'Re-prompts before the call moves on (default 2)',
  'queue:maxWait': 'After this wait the call takes "If the wait runs out"',
  'queue:capacity': 'Callers the queue holds; one more takes "If the queue is full"',
  // the schema's words name `calendar`; the inspector's "Opening hours from" says it instead
  'condition:test.timezone': 'The zone the opening hours are read in',
  'condition:test.weekly': 'Opening ranges per day; a day left out is closed',
};

const byPath = (table: Record<string, string>, kind: string, path: string): string | undefined =>
  (Object.hasOwn(table, `${kind}:${path}`) ? table[`${kind}:${path}`] : undefined) ?? (Object.hasOwn(table, `*:${path}`) ? table[`*:${path}`] : undefined);

/** The label for a field of a node kind (`flow` for the flow's own), where its key alone would not do. */
export const getPathLabel = (kind: string, path: string): string | undefined => byPath(LABELS_BY_PATH, kind, path);

/** The description for a field, where the schema's names a path. */
export const getPathDescription = (kind: string, path: string): string | undefined => byPath(DESCRIPTIONS_BY_PATH, kind, path);

/** What one row of a record is called ("Add day", "Remove header 2"), by the record's key. */
const ROW_LABELS: Record<string, string> = { weekly: 'day', headers: 'header', body: 'field', assign: 'variable', rules: 'rule' };

export const toRowLabel = (key: string): string => (Object.hasOwn(ROW_LABELS, key) ? ROW_LABELS[key]! : 'value');
