import { DEFAULTS } from '../../schema/defaults.ts';
import { DtmfKeySchema, type NodeOfKind, type Prompt, type RetryHandler } from '../../schema/flow.ts';
import { inRange, isDtmfKey, splitList, toInteger, toLanguageTag, toPrompt } from '../field-values.ts';
import type { ImportContext } from '../import-context.ts';
import { toSourceLabel, type FirstByName } from '../node-ids.ts';
import { readNumber, readString, readText } from '../json-shape.ts';
import { getEvent, getEventTarget, getNext, readOnlyCondition, type StudioState } from './states.ts';
import { getTestedVariable } from './split-tests.ts';

type MenuOption = NodeOfKind<'menu'>['options'][number];
type DtmfKey = NonNullable<MenuOption['key']>;

/** One match route of a split that a menu option can carry. */
interface MenuMatch {
  keys: DtmfKey[];
  phrases: string[];
  next: unknown;
}

/** A split a menu absorbs, with its match routes as planned: read once, not again when the menu is made. */
export interface MenuSplit {
  split: StudioState;
  matches: MenuMatch[];
  /** the split's no-match target, read with its matches: the menu is made when the split is no longer in the cache */
  noMatch: unknown;
}

/** A Studio re-prompt: a handler that goes back to its own gather, through `say` when there is one. */
export interface Reprompt {
  say?: StudioState;
}

/** A gather's re-prompt loops, by the handler of our node that takes them. */
export interface GatherReprompts {
  noInput?: Reprompt;
  noMatch?: Reprompt;
}

/** A gather's re-prompt loops, and the splits that read it where it becomes one `menu`. */
export interface GatherPlan extends GatherReprompts {
  splits?: MenuSplit[];
}

/** Each gather's plan, and the widgets that vanish into the gathers' nodes. */
export interface GatherPlans {
  /** by the gather's name: one map, so the widget loop asks once per gather and the Liquid scope keeps no set of menus */
  byGather: Map<string, GatherPlan>;
  /**
   * splits and re-prompts nothing but their gather (and its splits) route to: the gather's node
   * replaces them. The widgets themselves, the first of their names: a name would be looked up
   * again to tell the first of a repeated name from the others.
   */
  absorbed: Set<StudioState>;
}

const INPUT_EVENTS = new Set(['keypress', 'speech']);

/** The widgets that route to each widget: a name alone while there is one, a set only for the few with several (a set for every widget is most of the import's garbage). */
type Referrers = Map<string, string | Set<string>>;

function addReferrer(referrers: Referrers, target: string, name: string): void {
  const known = referrers.get(target);
  if (known === undefined) referrers.set(target, name);
  else if (typeof known === 'string') {
    if (known !== name) referrers.set(target, new Set([known, name]));
  } else known.add(name);
}

/** Whether every widget that routes to `target` passes `accept` (so does one nothing routes to). */
function isReferredOnlyBy(referrers: Referrers, target: string, accept: (name: string) => boolean): boolean {
  const known = referrers.get(target);
  if (known === undefined) return true;
  if (typeof known === 'string') return accept(known);
  for (const name of known) if (!accept(name)) return false;
  return true;
}

/**
 * A gather whose keypress and speech transitions all go to splits on its own Digits or
 * SpeechResult, with conditions a menu can express, becomes one menu (the caller's one step);
 * so does one whose keypress goes to a split on Digits and whose speech goes elsewhere.
 * A timeout or no-match that goes back to the gather, straight or through one say-play only
 * the gather's node reaches, is a re-prompt loop: the node's own retries take its place.
 */
