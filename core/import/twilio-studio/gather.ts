import type { NodeOfKind, Prompt } from '../../schema/flow.ts';
import { inRange, splitList, toDtmfKey, toInteger, toLanguageTag, toPrompt } from '../field-values.ts';
import type { ImportContext } from '../import-context.ts';
import { getSourceLabel } from '../node-ids.ts';
import { readNumber, readString, readText } from '../json-shape.ts';
import { getEventTarget, type StudioState } from './states.ts';
import { getTestedVariable } from './split-tests.ts';

type MenuOption = NodeOfKind<'menu'>['options'][number];
type DtmfKey = NonNullable<MenuOption['key']>;

/** One match route of a split that a menu option can carry. */
interface MenuMatch {
  keys: DtmfKey[];
  phrases: string[];
  next: unknown;
}

/** Which gathers become one `menu` with the splits that read them, and which splits vanish into a menu. */
export interface MenuPlans {
  splitsByGather: Map<string, StudioState[]>;
  /** splits nothing but their gather routes to: the menu replaces them */
  absorbedSplits: Set<string>;
}

const INPUT_EVENTS = new Set(['keypress', 'speech']);

/**
 * A gather whose keypress and speech transitions all go to splits on its own Digits or
 * SpeechResult, with conditions a menu can express, becomes one menu (the caller's one step).
 */
export function planGatherMenus(states: StudioState[], entryName: string): MenuPlans {
  const byName = new Map<string, StudioState>();
  for (const state of states) if (!byName.has(state.name)) byName.set(state.name, state);
  const referrers = new Map<string, Set<string>>([[entryName, new Set(['(incoming call)'])]]);
  for (const state of states) {
    for (const { next } of state.transitions) {
      if (typeof next === 'string') referrers.set(next, (referrers.get(next) ?? new Set()).add(state.name));
    }
  }
  const plans: MenuPlans = { splitsByGather: new Map(), absorbedSplits: new Set() };
  for (const gather of states) {
    if (gather.type !== 'gather-input-on-call' || byName.get(gather.name) !== gather) continue;
    if ((readNumber(gather.properties.number_of_digits) ?? 1) > 1) continue;
    const targets = [...new Set(gather.transitions.filter((t) => INPUT_EVENTS.has(t.event) && typeof t.next === 'string' && t.next !== '').map((t) => t.next as string))];
    const splits = targets.map((name) => byName.get(name));
    if (splits.length === 0 || !splits.every((split) => split !== undefined && getMenuMatches(split, gather.name) !== undefined)) continue;
    const found = splits.filter((split): split is StudioState => split !== undefined);
    plans.splitsByGather.set(gather.name, found);
    for (const split of found) {
      if ([...(referrers.get(split.name) ?? [])].every((name) => name === gather.name)) plans.absorbedSplits.add(split.name);
    }
  }
  return plans;
}

/** The split's match routes as menu choices; undefined when any of them is not a key or phrase test on this gather. */
function getMenuMatches(split: StudioState, gatherName: string): MenuMatch[] | undefined {
  if (split.type !== 'split-based-on') return undefined;
  const input = readString(split.properties.input);
  const matches: MenuMatch[] = [];
  for (const transition of split.transitions) {
    if (transition.event === 'noMatch') continue;
    const [condition, ...more] = transition.conditions;
    if (condition === undefined || more.length > 0) return undefined;
    const variable = getTestedVariable(condition, input);
    const values = condition.type === 'matches_any_of' ? splitList(condition.value) : [condition.value.trim()];
    if (values.length === 0 || values.some((value) => value === '')) return undefined;
    if (variable === `widgets.${gatherName}.Digits` && ['equal_to', 'matches_any_of'].includes(condition.type)) {
      const keys = values.map(toDtmfKey);
      if (keys.some((key) => key === undefined)) return undefined;
      matches.push({ keys: keys as DtmfKey[], phrases: [], next: transition.next });
    } else if (variable === `widgets.${gatherName}.SpeechResult` && ['equal_to', 'matches_any_of', 'contains'].includes(condition.type)) {
      matches.push({ keys: [], phrases: values, next: transition.next });
    } else {
      return undefined;
    }
  }
  return matches.length > 0 ? matches : undefined;
}

function gatherPrompt(ctx: ImportContext, id: string, gather: StudioState): Prompt {
  return toPrompt(ctx, id, { text: readText(gather.properties.say), audioUrl: readText(gather.properties.play), missing: `gather "${gather.name}" has no say or play` });
}

/** Events of a gather other than input and timeout have no counterpart in our nodes. */
function reportOtherEvents(ctx: ImportContext, id: string, gather: StudioState): void {
  for (const transition of gather.transitions) {
    if (INPUT_EVENTS.has(transition.event) || transition.event === 'timeout' || typeof transition.next !== 'string') continue;
    ctx.findings.lose(id, `event "${transition.event}" of gather "${gather.name}" has no counterpart: its route to "${transition.next}" was dropped`);
  }
}

