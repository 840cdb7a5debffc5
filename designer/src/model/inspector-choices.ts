// Choices the inspector offers: where a transition can go, which key a new
// option takes, and which time zone a mistyped one meant. Pure, so the
// inspector's pickers are tested without a browser.

/** One node a transition may go to, as the "Next" picker lists it. */
export interface TargetChoice {
  id: string;
  /** the node's label, or its id when it has none */
  label: string;
  kind: string;
}

/** The flow's nodes as picker choices, by label (then id), so a designer finds "Main menu" under M rather than in file order. */
export function toTargetChoices(nodes: Readonly<Record<string, { kind: string; label?: string }>>): TargetChoice[] {
  return Object.entries(nodes)
    .map(([id, node]) => ({ id, label: node.label?.trim() || id, kind: node.kind }))
    .sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
}

type ChoiceNodes = Readonly<Record<string, { kind: string; label?: string }>>;

/** True when both node sets give the same choices: the same ids, each with the same label and kind. */
function haveSameChoices(before: ChoiceNodes, after: ChoiceNodes): boolean {
  if (Object.keys(before).length !== Object.keys(after).length) return false;
  for (const [id, node] of Object.entries(after)) {
    const old = Object.hasOwn(before, id) ? before[id] : undefined;
    if (old === undefined || (old !== node && (old.kind !== node.kind || old.label !== node.label))) return false;
  }
  return true;
}

/**
 * A `toTargetChoices` that remembers: nodes with the ids, labels and kinds it saw last time get
 * the same array, so a letter typed in a prompt does not sort a 1,000-node flow's choices again.
 */
export function createTargetChooser(): (nodes: ChoiceNodes) => TargetChoice[] {
  let lastNodes: ChoiceNodes | undefined;
  let lastChoices: TargetChoice[] = [];
  return (nodes) => {
    if (lastNodes === undefined || (nodes !== lastNodes && !haveSameChoices(lastNodes, nodes))) lastChoices = toTargetChoices(nodes);
    lastNodes = nodes;
    return lastChoices;
  };
}

/** "Main menu (menu)": what the picker shows for a choice. */
export const toTargetText = (choice: TargetChoice): string => `${choice.label} (${choice.kind})`;

/** Choices whose label, kind or id holds every word typed, in any case. */
export function filterTargetChoices(choices: readonly TargetChoice[], query: string): TargetChoice[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return choices.filter((choice) => {
    const text = `${choice.label} ${choice.kind} ${choice.id}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** Keys a new option or offer is given, in the order a caller expects them; 0 last, as it is the operator key. */
const KEY_ORDER = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', '0'];

/** The first key of `allowed` not in `taken`, 0 only for a menu option when nothing else is free; undefined when all are taken. */
export function getNextFreeKey(allowed: readonly string[], taken: readonly string[], { operatorKey = true } = {}): string | undefined {
  return KEY_ORDER.find((key) => allowed.includes(key) && !taken.includes(key) && (operatorKey || key !== '0'));
}

/** Edit distance with a cap: the time zone lists hold some 400 names, each compared to what was typed. */
function getDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The zone a near miss meant ("Europe/Amsterdm" -> "Europe/Amsterdam"), or
 * undefined for a known zone or nothing close. Case and spaces for
 * underscores are forgiven; a few letters off, a third of the name at most.
 */
export function getTimeZoneSuggestion(typed: string, zones: readonly string[]): string | undefined {
  const text = typed.trim();
  if (text === '' || zones.includes(text)) return undefined;
  const normal = (zone: string) => zone.toLowerCase().replace(/ /g, '_');
  const wanted = normal(text);
  const cap = Math.min(3, Math.floor(wanted.length / 3));
  let best: { zone: string; distance: number } | undefined;
  for (const zone of zones) {
    const distance = getDistance(wanted, normal(zone), cap);
    if (distance <= cap && (best === undefined || distance < best.distance)) best = { zone, distance };
  }
  return best?.zone;
}

/** The reason in a refusal, without the node and path it names: `Cannot change "x": to.number: an E.164 number` -> "An E.164 number". */
export function toFieldReason(message: string): string {
  const reason = message.replace(/^Cannot change (?:"[^"]*"|the flow): /, '').replace(/^[\w.*-]+: /, '').replace(/\.$/, '');
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

/** A row of a list as the designer names it: "Press 3" for an option on key 3, 'Say "agent"' for a spoken one, else "Option 2". */
export function toRowTitle(row: unknown, index: number, itemLabel: string): string {
  if (typeof row === 'object' && row !== null && !Array.isArray(row)) {
    const { key, phrases } = row as { key?: unknown; phrases?: unknown };
    if (typeof key === 'string' && key !== '') return `Press ${key}`;
    if (Array.isArray(phrases) && typeof phrases[0] === 'string' && phrases[0] !== '') return `Say "${phrases[0]}"`;
  }
  return `${itemLabel} ${index + 1}`;
}