export function planGathers(states: StudioState[], byName: FirstByName<StudioState>, entryName: string): GatherPlans {
  const gathers: GatherCandidate[] = [];
  // forEach: a for-of over every widget made an iterator result per widget
  states.forEach((gather) => {
    if (gather.type === 'gather-input-on-call' && byName.getFirst(gather.name) === gather) gathers.push(toGatherCandidate(gather, byName));
  });
  const referrers = getReferrers(states, entryName, getAskedTargets(gathers));
  const plans: GatherPlans = { byGather: new Map(), absorbed: new Set() };
  for (const { gather, splits, onTimeout, timeoutSay, onNoMatch, noMatchSay } of gathers) {
    // a list: the gather and its few splits, where a set per gather was a table to make and fill
    const insiders = [gather.name];
    // indexed walks and no array of the two handlers: iterator results and arrays per gather add up over 100,000 widgets
    const isFromGather = (name: string) => name === gather.name;
    for (let index = 0; splits !== undefined && index < splits.length; index++) {
      const { split } = splits[index]!;
      if (!isReferredOnlyBy(referrers, split.name, isFromGather)) continue;
      insiders.push(split.name);
      plans.absorbed.add(split);
    }
    const plan: GatherPlan = {};
    const noInput = findReprompt(gather.name, onTimeout, timeoutSay, referrers, insiders);
    if (noInput) plan.noInput = noInput;
    if (splits !== undefined) {
      plan.splits = splits;
      const noMatch = findReprompt(gather.name, onNoMatch, noMatchSay, referrers, insiders);
      if (noMatch) plan.noMatch = noMatch;
    }
    plans.byGather.set(gather.name, plan);
    if (plan.noInput?.say) plans.absorbed.add(plan.noInput.say);
    if (plan.noMatch?.say) plans.absorbed.add(plan.noMatch.say);
  }
  return plans;
}

/**
 * A gather of the plans with where its handlers go, and the say-play there that may be a
 * re-prompt: read once, for the targets whose referrers are asked and for the loops.
 */
interface GatherCandidate {
  gather: StudioState;
  splits: MenuSplit[] | undefined;
  onTimeout: unknown;
  timeoutSay: StudioState | undefined;
  /** the splits' shared no-match target; undefined without splits */
  onNoMatch: unknown;
  noMatchSay: StudioState | undefined;
}

function toGatherCandidate(gather: StudioState, byName: FirstByName<StudioState>): GatherCandidate {
  const splits = findMenuSplits(gather, byName);
  const onTimeout = getEventTarget(gather, 'timeout');
  const onNoMatch = splits === undefined ? undefined : getNoMatchTarget(splits);
  const timeoutSay = getRepromptSay(gather.name, onTimeout, byName);
  return { gather, splits, onTimeout, timeoutSay, onNoMatch, noMatchSay: getRepromptSay(gather.name, onNoMatch, byName) };
}

/** The no-match target all of a menu's splits share; undefined where they differ. */
function getNoMatchTarget(splits: readonly MenuSplit[]): unknown {
  // compared in a loop: asked twice per gather, a set and two arrays were made each time
  if (splits.length === 0) return undefined;
  const target = splits[0]!.noMatch;
  for (let index = 1; index < splits.length; index++) if (splits[index]!.noMatch !== target) return undefined;
  return target;
}

/** The widgets whose referrers the plans ask about: the splits and the say-plays that may be re-prompts. */
function getAskedTargets(gathers: readonly GatherCandidate[]): Set<string> {
  const asked = new Set<string>();
  for (const { splits, timeoutSay, noMatchSay } of gathers) {
    if (timeoutSay !== undefined) asked.add(timeoutSay.name);
    if (splits === undefined) continue;
    for (const { split } of splits) asked.add(split.name);
    if (noMatchSay !== undefined) asked.add(noMatchSay.name);
  }
  return asked;
}

/** The referrers of the `asked` widgets only: a map over every widget of the export was most of the planning's time. */
function getReferrers(states: StudioState[], entryName: string, asked: ReadonlySet<string>): Referrers {
  const referrers: Referrers = new Map();
  if (asked.has(entryName)) referrers.set(entryName, '(incoming call)');
  // forEach and an index: for-of made an iterator result per widget and per transition
  states.forEach((state) => {
    const { transitions } = state;
    for (let index = 0; index < transitions.length; index++) {
      const next = getNext(transitions[index]!);
      if (typeof next === 'string' && asked.has(next)) addReferrer(referrers, next, state.name);
    }
  });
  return referrers;
}

