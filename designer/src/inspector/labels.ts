// Labels from schema keys, so a new field gets a readable label without an entry here.

/** Keys whose words alone read badly. */
const LABELS: Record<string, string> = {
  on: 'Outcomes',
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
  if (parent === undefined || parent === '*' || /^\d+$/.test(parent)) return 'Item';
  const singular = parent.endsWith('ies') ? `${parent.slice(0, -3)}y` : parent.endsWith('s') ? parent.slice(0, -1) : parent;
  return toLabel(singular);
}