/**
 * The gather and its splits as one menu. Re-prompts are explicit loops in Studio, so the
 * handlers get no retries of their own: the call takes `next` at once, as in Studio.
 */
export function createGatherMenu(ctx: ImportContext, id: string, gather: StudioState, splits: StudioState[]): NodeOfKind<'menu'> {
  const options: MenuOption[] = [];
  let noMatch: string | undefined;
  splits.forEach((split, index) => {
    for (const match of getMenuMatches(split, gather.name) ?? []) {
      const words = match.keys.length > 0 ? `key ${match.keys.join('/')}` : `"${match.phrases.join('", "')}"`;
      const next = ctx.target(id, match.next, `${words} of split "${split.name}"`);
      const route = next !== undefined ? { next } : {};
      for (const key of match.keys) options.push({ key, ...route });
      if (match.phrases.length > 0) options.push({ phrases: match.phrases, ...route });
    }
    const splitNoMatch = ctx.target(id, getEventTarget(split, 'noMatch'), `no match of split "${split.name}"`);
    if (index === 0) noMatch = splitNoMatch;
    else if (splitNoMatch !== undefined && splitNoMatch !== noMatch) {
      ctx.findings.lose(id, `split "${split.name}" sends no-match to "${splitNoMatch}", but the menu's no-match already goes to "${noMatch ?? 'nowhere'}": that route was dropped`);
    }
  });
  reportOtherEvents(ctx, id, gather);
  const props = gather.properties;
  const noInput = ctx.target(id, getEventTarget(gather, 'timeout'), `timeout of gather "${gather.name}"`);
  const timeout = inRange(readNumber(props.timeout), 0.1, 600) ?? inRange(readNumber(props.speech_timeout), 0.1, 600);
  const speaks = options.some((option) => option.phrases !== undefined);
  const language = toLanguageTag(props.speech_language) ?? toLanguageTag(props.language);
  const hints = splitList(readString(props.hints) ?? '');
  return {
    kind: 'menu',
    ...getSourceLabel(id, gather.name),
    description: `Imported from Twilio Studio gather "${gather.name}" and split${splits.length > 1 ? 's' : ''} ${splits.map((s) => `"${s.name}"`).join(', ')}`,
    prompt: gatherPrompt(ctx, id, gather),
    options,
    ...(speaks ? { speech: { ...(language ? { language } : {}), ...(hints.length > 0 ? { hints } : {}) } } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    noInput: { retries: 0, ...(noInput !== undefined ? { next: noInput } : {}) },
    noMatch: { retries: 0, ...(noMatch !== undefined ? { next: noMatch } : {}) },
  };
}

/**
 * A gather no split reads as a menu: it collects whatever the caller enters into
 * `widgets.<name>.Digits`, which is what an `input` node does.
 */
export function createGatherInput(ctx: ImportContext, id: string, gather: StudioState): NodeOfKind<'input'> {
  const props = gather.properties;
  const onKeys = ctx.target(id, getEventTarget(gather, 'keypress'), `keypress of gather "${gather.name}"`);
  const onSpeech = ctx.target(id, getEventTarget(gather, 'speech'), `speech of gather "${gather.name}"`);
  const next = onKeys ?? onSpeech;
  if (onSpeech !== undefined && onSpeech !== next) {
    ctx.findings.lose(id, `speech of gather "${gather.name}" goes to "${onSpeech}", but an input node has one way on (keypress, to "${next}"): the speech route was dropped`);
  }
  reportOtherEvents(ctx, id, gather);
  const noInput = ctx.target(id, getEventTarget(gather, 'timeout'), `timeout of gather "${gather.name}"`);
  const digits = toInteger(readNumber(props.number_of_digits), 1, 64);
  const finishOnKey = readString(props.finish_on_key);
  const timeout = inRange(readNumber(props.timeout), 0.1, 600);
  const variable = `widgets.${gather.name}.Digits`;
  ctx.findings.warn(id, `gather "${gather.name}" is not followed by a split on its Digits or SpeechResult that a menu can express: imported as an input node that stores the entry in "${variable}"`);
  return {
    kind: 'input',
    ...getSourceLabel(id, gather.name),
    prompt: gatherPrompt(ctx, id, gather),
    variable,
    ...(digits !== undefined ? { maxDigits: digits } : {}),
    ...(finishOnKey === '#' || finishOnKey === '*' || finishOnKey === '' ? { finishOnKey } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    ...(next !== undefined ? { next } : {}),
    noInput: { retries: 0, ...(noInput !== undefined ? { next: noInput } : {}) },
  };
}