/** The splits a one-key gather's input goes to, when all of them are menu choices on this gather. */
function findMenuSplits(gather: StudioState, byName: FirstByName<StudioState>): MenuSplit[] | undefined {
  if ((readNumber(gather.properties.number_of_digits) ?? 1) > 1) return undefined;
  // a list of the one or two targets (keypress, speech), where a set per gather was a table to make and fill
  const targets: string[] = [];
  for (const transition of gather.transitions) {
    const next = getNext(transition);
    if (INPUT_EVENTS.has(getEvent(transition)) && typeof next === 'string' && next !== '' && !targets.includes(next)) targets.push(next);
  }
  const splits: MenuSplit[] = [];
  for (const name of targets) {
    const split = byName.getFirst(name);
    const matches = split === undefined ? undefined : getMenuMatches(split, gather.name);
    if (split === undefined || matches === undefined) break;
    splits.push({ split, matches, noMatch: getEventTarget(split, 'noMatch') });
  }
  if (splits.length > 0 && splits.length === targets.length) return splits;
  // Keys to a split on Digits and speech elsewhere: the menu's speech.next keeps the speech route.
  const keypress = getEventTarget(gather, 'keypress');
  const onKeys = typeof keypress === 'string' ? byName.getFirst(keypress) : undefined;
  const onSpeech = getEventTarget(gather, 'speech');
  if (onKeys === undefined || typeof onSpeech !== 'string' || onSpeech === '' || onSpeech === onKeys.name) return undefined;
  const matches = getMenuMatches(onKeys, gather.name);
  return matches?.every((match) => match.phrases.length === 0) ? [{ split: onKeys, matches, noMatch: getEventTarget(onKeys, 'noMatch') }] : undefined;
}

/** Where the gather's speech goes when no split of its menu reads it: the menu's `speech.next`. */
function getSpeechNext(ctx: ImportContext, id: string, gather: StudioState, splits: MenuSplit[]): string | undefined {
  const onSpeech = getEventTarget(gather, 'speech');
  if (typeof onSpeech !== 'string' || onSpeech === '' || splits.some(({ split }) => split.name === onSpeech)) return undefined;
  return ctx.target(id, onSpeech, 'speech of gather', gather.name);
}

/**
 * The re-prompt loop a handler's target makes: the gather itself, or a say-play that goes
 * nowhere but back to it (`say`, from getRepromptSay) and that only `insiders` (the gather,
 * its absorbed splits) reach.
 */
function findReprompt(gatherName: string, target: unknown, say: StudioState | undefined, referrers: Referrers, insiders: readonly string[]): Reprompt | undefined {
  if (target === gatherName) return {};
  return say !== undefined && isReferredOnlyBy(referrers, say.name, (name) => insiders.includes(name)) ? { say } : undefined;
}

/** The say-play a handler's target is when it goes nowhere but back to the gather, whoever else reaches it. */
function getRepromptSay(gatherName: string, target: unknown, byName: FirstByName<StudioState>): StudioState | undefined {
  if (typeof target !== 'string' || target === gatherName) return undefined;
  const say = byName.getFirst(target);
  if (say?.type !== 'say-play' || getEventTarget(say, 'audioComplete') !== gatherName) return undefined;
  return say.transitions.every((transition) => {
    const next = getNext(transition);
    return next === undefined || next === null || next === '' || next === gatherName;
  }) ? say : undefined;
}

/** The condition types a menu can express, by what the split tests. */
const KEY_TESTS: ReadonlySet<string> = new Set(['equal_to', 'matches_any_of']);
const PHRASE_TESTS: ReadonlySet<string> = new Set(['equal_to', 'matches_any_of', 'contains']);

/** The split's match routes as menu choices; undefined when any of them is not a key or phrase test on this gather. */
function getMenuMatches(split: StudioState, gatherName: string): MenuMatch[] | undefined {
  if (split.type !== 'split-based-on') return undefined;
  const input = readString(split.properties.input);
  // built once per split, not once per route
  const digits = `widgets.${gatherName}.Digits`;
  const speechResult = `widgets.${gatherName}.SpeechResult`;
  // a split's routes mostly name the same argument: read its variable once
  let lastArgument: string | undefined;
  let lastVariable: string | undefined;
  const matches: MenuMatch[] = [];
  for (const transition of split.transitions) {
    if (getEvent(transition) === 'noMatch') continue;
    const condition = readOnlyCondition(transition);
    if (condition === undefined) return undefined;
    if (lastArgument === undefined || condition.argument !== lastArgument) {
      lastArgument = condition.argument;
      lastVariable = getTestedVariable(condition, input);
    }
    const isKeyTest = lastVariable === digits && KEY_TESTS.has(condition.type);
    if (!isKeyTest && !(lastVariable === speechResult && PHRASE_TESTS.has(condition.type))) return undefined;
    if (isKeyTest && condition.type === 'equal_to') {
      const key = ONE_KEY_LISTS.get(condition.value.trim());
      if (key === undefined) return undefined;
      matches.push({ keys: key, phrases: NO_PHRASES, next: getNext(transition) });
      continue;
    }
    const values = condition.type === 'matches_any_of' ? splitList(condition.value) : [condition.value.trim()];
    if (values.length === 0 || values.includes('')) return undefined;
    if (!isKeyTest) {
      matches.push({ keys: NO_KEYS, phrases: values, next: getNext(transition) });
      continue;
    }
    if (!values.every(isDtmfKey)) return undefined;
    matches.push({ keys: values, phrases: NO_PHRASES, next: getNext(transition) });
  }
  return matches.length > 0 ? matches : undefined;
}

/** Shared by every match without keys or phrases: a match's lists are only read. */
const NO_KEYS: DtmfKey[] = [];
const NO_PHRASES: string[] = [];

/**
 * The list of one key, by the key, shared by every match on it (only read too): a list per key
 * match was 50,000 arrays that lived until the menus were made.
 */
const ONE_KEY_LISTS: ReadonlyMap<string, DtmfKey[]> = new Map(DtmfKeySchema.options.map((key) => [key, [key]]));

function gatherPrompt(ctx: ImportContext, id: string, gather: StudioState): Prompt {
  return toPrompt(ctx, id, { text: readText(gather.properties.say), audioUrl: readText(gather.properties.play), missing: () => `gather "${gather.name}" has no say or play` });
}

/** Events of a gather other than input and timeout have no counterpart in our nodes. */
function reportOtherEvents(ctx: ImportContext, id: string, gather: StudioState): void {
  for (const transition of gather.transitions) {
    const event = getEvent(transition);
    const next = getNext(transition);
    if (INPUT_EVENTS.has(event) || event === 'timeout' || typeof next !== 'string') continue;
    ctx.findings.lose(id, `event "${event}" of gather "${gather.name}" has no counterpart: its route to "${next}" was dropped`);
  }
}

/**
 * The handler of a gather's timeout or no-match. Studio re-prompts by an explicit loop back to
 * the gather; where the handler is such a loop it becomes the node's own retries (the say-play
 * as the re-prompt) that go back to the node after the last one, as Studio's loop never ends.
 * Any other handler takes `next` at once, as in Studio.
 */
function createRetryHandler(ctx: ImportContext, id: string, gather: StudioState, handler: 'noInput' | 'noMatch', next: string | undefined, loop: Reprompt | undefined): RetryHandler {
  if (loop === undefined) return toRetryHandler(0, next);
  const retries = DEFAULTS.retries;
  const { say } = loop;
  if (say === undefined) return { retries, next: id };
  const prompt = toPrompt(ctx, id, { text: readText(say.properties.say), audioUrl: readText(say.properties.play), missing: () => `say-play "${say.name}" has no say or play` });
  ctx.findings.warn(id, `the re-prompt loop of gather "${gather.name}" through "${say.name}" became ${handler} with ${retries} retries and "${say.name}" as the re-prompt; Studio repeats it without end, so after the last re-prompt the call starts "${gather.name}" again`);
  return { retries, prompt, next: id };
}

/** `{ retries, next }` with `next` only where there is one: a spread built a throwaway object per handler. */
function toRetryHandler(retries: number, next: string | undefined): RetryHandler {
  const handler: RetryHandler = { retries };
  if (next !== undefined) handler.next = next;
  return handler;
}

/** What a gather listens for, with only the fields it has, in the schema's order. */
function toSpeech(language: string | undefined, hints: string[], next: string | undefined): { language?: string; hints?: string[]; next?: string } {
  const speech: { language?: string; hints?: string[]; next?: string } = {};
  if (language) speech.language = language;
  if (hints.length > 0) speech.hints = hints;
  if (next !== undefined) speech.next = next;
  return speech;
}

/**
 * Options for the match routes, `targets` being their resolved next steps: a choice reached by
 * a key and by speech ("1" or "sales") is one option with both, so a speaking caller and a
 * pressing one pick the same thing. A choice is listed where its first route is.
 */
function toMenuOptions(matches: readonly MenuMatch[], targets: ReadonlyArray<string | undefined>): MenuOption[] {
  const options: MenuOption[] = [];
  for (let index = 0; index < matches.length; index++) {
    const next = targets[index];
    if (next !== undefined && targets.indexOf(next) < index) continue;
    const { keys, phrases } = next === undefined ? matches[index]! : mergeRoutesTo(matches, targets, index);
    if (keys.length === 0) options.push(toMenuOption(undefined, phrases, next));
    // the phrases go with the first key: one option per choice, further keys as plain aliases
    for (let at = 0; at < keys.length; at++) options.push(toMenuOption(keys[at], at === 0 ? phrases : NO_PHRASES, next));
  }
  return options;
}

/**
 * The keys and phrases of every route to the target of route `first`, in order; a phrase a
 * route repeats from an earlier one is left out. New lists are made only where routes merge
 * (a match's own lists are the plan's), once per merged route rather than per option.
 */
function mergeRoutesTo(matches: readonly MenuMatch[], targets: ReadonlyArray<string | undefined>, first: number): { keys: DtmfKey[]; phrases: string[] } {
  let { keys, phrases } = matches[first]!;
  for (let index = first + 1; index < matches.length; index++) {
    if (targets[index] !== targets[first]) continue;
    const match = matches[index]!;
    // a key route and a phrase route to one choice merge mostly with one list empty: the other is taken as it is, not copied
    if (match.keys.length > 0) keys = keys.length === 0 ? match.keys : keys.concat(match.keys);
    if (match.phrases.length > 0) phrases = phrases.length === 0 ? match.phrases : mergePhrases(phrases, match.phrases);
  }
  return { keys, phrases };
}

/** `known` and then the phrases of `added` it lacks. */
function mergePhrases(known: string[], added: readonly string[]): string[] {
  return known.concat(added.filter((phrase) => !known.includes(phrase)));
}

/** An option with only the fields it has, in the schema's order (key, phrases, next), built without spreads. */
function toMenuOption(key: DtmfKey | undefined, phrases: string[], next: string | undefined): MenuOption {
  // an empty literal keeps room for the three fields in the object itself
  const option: MenuOption = {};
  if (key !== undefined) option.key = key;
  if (phrases.length > 0) option.phrases = phrases;
  if (next !== undefined) option.next = next;
  return option;
}

/** A match route in a finding's words: `key 1/2` or `"sales", "billing"`. */
function describeMatch(match: MenuMatch): string {
  return match.keys.length > 0 ? `key ${match.keys.join('/')}` : `"${match.phrases.join('", "')}"`;
}

/**
 * The node an earlier route of the menu resolved `next` to: a choice's key and its phrase mostly
 * go to one widget, looked up once rather than once per route in a 100,000-name map. Undefined
 * where none did, a name that did not resolve included (its finding is made per route).
 */
function findResolvedTarget(matches: readonly MenuMatch[], targets: ReadonlyArray<string | undefined>, next: unknown): string | undefined {
  for (let index = 0; index < matches.length; index++) {
    if (targets[index] !== undefined && matches[index]!.next === next) return targets[index];
  }
  return undefined;
}

/** The gather and its splits as one menu. */
export function createGatherMenu(ctx: ImportContext, id: string, gather: StudioState, splits: MenuSplit[], reprompts: GatherReprompts = {}): NodeOfKind<'menu'> {
  // every split's match routes in order, with their resolved next steps beside them
  const matches: MenuMatch[] = [];
  const targets: Array<string | undefined> = [];
  let noMatch: string | undefined;
  splits.forEach(({ split, matches: splitMatches, noMatch: splitNoMatchName }, index) => {
    for (const match of splitMatches) {
      targets.push(findResolvedTarget(matches, targets, match.next) ?? ctx.target(id, match.next, () => `${describeMatch(match)} of split "${split.name}"`));
      matches.push(match);
    }
    if (reprompts.noMatch !== undefined) return;
    const splitNoMatch = ctx.target(id, splitNoMatchName, 'no match of split', split.name);
    if (index === 0) noMatch = splitNoMatch;
    else if (splitNoMatch !== undefined && splitNoMatch !== noMatch) {
      ctx.findings.lose(id, `split "${split.name}" sends no-match to "${splitNoMatch}", but the menu's no-match already goes to "${noMatch ?? 'nowhere'}": that route was dropped`);
    }
  });
  const options = toMenuOptions(matches, targets);
  reportOtherEvents(ctx, id, gather);
  const props = gather.properties;
  const noInput = reprompts.noInput !== undefined ? undefined : ctx.target(id, getEventTarget(gather, 'timeout'), 'timeout of gather', gather.name);
  const timeout = inRange(readNumber(props.timeout), 0.1, 600) ?? inRange(readNumber(props.speech_timeout), 0.1, 600);
  const speechNext = getSpeechNext(ctx, id, gather, splits);
  const speaks = speechNext !== undefined || options.some((option) => option.phrases !== undefined);
  const language = toLanguageTag(props.speech_language) ?? toLanguageTag(props.language);
  const hints = splitList(readString(props.hints) ?? '');
  const label = toSourceLabel(id, gather.name);
  const description = `Imported from Twilio Studio gather "${gather.name}" and split${splits.length > 1 ? 's' : ''} ${splits.map(({ split }) => `"${split.name}"`).join(', ')}`;
  // one literal of the leading fields, the optional ones assigned after them in the schema's order
  const node: NodeOfKind<'menu'> = label === undefined
    ? { kind: 'menu', description, prompt: gatherPrompt(ctx, id, gather), options }
    : { kind: 'menu', label, description, prompt: gatherPrompt(ctx, id, gather), options };
  if (speaks) node.speech = toSpeech(language, hints, speechNext);
  if (timeout !== undefined) node.timeout = timeout;
  node.noInput = createRetryHandler(ctx, id, gather, 'noInput', noInput, reprompts.noInput);
  node.noMatch = createRetryHandler(ctx, id, gather, 'noMatch', noMatch, reprompts.noMatch);
  return node;
}

/**
 * A gather no split reads as a menu: it collects whatever the caller enters into
 * `widgets.<name>.Digits`, which is what an `input` node does. Studio's keypress takes any
 * entry, so the input's invalid route goes on where valid digits do, with no re-prompt.
 * A gather with a speech route listens for speech too: what is said goes into the same
 * variable, and on by `speech.next` where the speech route goes elsewhere.
 */
export function createGatherInput(ctx: ImportContext, id: string, gather: StudioState, reprompts: GatherReprompts = {}): NodeOfKind<'input'> {
  const props = gather.properties;
  const onKeys = ctx.target(id, getEventTarget(gather, 'keypress'), 'keypress of gather', gather.name);
  const onSpeech = ctx.target(id, getEventTarget(gather, 'speech'), 'speech of gather', gather.name);
  const next = onKeys ?? onSpeech;
  const language = toLanguageTag(props.speech_language) ?? toLanguageTag(props.language);
  const hints = splitList(readString(props.hints) ?? '');
  // Where speech goes on too, the input listens for it; speech.next keeps a speech route of its own.
  const speech = onSpeech === undefined ? undefined : toSpeech(language, hints, onSpeech !== next ? onSpeech : undefined);
  reportOtherEvents(ctx, id, gather);
  const noInput = reprompts.noInput !== undefined ? undefined : ctx.target(id, getEventTarget(gather, 'timeout'), 'timeout of gather', gather.name);
  const digits = toInteger(readNumber(props.number_of_digits), 1, 64);
  const finishOnKey = readString(props.finish_on_key);
  const timeout = inRange(readNumber(props.timeout), 0.1, 600);
  const variable = `widgets.${gather.name}.Digits`;
  const goesOn = next !== undefined ? `; any entry goes on to "${next}", as in Studio` : '';
  ctx.findings.warn(id, `gather "${gather.name}" is not followed by a split on its Digits or SpeechResult that a menu can express: imported as an input node that stores the entry in "${variable}"${goesOn}`);
  const label = toSourceLabel(id, gather.name);
  const node: NodeOfKind<'input'> = label === undefined
    ? { kind: 'input', prompt: gatherPrompt(ctx, id, gather), variable }
    : { kind: 'input', label, prompt: gatherPrompt(ctx, id, gather), variable };
  if (digits !== undefined) node.maxDigits = digits;
  if (finishOnKey === '#' || finishOnKey === '*' || finishOnKey === '') node.finishOnKey = finishOnKey;
  if (timeout !== undefined) node.timeout = timeout;
  if (next !== undefined) node.next = next;
  if (speech !== undefined) node.speech = speech;
  node.noInput = createRetryHandler(ctx, id, gather, 'noInput', noInput, reprompts.noInput);
  node.invalid = toRetryHandler(0, next);
  return node;
}
